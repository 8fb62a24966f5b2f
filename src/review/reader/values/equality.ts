import { sortedKeys } from './terraform-order';
import { holdsUnknownText, isNeverEmpty, isObject, Reference, Unknown, unknownOf, Value } from './value';

/**
 * Terraform's `==`: values of different types are never equal (`1 == "1"` is false), null equals
 * only null, and a comparison with a value not known yet is unknown, unless a known part already
 * differs.
 *
 * Terraform also tells collection types apart (a list is not a tuple, a map not an object: the
 * famous `var.list == []` is always false), and this review does not track them. So two
 * collections that differ in content are unequal, as under any types; two that hold the same
 * content are unknown, and say why.
 */
export function equalityOf(a: Value, b: Value): boolean | Unknown {
  // A resource's id is not known until apply, but it is never null nor empty (value.ts).
  if ((isNeverEmptyReference(a) && (b === null || b === '')) || (isNeverEmptyReference(b) && (a === null || a === ''))) return false;
  if (isUnknown(a) || isUnknown(b)) return unknownOf('a comparison', [a, b]);
  if (a === null || b === null) return a === b;
  if (Array.isArray(a) || Array.isArray(b) || typeof a === 'object' || typeof b === 'object') {
    const content = sameContent(a, b);
    if (content !== true) return content;
    return new Unknown('a comparison of collections', 'comparing two collections depends on their Terraform types (list or tuple, map or object), which this review does not track');
  }
  return a === b;
}

function isNeverEmptyReference(value: Value): boolean {
  return value instanceof Reference && isNeverEmpty(value);
}

function isUnknown(value: Value): boolean {
  return value instanceof Unknown || value instanceof Reference || (typeof value === 'string' && holdsUnknownText(value));
}

/**
 * Whether two values hold the same content, element by element in order (keys in Terraform's
 * order): false at the first difference, unknown at an unknown met first, as Terraform compares.
 */
export function sameContent(a: Value, b: Value): boolean | Unknown {
  if (isUnknown(a) || isUnknown(b)) return unknownOf('a comparison', [a, b]);
  if (a === null || b === null) return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      const same = sameContent(a[i], b[i]);
      if (same !== true) return same;
    }
    return true;
  }
  if (isObject(a) || isObject(b)) {
    if (!isObject(a) || !isObject(b)) return false;
    const keys = sortedKeys(a);
    const otherKeys = sortedKeys(b);
    if (keys.length !== otherKeys.length || keys.some((k, i) => k !== otherKeys[i])) return false;
    for (const key of keys) {
      const same = sameContent(a[key], b[key]);
      if (same !== true) return same;
    }
    return true;
  }
  return a === b;
}

/** A text that stands for a wholly known value, for sets and `distinct`: equal texts, equal values. */
export function identityOf(value: Value): string {
  return JSON.stringify(value, (_key, v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(sortedKeys(v).map((k) => [k, (v as Record<string, unknown>)[k]])) : v));
}
