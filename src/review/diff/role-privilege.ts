import { PermissionTier, permissionTierRank } from '../../roles/permission-tier';
import { PrivilegeTier } from '../../roles/privilege-tier';
import { RolePlane } from '../../roles/role-plane';
import { GraphRole } from '../graph/graph-types';
import { describeTier } from '../report/describe-entra-access';

/** Whether a role change gives more or less access, and why. */
export interface RoleComparison {
  readonly direction: 'more' | 'less';
  readonly details: string;
}

interface Trait {
  readonly label: string;
  readonly holds: (role: GraphRole | undefined) => boolean;
}

// A role that cannot be read (and a role outside Azure RBAC) holds everything: unknown is the wider case.
const planeOf = (role: GraphRole | undefined) => role?.role?.plane ?? RolePlane.CONTROL_AND_DATA;
const TRAITS: Trait[] = [
  { label: 'can grant access (writes role assignments)', holds: (r) => r?.canGrantAccess ?? true },
  { label: 'wildcard control plane (*)', holds: (r) => r?.hasWildcardControlPlane ?? true },
  { label: 'write operations', holds: (r) => !(r?.isReadOnly ?? false) },
  { label: 'control plane', holds: (r) => [RolePlane.CONTROL, RolePlane.CONTROL_AND_DATA].includes(planeOf(r)) },
  { label: 'data plane', holds: (r) => [RolePlane.DATA, RolePlane.CONTROL_AND_DATA].includes(planeOf(r)) },
];

interface ComparedRole {
  readonly name: string;
  readonly graphRole?: GraphRole;
  /** For Entra directory roles and application permissions, which are ordered by tier (application-defined below tier 2). */
  readonly tier?: PermissionTier;
}

/**
 * Compares two roles by what they can do, not by name: gaining the right to grant access, the
 * control-plane wildcard, write operations or a plane makes a role more privileged; losing one
 * and gaining none makes it less. Entra roles and permissions are ordered by tier (tier 0 is the
 * widest). Two different roles of the same reach cannot be ordered, so the change counts as more
 * privileged: a reviewer has to read the new role's permissions.
 */
export function compareRoles(before: ComparedRole, after: ComparedRole): RoleComparison {
  if (before.tier !== undefined || after.tier !== undefined) return compareTiers(before, after);
  const gained = TRAITS.filter((t) => t.holds(after.graphRole) && !t.holds(before.graphRole)).map((t) => t.label);
  const lost = TRAITS.filter((t) => !t.holds(after.graphRole) && t.holds(before.graphRole)).map((t) => t.label);
  const head = `${before.name} → ${after.name}`;
  const planes = planeOf(before.graphRole) === planeOf(after.graphRole) ? '' : `; plane ${planeOf(before.graphRole)} → ${planeOf(after.graphRole)}`;
  if (gained.length === 0 && lost.length === 0) {
    return { direction: 'more', details: `${head}: a different role of the same reach; its permissions cannot be ordered, so it counts as more privileged` };
  }
  const parts = [gained.length > 0 ? `gains ${gained.join(', ')}` : '', lost.length > 0 ? `loses ${lost.join(', ')}` : ''].filter((p) => p !== '');
  return { direction: gained.length > 0 ? 'more' : 'less', details: `${head}: ${parts.join('; ')}${planes}` };
}

// A role of the Entra half without a tier cannot be read, and counts as tier 0.
function compareTiers(before: ComparedRole, after: ComparedRole): RoleComparison {
  const [from, to] = [before.tier ?? PrivilegeTier.CONTROL_PLANE, after.tier ?? PrivilegeTier.CONTROL_PLANE];
  const head = `${before.name} → ${after.name}`;
  if (from === to) {
    return { direction: 'more', details: `${head}: another role of the same tier (${describeTier(to)}); it cannot be ordered, so it counts as more privileged` };
  }
  return { direction: permissionTierRank(to) < permissionTierRank(from) ? 'more' : 'less', details: `${head}: ${describeTier(from)} → ${describeTier(to)}` };
}
