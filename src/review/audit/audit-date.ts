import { isCalendarDate } from '../../private/calendar-date';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** `today` is an input, never the clock, so an audit of the same exports always says the same. */
export function checkToday(today: string): void {
  if (!isCalendarDate(today)) {
    throw new Error(`today must be a date written YYYY-MM-DD; got "${today}".`);
  }
}

/** The UTC calendar day of an ISO date-time (`2026-09-30T12:00:00Z` is 2026-09-30), or undefined when it is not one. */
export function dayOf(dateTime: string): string | undefined {
  const day = dateTime.slice(0, 10);
  // Without an offset, Date.parse reads a date-time as local time; Graph means UTC.
  const utc = /T[\d:.]+$/.test(dateTime) ? `${dateTime}Z` : dateTime;
  const time = Date.parse(utc);
  return DATE.test(day) && !Number.isNaN(time) ? new Date(time).toISOString().slice(0, 10) : undefined;
}

/** Whole days from one `YYYY-MM-DD` to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}
