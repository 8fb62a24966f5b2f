import { DATE_TIME_ACCEPTED, parseDateTime } from '../model/dates';
import { isUnresolved } from '../private/cdktf-runtime';

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
