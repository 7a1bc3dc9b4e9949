import { describe, expect, it } from 'vitest';
import { newOrderNumber, ORDER_NUMBER_PATTERN } from './order';
import { validateShipping } from './schema';
import { VALID_SHIPPING } from './test-fixtures';

describe('checkout validation', () => {
  it('accepts a complete address and trims it', () => {
    const r = validateShipping({ ...VALID_SHIPPING, city: '  London ' });
    expect(r.ok && r.data.city).toBe('London');
  });

  it('reports one message per invalid field', () => {
    const r = validateShipping({ ...VALID_SHIPPING, email: 'nope', fullName: ' ', postalCode: '!' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toEqual({
        email: 'Enter a valid email address',
        fullName: 'Full name is required',
        postalCode: 'Enter a valid postal code',
      });
    }
  });

  it('rejects missing fields', () => {
    const r = validateShipping({});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['address', 'city', 'country', 'email', 'fullName', 'postalCode']);
  });
});

describe('order numbers', () => {
  it('look like LJ-XXXXXX and differ', () => {
    const a = newOrderNumber();
    expect(a).toMatch(ORDER_NUMBER_PATTERN);
    expect(new Set(Array.from({ length: 50 }, newOrderNumber)).size).toBe(50);
  });
});
