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
  // An index needs no escaping: the pointer of every item of a million-item export is made here.
  if (typeof key === 'number') return `${parent}/${key}`;
  return `${parent}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
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
    // Every block of the largest inputs passes through here: the place of a mistake is only
    // spelled out when there is one, and keys are walked without [key, value] pairs.
    for (const type of Object.keys(types)) {
      const byName = types[type];
      if (!isRecord(byName)) expectRecord(file, pointerTo(`/${section}`, type), byName, 'an object (blocks by name)');
      const names = byName as JsonRecord;
      const keys = Object.keys(names);
      // Indexed: for...of makes an iterator result per block in code not yet optimized.
      for (let at = 0; at < keys.length; at++) {
        const name = keys[at];
        const value = names[name];
        if (Array.isArray(value) && value.length > 0) {
          for (let index = 0; index < value.length; index++) {
            if (!isRecord(value[index])) expectRecord(file, pointerTo(blockPlace(section, type, name), index), value[index], `an object (${block})`);
          }
        } else if (!isRecord(value)) {
          expectRecord(file, blockPlace(section, type, name), value, `an object (${block})`);
        }
      }
    }
  }
}

function blockPlace(section: string, type: string, name: string): string {
  return pointerTo(pointerTo(`/${section}`, type), name);
}
