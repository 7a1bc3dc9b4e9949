// Figures as the reports answer them: counts are whole numbers, money has two decimals.
import { z } from 'zod';

export const count = z.int().min(0);
export const money = z.number().min(0).refine((value) => Number(value.toFixed(2)) === value, 'must have at most two decimals');

/** PostgreSQL's NUMERIC arrives as text: to a number rounded to cents. */
export const toMoney = (value: string | number | null): number => Math.round(Number(value ?? 0) * 100) / 100;
