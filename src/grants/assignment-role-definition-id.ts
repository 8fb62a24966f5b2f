import { operand } from './terraform-template';
import { ROLE_DEFINITIONS_PATH } from '../model/guid';
import { ScopeLevel } from '../model/scope-level';
import { Role } from '../roles/role';
import { Scope } from '../scope/scope';

/**
 * The `role_definition_id` of an assignment in the form ARM returns on read, so the plan shows
 * no change on the next run: `/subscriptions/<subscription of the scope>/providers/...` for a
 * scope inside a subscription, the tenant form for a management group or the root. Any other
 * form (say the tenant form at a resource group) reads back different and forces replacement
 * on every plan (terraform-provider-azurerm#19847, #8558).
 */
export function assignmentRoleDefinitionId(role: Role, scope: Scope): string {
  // Resources of a management group (its policy assignments, say) live outside any subscription.
  const atManagementGroup = scope.terraformType?.startsWith('azurerm_management_group') ?? false;
  if (scope.level === ScopeLevel.MANAGEMENT_GROUP || scope.level === ScopeLevel.ROOT || atManagementGroup) {
    return `${ROLE_DEFINITIONS_PATH}${role.guid}`;
  }
  if (scope.subscriptionId !== undefined) {
    return role.subscriptionScopedId(scope.subscriptionId);
  }
  // The third segment of `/subscriptions/<id>/...` is the subscription, known at apply time.
  // Written as one template (terraform-template.ts): Fn over a scope that mixes a token with
  // literal text makes cdktf warn that its output may be incorrect.
  const scopeText = operand(scope.id);
  const subscription = `element(split("/", ${scopeText}), 2)`;
  const tenantForm = `${ROLE_DEFINITIONS_PATH}${role.guid}`;
  if (scope.level !== ScopeLevel.UNKNOWN) return `/subscriptions/\${${subscription}}${tenantForm}`;
  // An unknown scope may turn out to be a management group; choose the form at apply time.
  return `\${startswith(lower(${scopeText}), "/subscriptions/") ? "/subscriptions/\${${subscription}}${tenantForm}" : "${tenantForm}"}`;
}
