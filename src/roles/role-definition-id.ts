import { isGuid, ROLE_DEFINITIONS_PATH } from '../model/guid';
import { isUnresolved } from '../private/cdktf-runtime';

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
