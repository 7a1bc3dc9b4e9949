// Written from docs/testing.md alone (its complete example): the cart page's quantity stepper and
// Remove button, through the tracking test kit.
import { expect, test } from './clickstream';

const RING = { id: 'lj-r02', slug: 'celeste-sapphire-ring', name: 'Celeste Sapphire Ring' };

test('changing a cart line quantity and removing the line send the cart events', async ({ page, clickstream }) => {
  await page.goto(`/products/${RING.slug}`);
  await clickstream.expectEvent({ event_name: 'product_view', context_product_id: RING.id });
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await clickstream.expectEvent({ event_name: 'add_to_cart', context_product_id: RING.id, quantity: 1 });

  await page.goto('/cart');
  await page.getByRole('button', { name: `Increase quantity of ${RING.name}` }).click();
  await page.getByRole('button', { name: `Increase quantity of ${RING.name}` }).click();
  await expect(page.getByLabel('Quantity 3')).toBeVisible();
  // Each step of the stepper sends the change, not the new total.
  await clickstream.expectSequence([
    { event_name: 'add_to_cart', context_product_id: RING.id, quantity: 1, page_path: `/products/${RING.slug}` },
    { event_name: 'add_to_cart', context_product_id: RING.id, quantity: 1, page_path: '/cart' },
    { event_name: 'add_to_cart', context_product_id: RING.id, quantity: 1, page_path: '/cart' },
  ]);

  await page.getByRole('button', { name: `Decrease quantity of ${RING.name}` }).click();
  await clickstream.expectExactlyOnce({ event_name: 'remove_from_cart', quantity: 1, page_path: '/cart' });

  await page.getByRole('button', { name: /^Remove/ }).click();
  await expect(page.getByText('Your cart is empty.')).toBeVisible();
  const removed = await clickstream.expectEvent({ event_name: 'remove_from_cart', context_product_id: RING.id, quantity: 2 });
  expect(removed.identity_verified).toBe(false);
  await clickstream.expectNoEvent({ event_name: 'checkout_start' });
  expect(clickstream.rejected()).toEqual([]);
});
