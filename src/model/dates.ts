/**
 * Dates, in one place for the constructs, the guard, the configuration file, audit and the
 * command: calendar days (`YYYY-MM-DD`, for suppressions, migration windows and `today`) and
 * RFC 3339 instants (PIM schedules, Graph credential ends). Nothing here reads the clock except
 * {@link currentUtcDate}, which only the entry points (the guard, the command) call.
 */

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// RFC 3339, the profile of ISO 8601 both providers parse: seconds and an offset are required.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|([+-])(\d{2}):(\d{2}))$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** What a calendar date must look like, for error messages. */
export const CALENDAR_DATE_ACCEPTED = 'a real day written YYYY-MM-DD, e.g. 2027-01-31';

/** What a schedule date-time must look like, for error messages. */
export const DATE_TIME_ACCEPTED =
  'an ISO 8601 date-time with seconds and a UTC offset, e.g. 2025-07-01T08:00:00Z or 2025-07-01T10:00:00+02:00, or a token such as time_static.rfc3339';

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Why `year-month-day` is not a real day, or undefined when it is one. */
function dayProblem(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12) return `has month ${month}`;
  if (day < 1 || day > daysInMonth(year, month)) return `has day ${day}, which ${year}-${String(month).padStart(2, '0')} does not have`;
  return undefined;
}

/** Why a value is not a `YYYY-MM-DD` day (2027-02-30 is not one), or undefined when it is one. */
export function calendarDateProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'is not a string';
  const match = CALENDAR_DATE.exec(value);
  if (!match) return 'is not written YYYY-MM-DD';
  const [year, month, day] = match.slice(1, 4).map(Number);
  return dayProblem(year, month, day);
}

/** Whether a value is a real `YYYY-MM-DD` day. */
export function isCalendarDate(value: unknown): value is string {
  return calendarDateProblem(value) === undefined;
}

/** Throws, naming `what` and what is accepted, unless `value` is a real `YYYY-MM-DD` day. */
export function checkCalendarDate(what: string, value: unknown): string {
  const problem = calendarDateProblem(value);
  if (problem !== undefined) throw new Error(`${what} ${JSON.stringify(value ?? null)} ${problem}; expected ${CALENDAR_DATE_ACCEPTED}.`);
  return value as string;
}

/**
 * The instant an RFC 3339 date-time names, in milliseconds since the epoch, or an error text.
 * Computed with Date.UTC from the written fields: no clock is read, so synth stays repeatable.
 */
export function parseDateTime(text: string): number | string {
  const match = DATE_TIME.exec(text);
  if (!match) return 'is not an ISO 8601 date-time';
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const problem = dayProblem(year, month, day);
  if (problem !== undefined) return problem;
  if (hour > 23 || minute > 59 || second > 59) return `has time ${match[4]}:${match[5]}:${match[6]}`;
  let offsetMinutes = 0;
  if (match[8] !== 'Z') {
    const [offsetHours, offsetMins] = [Number(match[10]), Number(match[11])];
    if (offsetHours > 23 || offsetMins > 59) return `has offset ${match[8]}`;
    offsetMinutes = (match[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000;
}

/** The UTC calendar day of an instant. */
export function utcDateOf(instant: number): string {
  return new Date(instant).toISOString().slice(0, 10);
}

/**
 * The UTC calendar day of a date-time as exports write it (`2026-09-30T12:00:00Z`, or Graph's
 * form without an offset, which means UTC), or of a plain day; undefined when it is neither.
 */
export function dayOf(dateTime: string): string | undefined {
  if (isCalendarDate(dateTime)) return dateTime;
  const withOffset = /T\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(dateTime) ? `${dateTime}Z` : dateTime;
  const instant = parseDateTime(withOffset);
  return typeof instant === 'number' ? utcDateOf(instant) : undefined;
}

/** Whole days from one `YYYY-MM-DD` to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Today's UTC date: for the entry points only (the guard, the command), never for synthesized values. */
export function currentUtcDate(): string {
  return utcDateOf(Date.now());
}
