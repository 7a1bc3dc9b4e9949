import { z } from 'zod';

const required = (label: string, max = 120) =>
  z.string().trim().min(1, `${label} is required`).max(max, `${label} is too long`);

/** Shared by the form (inline errors) and the server action (the check that counts). */
export const shippingSchema = z.object({
  email: z.string().trim().min(1, 'Email is required').pipe(z.email('Enter a valid email address')),
  fullName: required('Full name'),
  address: required('Address', 200),
  city: required('City'),
  postalCode: required('Postal code', 12).regex(/^[A-Za-z0-9][A-Za-z0-9 -]{1,10}$/, 'Enter a valid postal code'),
  country: required('Country', 60),
});
export type ShippingDetails = z.infer<typeof shippingSchema>;
export type ShippingField = keyof ShippingDetails;
export type FieldErrors = Partial<Record<ShippingField, string>>;

export const SHIPPING_FIELDS: { name: ShippingField; label: string; autoComplete: string; type?: string }[] = [
  { name: 'email', label: 'Email', autoComplete: 'email', type: 'email' },
  { name: 'fullName', label: 'Full name', autoComplete: 'name' },
  { name: 'address', label: 'Address', autoComplete: 'street-address' },
  { name: 'city', label: 'City', autoComplete: 'address-level2' },
  { name: 'postalCode', label: 'Postal code', autoComplete: 'postal-code' },
  { name: 'country', label: 'Country', autoComplete: 'country-name' },
];

export function validateShipping(input: unknown): { ok: true; data: ShippingDetails } | { ok: false; errors: FieldErrors } {
  const result = shippingSchema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as ShippingField;
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}
