import { fullNumber } from './json-text';
import { EvaluationError, NotEvaluated } from '../evaluation-error';
import { isObject, Reference, Unknown, Value } from '../value';

/**
 * How Terraform's functions take their arguments: a parameter of type string accepts a number or
 * a boolean (converted), a number accepts a string that reads as one, and anything else is an
 * error Terraform reports (and `try` catches). The helpers here convert or throw EvaluationError.
 */

/** How a value is named in a message: `a string`, `a list`, `null`. */
export function typeName(value: Value): string {
  if (value === null) return 'null';
  if (value instanceof Unknown || value instanceof Reference) return 'an unknown value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'boolean' ? 'a boolean' : `a ${typeof value}`;
}

export function asString(value: Value, what: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return String(value);
  throw new EvaluationError(`${what} must be a string, not ${typeName(value)}`);
}

/** A number as Terraform converts it to a string: in full, never with an exponent (`1e+21` is `1000000000000000000000`). */
export function numberText(value: number): string {
  return fullNumber(value);
}

export function asNumber(value: Value, what: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  throw new EvaluationError(`${what} must be a number, not ${typeName(value)}`);
}

/** A whole number, as Terraform's functions that take counts and offsets need. */
export function asInteger(value: Value, what: string): number {
  const number = asNumber(value, what);
  if (!Number.isInteger(number)) throw new EvaluationError(`${what} must be a whole number, not ${number}`);
  return number;
}

export function asBool(value: Value, what: string): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new EvaluationError(`${what} must be a boolean, not ${typeName(value)}`);
}

export function asList(value: Value, what: string): Value[] {
  if (Array.isArray(value)) return value;
  throw new EvaluationError(`${what} must be a list, not ${typeName(value)}`);
}

export function asMap(value: Value, what: string): { [key: string]: Value } {
  if (isObject(value)) return value;
  throw new EvaluationError(`${what} must be a map or an object, not ${typeName(value)}`);
}

/** The strings of a list (elements converted as Terraform converts them; null refused). */
export function asStrings(value: Value, what: string): string[] {
  return asList(value, what).map((item, i) => asString(item, `element ${i} of ${what}`));
}

/**
 * How many elements a value this review builds may have. Terraform builds them in memory too, but
 * a review must not be made to: a `setproduct` of a few large lists, a repeated string of a
 * gigabyte. Past it, the value is not evaluated (unknown, and the report says why).
 */
export const MAX_BUILT_SIZE = 1_000_000;

export function checkSize(size: number, what: string): void {
  if (size > MAX_BUILT_SIZE) throw new NotEvaluated(`${what} would hold more than ${MAX_BUILT_SIZE.toLocaleString('en-US')} elements or characters`);
}

// Made on first use: the first segmenter of a process costs 10 ms, which a review that calls no
// string function should not pay.
let segmenter: Intl.Segmenter | undefined;

/** Unicode characters as Terraform counts them (grapheme clusters: `"🤷🏽"` is one). */
export function graphemes(text: string): string[] {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  return Array.from(segmenter.segment(text), (s) => s.segment);
}
