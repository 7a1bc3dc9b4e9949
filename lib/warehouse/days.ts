import { EVENTS_PREFIX } from '@/lib/ingest/layout';

/** A day of the layout as its path, `YYYY/MM/DD`: sorts like the calendar. */
export type Day = string;

export const DAY_SHAPE = /^\d{4}\/\d{2}\/\d{2}$/;

export function dayPrefix(day: Day): string {
  return `${EVENTS_PREFIX}${day}/`;
}

/** The day folder a key sits in (check it with DAY_SHAPE when the key is not known to be an event's). */
export function dayOfKey(key: string): Day {
  return key.slice(EVENTS_PREFIX.length, EVENTS_PREFIX.length + 10);
}

export function shiftDay(day: Day, days: number): Day {
  const date = new Date(`${day.replaceAll('/', '-')}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10).replaceAll('-', '/');
}
