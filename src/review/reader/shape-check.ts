import { InputError } from './input-error';

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A record's own value for a key taken from the input: `record[key]` would answer
 * `constructor` or `__proto__` from Object.prototype.
 */
export function ownValue(record: JsonRecord | undefined, key: string): unknown {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A JSON pointer (RFC 6901) one step below `parent`. */
export function pointerTo(parent: string, key: string | number): string {
  return `${parent}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** What a JSON value is, for "expected ..., got ..." messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  switch (typeof value) {
    case 'string': return 'a string';
    case 'number': return 'a number';
    case 'boolean': return 'a boolean';
    case 'undefined': return 'nothing';
    default: return 'an object';
  }
}

export function expectRecord(file: string, place: string, value: unknown, expected = 'an object'): JsonRecord {
  if (!isRecord(value)) throw new InputError(file, `expected ${expected}, got ${describe(value)}`, place);
  return value;
}

export function expectArray(file: string, place: string, value: unknown, expected = 'an array'): unknown[] {
  if (!Array.isArray(value)) throw new InputError(file, `expected ${expected}, got ${describe(value)}`, place);
  return value;
}

export function expectString(file: string, place: string, value: unknown): string {
  if (typeof value !== 'string') throw new InputError(file, `expected a string, got ${describe(value)}`, place);
  return value;
}

export function expectStringArray(file: string, place: string, value: unknown): string[] {
  return expectArray(file, place, value, 'an array of strings').map((item, index) => expectString(file, pointerTo(place, index), item));
}

const BLOCK_SECTIONS = [
  { section: 'resource', block: 'a resource block' },
  { section: 'data', block: 'a data block' },
] as const;

/**
 * Checks the parts of Terraform JSON the review walks, so that everything after the reader can
 * trust them: `resource` and `data` are objects of types, each type an object of names, and each
 * name one block (cdktf) or a non-empty array of blocks (hcl2json).
 */
export function checkBlockShapes(file: string, document: JsonRecord): void {
  for (const { section, block } of BLOCK_SECTIONS) {
    if (!Object.hasOwn(document, section)) continue;
    const types = expectRecord(file, `/${section}`, document[section], `an object (${section === 'data' ? 'data source' : 'resource'} types)`);
    for (const [type, byName] of Object.entries(types)) {
      const typePlace = pointerTo(`/${section}`, type);
      for (const [name, value] of Object.entries(expectRecord(file, typePlace, byName, 'an object (blocks by name)'))) {
        const place = pointerTo(typePlace, name);
        const expected = `an object (${block})`;
        if (!Array.isArray(value) || value.length === 0) {
          expectRecord(file, place, value, expected);
          continue;
        }
        value.forEach((body, index) => expectRecord(file, pointerTo(place, index), body, expected));
      }
    }
  }
}
