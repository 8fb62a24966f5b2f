import { RolePlane } from '../../roles/role-plane';
import { GraphRole } from '../graph/graph-types';

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

/**
 * Compares two roles by what they can do, not by name: gaining the right to grant access, the
 * control-plane wildcard, write operations or a plane makes a role more privileged; losing one
 * and gaining none makes it less. Two different roles of the same reach cannot be ordered, so
 * the change counts as more privileged: a reviewer has to read the new role's permissions.
 */
export function compareRoles(before: { name: string; graphRole?: GraphRole }, after: { name: string; graphRole?: GraphRole }): RoleComparison {
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
