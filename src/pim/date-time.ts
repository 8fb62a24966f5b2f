import { isUnresolved } from '../private/cdktf-runtime';

// RFC 3339, the profile of ISO 8601 both providers parse: seconds and an offset are required.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|([+-])(\d{2}):(\d{2}))$/;

/** What a schedule date-time must look like, for error messages. */
export const DATE_TIME_ACCEPTED =
  'an ISO 8601 date-time with seconds and a UTC offset, e.g. 2025-07-01T08:00:00Z or 2025-07-01T10:00:00+02:00, or a token such as time_static.rfc3339';

/**
 * The instant a literal date-time names, in milliseconds since the epoch, or an error text.
 * Computed with Date.UTC from the written fields: no clock is read, so synth stays repeatable.
 * @internal
 */
export function parseDateTime(text: string): number | string {
  const match = DATE_TIME.exec(text);
  if (!match) return 'is not an ISO 8601 date-time';
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  if (month < 1 || month > 12) return `has month ${month}`;
  if (day < 1 || day > daysInMonth(year, month)) return `has day ${day}, which ${year}-${String(month).padStart(2, '0')} does not have`;
  if (hour > 23 || minute > 59 || second > 59) return `has time ${match[4]}:${match[5]}:${match[6]}`;
  let offsetMinutes = 0;
  if (match[8] !== 'Z') {
    const [offsetHours, offsetMins] = [Number(match[10]), Number(match[11])];
    if (offsetHours > 23 || offsetMins > 59) return `has offset ${match[8]}`;
    offsetMinutes = (match[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000;
}

/**
 * Checks a date-time given as input: a token passes as it is (known at apply), literal text
 * must be a valid ISO 8601 date-time. Returns the instant, or undefined for a token.
 * @internal
 */
export function checkDateTime(path: string, what: string, text: string): number | undefined {
  if (isUnresolved(text)) return undefined;
  const parsed = typeof text === 'string' ? parseDateTime(text.trim()) : 'is not a string';
  if (typeof parsed === 'string') {
    throw new Error(`${path}: ${what} ${JSON.stringify(text ?? null)} ${parsed}. Accepted: ${DATE_TIME_ACCEPTED}.`);
  }
  return parsed;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
