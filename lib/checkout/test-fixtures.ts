import type { ShippingDetails } from './schema';

/** Shipping details that pass validation, for the checkout tests to vary one field at a time. */
export const VALID_SHIPPING: ShippingDetails = {
  email: 'ada@example.com',
  fullName: 'Ada Lovelace',
  address: '12 St James Square',
  city: 'London',
  postalCode: 'SW1Y 4JH',
  country: 'United Kingdom',
};
