/**
 * GUIDs and the role definition IDs built from them: the one pattern every part of the library
 * (scope parsing, principals, role catalogs, the reader, audit) checks GUIDs with.
 */

/** The text of a GUID, for building larger patterns. Compile with the `i` flag. */
export const GUID_PATTERN = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

const GUID = new RegExp(`^${GUID_PATTERN}$`, 'i');

/** The fixed part of every role definition ID, before the role's GUID. */
export const ROLE_DEFINITIONS_PATH = '/providers/Microsoft.Authorization/roleDefinitions/';

// The scopes a role definition ID may be qualified by: none (tenant), a subscription, a management group.
const DEFINITION_ID = new RegExp(
  `^(?:/subscriptions/${GUID_PATTERN}|/providers/Microsoft\\.Management/managementGroups/[^/]+)?` +
    `/providers/Microsoft\\.Authorization/roleDefinitions/(${GUID_PATTERN})$`,
  'i',
);

// The end of an expression that builds a role definition ID (`${...}/roleDefinitions/<guid>`),
// possibly inside an interpolation that closes after it.
const DEFINITION_GUID_AT_END = new RegExp(`roleDefinitions/(${GUID_PATTERN})["}]*$`, 'i');

/** Whether a value is a GUID (any case). */
export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID.test(value);
}

/** The nil GUID, which names no principal, role or subscription. */
export const NIL_GUID = '00000000-0000-0000-0000-000000000000';

/**
 * The role GUID of any form a role definition ID takes: a bare GUID, the tenant form
 * `/providers/Microsoft.Authorization/roleDefinitions/<guid>`, or that form qualified by a
 * subscription or a management group. Lower case; undefined for anything else.
 */
export function roleGuidOf(id: string): string | undefined {
  const trimmed = id.trim();
  if (isGuid(trimmed)) return trimmed.toLowerCase();
  return DEFINITION_ID.exec(trimmed)?.[1].toLowerCase();
}

/**
 * The role GUID an expression ends in (`${data.azurerm_subscription.x.id}/providers/...
 * /roleDefinitions/<guid>`), when the whole value is not a plain role definition ID.
 */
export function roleGuidAtEndOf(expression: string): string | undefined {
  return roleGuidOf(expression) ?? DEFINITION_GUID_AT_END.exec(expression.trim())?.[1].toLowerCase();
}
