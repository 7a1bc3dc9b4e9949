import { randomInt } from 'node:crypto';

// No 0/O or 1/I: order numbers get read out over the phone.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function newOrderNumber(): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `LJ-${code}`;
}

export const ORDER_NUMBER_PATTERN = /^LJ-[A-Z0-9]{6}$/;
