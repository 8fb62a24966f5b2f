import { isGuid } from '../../model/guid';
import { ScopeLevel } from '../../model/scope-level';
import { asInputError, InputError } from '../reader/input-error';
import { parseJson } from '../reader/json-position';
import { locatedIfTooDeep } from '../reader/nesting-limit';
import { describe, expectArray, expectRecord, expectString, isRecord, JsonRecord, pointerTo } from '../reader/shape-check';
import { scopeLevelOfValue } from '../reference';


/**
 * Parses an export and checks its shape with `read`; whatever goes wrong is an InputError that
 * names the file and the place (a line and column, or a JSON pointer), so that one bad export
 * never passes as "nothing found".
 */
export function parseExport<T>(file: string, text: string, read: (json: unknown) => T): T {
  const parsed = parseJson(file, text);
  try {
    return read(parsed);
  } catch (error) {
    throw asInputError(file, locatedIfTooDeep(file, parsed, error));
  }
}

/** Graph and ARM list responses: `{ "value": [...] }`, with a `nextLink` when there are more pages. */
export function valueList(file: string, json: unknown, what: string): { items: unknown[]; nextLink?: string } {
  const list = expectRoot(file, json, isRecord, `an object with "value" (${what})`) as JsonRecord;
  const items = expectArray(file, '/value', list.value, `an array (${what})`);
  const nextLink = optionalText(file, '/@odata.nextLink', list['@odata.nextLink']) ?? optionalText(file, '/nextLink', list.nextLink);
  return { items, ...(nextLink === undefined ? {} : { nextLink }) };
}

/** The whole document is of the wrong shape: there is no place inside it to name. */
export function expectRoot(file: string, json: unknown, test: (value: unknown) => boolean, expected: string): unknown {
  if (!test(json)) throw new InputError(file, `expected ${expected}, got ${describe(json)}`);
  return json;
}

/** A string, or nothing for null and absent: Azure writes null for unset fields. */
export function optionalText(file: string, place: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return expectString(file, place, value);
}

export function guid(file: string, place: string, value: unknown): string {
  const text = expectString(file, place, value);
  if (!isGuid(text)) throw new InputError(file, `expected an object ID (a GUID), got "${text}"`, place);
  return text.toLowerCase();
}

/** An entry of the list and the pointer to one of its fields. */
export function entryAt(file: string, place: string, value: unknown, what: string): { entry: JsonRecord; at: (key: string) => string } {
  return { entry: expectRecord(file, place, value, `an object (${what})`), at: (key: string) => pointerTo(place, key) };
}

/** `Microsoft.Authorization/roleAssignments` and `.../RoleAssignments` are the same type: ARM ignores case. */
export function expectType(file: string, place: string, value: unknown, expected: string): void {
  if (value === undefined) return;
  const type = expectString(file, place, value);
  if (type.toLowerCase() !== expected.toLowerCase()) throw new InputError(file, `expected type "${expected}", got "${type}"`, place);
}

/** An ARM ID that ends in `/providers/<type>/<name>`, compared without regard to case. */
export function expectArmIdOf(file: string, place: string, value: unknown, type: string): string {
  const id = expectString(file, place, value);
  if (!id.toLowerCase().includes(`/providers/${type.toLowerCase()}/`)) {
    throw new InputError(file, `expected the ID of a ${type.split('/').pop()} (".../providers/${type}/<name>"), got "${id}"`, place);
  }
  return id;
}

/**
 * A scope as Azure writes it: an ARM ID (`/`, `/subscriptions/…`, `/providers/Microsoft.Management/…`).
 * Anything else is no scope Azure would list: refused with its place, never read as an unknown scope.
 */
export function expectScope(file: string, place: string, value: unknown): string {
  const scope = expectString(file, place, value);
  if (scopeLevelOfValue(scope) === ScopeLevel.UNKNOWN) {
    throw new InputError(file, `expected a scope ID ("/", "/subscriptions/<id>", "/providers/Microsoft.Management/managementGroups/<name>", ...), got ${JSON.stringify(scope)}`, place);
  }
  return scope;
}

export function expectStrings(file: string, place: string, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return expectArray(file, place, value, 'an array of strings').map((item, index) => {
    if (typeof item !== 'string') throw new InputError(file, `expected a string, got ${describe(item)}`, pointerTo(place, index));
    return item;
  });
}
