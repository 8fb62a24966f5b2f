import { sortedKeys } from '../terraform-order';
import { Reference, Unknown, Value } from '../value';

/**
 * A value as Terraform's `jsonencode` writes it: keys in order, no spaces, numbers in full
 * (`1e+21` is `1000000000000000000000`), and `<`, `>`, `&`, U+2028 and U+2029 escaped as
 * `\u003c`... A resource attribute or an unknown inside is written as the `${...}` text a
 * configuration writes, so an azapi body made with jsonencode still names what it refers to.
 */
export function jsonText(value: Value): string {
  if (value instanceof Reference) return quoted(`\${${value.path}}`);
  if (value instanceof Unknown) return quoted(`\${${value.source}}`);
  if (value === null) return 'null';
  if (typeof value === 'string') return quoted(value);
  if (typeof value === 'number') return fullNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  return `{${sortedKeys(value).map((k) => `${quoted(k)}:${jsonText(value[k])}`).join(',')}}`;
}

function quoted(text: string): string {
  return JSON.stringify(text).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A number in positional notation, however large or small, as Terraform writes numbers in JSON and strings. */
export function fullNumber(value: number): string {
  const text = String(value);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!m) return text;
  const [, sign, first, rest = '', exponentText] = m;
  const digits = first + rest;
  const point = 1 + Number(exponentText);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
