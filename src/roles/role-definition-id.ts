import { isUnresolved } from '../private/cdktf-runtime';


const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFINITION_ID =
  /^(?:\/subscriptions\/([0-9a-f-]{36}))?\/providers\/Microsoft\.Authorization\/roleDefinitions\/([0-9a-f-]{36})$/i;

export const ROLE_DEFINITIONS_PATH = '/providers/Microsoft.Authorization/roleDefinitions/';

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/**
 * The role GUID inside any form a role definition ID takes: a bare GUID,
 * `/providers/Microsoft.Authorization/roleDefinitions/<guid>` or the subscription-scoped
 * `/subscriptions/<id>/providers/Microsoft.Authorization/roleDefinitions/<guid>`.
 * Returns undefined for anything else.
 */
export function roleGuidOf(id: string): string | undefined {
  const trimmed = id.trim();
  if (isGuid(trimmed)) return trimmed.toLowerCase();
  const match = DEFINITION_ID.exec(trimmed);
  if (match && isGuid(match[2]) && (match[1] === undefined || isGuid(match[1]))) {
    return match[2].toLowerCase();
  }
  return undefined;
}

/** `/subscriptions/<id>/providers/Microsoft.Authorization/roleDefinitions/<guid>`; tokens allowed. */
export function subscriptionScopedDefinitionId(subscriptionId: string, guid: string): string {
  if (!isUnresolved(subscriptionId) && !isGuid(subscriptionId)) {
    throw new Error(
      `"${subscriptionId}" is not a subscription ID. Expected a GUID such as 11111111-2222-3333-4444-555555555555.`,
    );
  }
  const sub = isUnresolved(subscriptionId) ? subscriptionId : subscriptionId.toLowerCase();
  return `/subscriptions/${sub}${ROLE_DEFINITIONS_PATH}${guid}`;
}
