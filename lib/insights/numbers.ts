// Figures as the reports answer them: counts are whole numbers, money has two decimals.
import { z } from 'zod';

export const count = z.int().min(0);
export const money = z.number().min(0).refine((value) => Number(value.toFixed(2)) === value, 'must have at most two decimals');

/** PostgreSQL's NUMERIC arrives as text: to a number rounded to cents. */
export const toMoney = (value: string | number | null): number => Math.round(Number(value ?? 0) * 100) / 100;

/** A share from 0 to 1, as the rate and share figures answer it. */
export const share = z.number().min(0).max(1);

/** part / whole to four decimals, 0 when there is no whole (no sessions, no buyers). */
export const ratio = (part: number, whole: number): number => (whole ? Math.round((part / whole) * 10_000) / 10_000 : 0);
