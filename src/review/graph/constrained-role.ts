import { delegationOf } from './delegation-condition';
import { GraphRole } from './graph-types';
import { knownRole } from './resolve-role';
import { Role } from '../../roles/role';
import { RoleCatalog } from '../../roles/role-catalog';

const ROLE_ASSIGNMENTS = ['Microsoft.Authorization/roleAssignments/write', 'Microsoft.Authorization/roleAssignments/delete'];

/**
 * A role that can grant access, held under a constrained-delegation condition (delegation-condition.ts):
 * it can grant only the roles the condition names. When none of those can grant access, the
 * grant is judged as the role without role assignments (so AZA002, AZA003 and the reach of
 * AZA013 no longer count it as granting access), named with what it may assign. A role the
 * condition names that is not known (not in the catalog or the input) may grant access: the wider case.
 */
export function constrainedRole(role: GraphRole, condition: string | undefined, customRoles: Iterable<Role>,
  catalog: RoleCatalog = RoleCatalog.builtIn()): GraphRole {
  if (!role.canGrantAccess || role.role === undefined) return role;
  const delegation = delegationOf(condition);
  if (delegation === undefined) return role;
  const custom = [...customRoles];
  const assignable = delegation.roleGuids.map((guid) => catalog.tryFromId(guid) ?? custom.find((r) => r.guid === guid));
  if (assignable.some((r) => r === undefined || r.canGrantAccess)) return role;
  const names = assignable.map((r) => r!.name).join(', ');
  const to = delegation.principalTypes === undefined ? '' : ` to ${delegation.principalTypes.join(', ')}`;
  return knownRole(Role._fromRecord({
    guid: role.role.guid,
    name: `${role.name} (may assign only ${names}${to})`,
    description: role.role.description,
    builtIn: false,
    permissions: role.role.permissions.map((p) => ({ ...p, notActions: [...(p.notActions ?? []), ...ROLE_ASSIGNMENTS] })),
  }));
}
