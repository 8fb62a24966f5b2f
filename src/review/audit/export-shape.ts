import { isGuid } from '../../model/guid';
import { ScopeLevel } from '../../model/scope-level';
import { InputError } from '../reader/input-error';
import { describe, expectArray, expectRecord, expectString, JsonRecord, pointerTo } from '../reader/shape-check';
import { scopeLevelOfValue } from '../reference';

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
 * A scope as Azure writes it: an ARM ID (`/`, `/subscriptions/…`, `/providers/Microsoft.Management/…`),
 * with its level. Anything else is no scope Azure would list: refused with its place, never read
 * as an unknown scope.
 */
export function expectScope(file: string, place: string, value: unknown): { scope: string; scopeLevel: ScopeLevel } {
  const scope = expectString(file, place, value);
  const scopeLevel = scopeLevelOfValue(scope);
  if (scopeLevel === ScopeLevel.UNKNOWN) {
    throw new InputError(file, `expected a scope ID ("/", "/subscriptions/<id>", "/providers/Microsoft.Management/managementGroups/<name>", ...), got ${JSON.stringify(scope)}`, place);
  }
  return { scope, scopeLevel };
}

export function expectStrings(file: string, place: string, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return expectArray(file, place, value, 'an array of strings').map((item, index) => {
    if (typeof item !== 'string') throw new InputError(file, `expected a string, got ${describe(item)}`, pointerTo(place, index));
    return item;
  });
}
