import { AuditRuleId } from './audit-rule-ids';
import { LiveAssignment } from './live-types';
import { PrincipalDirectory } from './principal-directory';
import { Finding } from '../../model/finding';
import { Severity } from '../../model/severity';
import { Role } from '../../roles/role';

const HUMAN_TYPES = new Set(['User', 'Group', 'ForeignGroup']);

/** A role by GUID: Azure's built-ins, then the custom roles the code defines. */
export type RoleLookup = (guid: string | undefined) => Role | undefined;

/**
 * AUD003: a person or group holds, standing, a role that can write role assignments. A role
 * this audit cannot read may be one: it is reported too, as a warning, because unknown is never safe.
 */
export function humanStandingAccessAdmin(live: LiveAssignment, roleOf: RoleLookup, directory: PrincipalDirectory): Finding | undefined {
  if (live.kind !== 'standing' || !HUMAN_TYPES.has(live.principalType ?? '')) return undefined;
  const role = roleOf(live.roleGuid);
  if (role !== undefined && !role.canGrantAccess) return undefined;
  const name = role?.name ?? live.roleName ?? live.roleGuid ?? live.roleDefinitionId;
  const why = role === undefined
    ? 'a role this audit cannot read (neither built in nor defined in the code), so it may grant access'
    : `${name} can grant access (it writes role assignments), so whoever uses this account can give anyone any role there`;
  return {
    ruleId: AuditRuleId.HUMAN_STANDING_ACCESS_ADMIN,
    severity: role === undefined ? Severity.WARNING : Severity.ERROR,
    message: `${directory.describe(live)} holds "${name}" standing at ${live.scope} (${live.scopeLevel}): ${why}.`,
    address: live.id,
    file: live.file,
    fix: 'Make it just in time: an eligibility through PIM (JustInTimeAccess) with approval, MFA and an expiry; '
      + `then delete the standing assignment: az role assignment delete --ids "${live.id}".`,
  };
}

/** AUD007: an eligibility that never ends, for a role that can grant access. */
export function eligibilityWithoutEnd(live: LiveAssignment, roleOf: RoleLookup, directory: PrincipalDirectory): Finding | undefined {
  if (live.kind !== 'eligible' || live.endDateTime !== null) return undefined;
  const role = roleOf(live.roleGuid);
  if (role !== undefined && !role.canGrantAccess) return undefined;
  const name = role?.name ?? live.roleName ?? live.roleGuid ?? live.roleDefinitionId;
  return {
    ruleId: AuditRuleId.ELIGIBILITY_WITHOUT_END,
    severity: Severity.ERROR,
    message: `${directory.describe(live)} is eligible for "${name}" at ${live.scope} (${live.scopeLevel}) with no end date, `
      + `and ${role === undefined ? 'the role cannot be read, so it may grant access' : 'the role can grant access'}.`,
    address: live.id,
    file: live.file,
    fix: 'Give the eligibility an end (in code: PimSchedule.afterDuration(Duration.days(180))), or remove it in PIM if it is no longer needed.',
  };
}
