import { AccessChange } from './access-change';
import { ChangeKind } from './change-kind';
import { isWideScope } from '../../model/scope-level';
import { PrivilegeTier } from '../../roles/privilege-tier';

const ALWAYS_ESCALATING = new Set<ChangeKind>([
  ChangeKind.SCOPE_WIDENED,
  ChangeKind.ROLE_MORE_PRIVILEGED,
  ChangeKind.STANDING_WHERE_ELIGIBLE,
  ChangeKind.ACTIVATION_LONGER,
]);

/**
 * Whether a change gives more access than before: a wider scope, a more privileged role,
 * standing access where PIM activation was needed, a longer activation, or a new standing grant
 * of a role that can grant access, of a tier-0 role, or at subscription scope or wider (unknown counts as wider).
 * A new Entra directory role or application permission is one when it is tier 0, as a new Azure
 * role that can grant access is: its scope says little, since most of them hold across the tenant.
 * A new eligibility is not one: it still needs activation, under its policy.
 */
export function isEscalation(change: Pick<AccessChange, 'kind' | 'entry' | 'roleKind' | 'roleCanGrantAccess' | 'scopeLevel' | 'roleTier'>): boolean {
  if (ALWAYS_ESCALATING.has(change.kind)) return true;
  if (change.kind !== ChangeKind.ADDED || change.entry !== 'standing') return false;
  if (change.roleKind === 'entra-directory-role' || change.roleKind === 'app-permission') return change.roleCanGrantAccess;
  return change.roleCanGrantAccess || change.roleTier === PrivilegeTier.CONTROL_PLANE || isWideScope(change.scopeLevel);
}
