import { assignmentRoleDefinitionId } from '../grants/assignment-role-definition-id';
import { scopeKey } from '../grants/same-assignment';
import { ScopeLevel } from '../model/scope-level';
import { Role } from '../roles/role';
import { Scope } from '../scope/scope';

/**
 * The `role_definition_id` of the azurerm PIM resources (eligible and active assignments, role
 * management policies), in the form the PIM API records, so the next plan reads back the same
 * value (every PIM argument forces replacement):
 * - inside a subscription: `/subscriptions/<subscription of the scope>/providers/Microsoft.Authorization/roleDefinitions/<guid>`,
 *   the subscription derived in Terraform when only a token is known;
 * - at a management group: the tenant form `/providers/Microsoft.Authorization/roleDefinitions/<guid>`,
 *   as the provider documents for that scope;
 * - at the root (`/`): refused, PIM for Azure resources manages no tenant-root scope.
 * @internal
 */
export function pimRoleDefinitionId(path: string, role: Role, scope: Scope): string {
  if (scope.level === ScopeLevel.ROOT) {
    throw new Error(
      `${path}: scope "${scope.id}" is the tenant root; PIM for Azure resources cannot manage eligibility or policies there. ` +
        'Accepted: a management group, subscription, resource group or resource scope.',
    );
  }
  // Same form as role assignments: the PIM API records it the way ARM returns assignments.
  return assignmentRoleDefinitionId(role, scope);
}

/**
 * The key under which Azure keeps one policy per role and scope (the scope as `scopeKey` keys
 * it, as for assignments).
 * @internal
 */
export function roleAtScopeKey(role: Role, scope: Scope): string {
  return `${role.guid.toLowerCase()}@${scopeKey(scope)}`;
}
