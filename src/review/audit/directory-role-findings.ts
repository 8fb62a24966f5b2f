import { AuditRuleId } from './audit-rule-ids';
import { DeclaredDirectoryRole } from './declared-directory-roles';
import { LiveDirectoryRole } from './live-types';
import { PrincipalDirectory } from './principal-directory';
import { directoryScopeLevel } from '../../model/directory-scope';
import { Finding } from '../../model/finding';
import { Severity } from '../../model/severity';
import { EntraRoleCatalog } from '../../roles/entra-role-catalog';
import { tierLabel } from '../../roles/permission-tier';
import { PrivilegeTier } from '../../roles/privilege-tier';
import { capabilitiesOfRole, EntraCapability } from '../escalation/entra-capability';
import { describeDirectoryScope } from '../graph/describe-directory-scope';
import { GraphEntraRole } from '../graph/graph-types';

const HUMAN_TYPES = new Set(['User', 'Group']);

/**
 * The live role as the graph knows roles: the built-in role its definition ID (a template ID)
 * names, or, for any other ID (a custom role, whose actions no export here holds), a role that
 * cannot be read and counts as tier 0.
 */
export function liveEntraRole(live: LiveDirectoryRole): GraphEntraRole {
  const role = EntraRoleCatalog.builtIn().tryFromTemplateId(live.roleDefinitionId);
  return role === undefined
    ? { name: `role ${live.roleDefinitionId} (not built in: a custom role this audit cannot read, counted as tier 0)`, tier: PrivilegeTier.CONTROL_PLANE, known: false }
    : { name: role.name, templateId: role.templateId, role, tier: role.tier, known: true };
}

/** `the whole tenant (/)`, `administrative unit /administrativeUnits/<id>`, or the app scope as written. */
function scopeText(live: LiveDirectoryRole): string {
  if (live.directoryScopeId === undefined) return `the app scope ${live.appScopeId}`;
  return describeDirectoryScope({ value: live.directoryScopeId, level: directoryScopeLevel(live.directoryScopeId) });
}

function what(live: LiveDirectoryRole, role: GraphEntraRole): string {
  return `${live.kind === 'eligible' ? 'An eligibility for the' : 'The'} Entra role "${role.name}" (${tierLabel(role.tier)})`;
}

/** AUD011: an Entra directory role in the tenant that no code declares; tier 0 (or a role that cannot be read) is an error. */
export function unmanagedDirectoryRoleFinding(live: LiveDirectoryRole, directory: PrincipalDirectory): Finding {
  const role = liveEntraRole(live);
  const endpoint = live.kind === 'standing' ? 'roleAssignments' : 'roleEligibilityScheduleRequests';
  return {
    ruleId: AuditRuleId.UNMANAGED_DIRECTORY_ROLE,
    severity: role.tier === PrivilegeTier.CONTROL_PLANE ? Severity.ERROR : Severity.WARNING,
    message: `${what(live, role)} at ${scopeText(live)} for ${directory.describe(live)} is in the tenant, but no code declares it.`,
    address: live.id,
    file: live.file,
    fix: live.kind === 'standing'
      ? 'Bring it under code (azuread_directory_role_assignment, or an eligibility instead: azuread_directory_role_eligibility_schedule_request) and import it, '
        + `or remove it if nobody needs it: az rest --method delete --url "https://graph.microsoft.com/v1.0/roleManagement/directory/${endpoint}/${live.id}".`
      : 'Declare it (azuread_directory_role_eligibility_schedule_request) and import it, or remove the eligibility in PIM '
        + `(a ${endpoint} request with action adminRemove) if nobody needs it.`,
  };
}

/** AUD012: a directory role the code declares and the tenant does not hold. */
export function missingDirectoryRoleFinding(declared: DeclaredDirectoryRole): Finding {
  const principal = declared.principalId === undefined ? `a principal named "${declared.principalName}"` : `object ID ${declared.principalId}`;
  return {
    ruleId: AuditRuleId.DIRECTORY_ROLE_MISSING_IN_TENANT,
    severity: Severity.WARNING,
    message: `declares ${declared.description}, which the tenant does not hold (no directory role ${declared.kind === 'eligible' ? 'eligibility schedule' : 'assignment'} `
      + `with role ${declared.roleTemplateId}, directory scope ${declared.directoryScopeId} and ${principal}).`,
    address: declared.origin.address,
    file: declared.origin.file,
    ...(declared.origin.constructPath === undefined ? {} : { constructPath: declared.origin.constructPath }),
    fix: 'Apply the configuration. If it was applied, find who removed it in the Entra audit log (category RoleManagement), '
      + 'and check that the export holds every page.',
  };
}

/**
 * AUD003 for Entra: a user or group holds, standing, a directory role that assigns directory
 * roles (Global Administrator, Privileged Role Administrator): as an Azure role that writes role
 * assignments, whoever uses the account can give anyone anything, Global Administrator included.
 * A role this audit cannot read may be one: reported too, as a warning. A principal whose kind
 * no export tells is not judged (export with `$expand=principal`).
 */
export function humanStandingDirectoryRoleAdmin(live: LiveDirectoryRole, directory: PrincipalDirectory): Finding | undefined {
  if (live.kind !== 'standing' || !HUMAN_TYPES.has(directory.typeOf(live) ?? '')) return undefined;
  const role = liveEntraRole(live);
  const assigns = capabilitiesOfRole(role).find((c) => c.capability === EntraCapability.ASSIGN_DIRECTORY_ROLES);
  if (assigns === undefined) return undefined;
  const why = role.known
    ? `"${role.name}" assigns directory roles (${assigns.action}), so whoever uses this account can give anyone any Entra role, Global Administrator included`
    : 'a role this audit cannot read (not built in), so it may assign directory roles';
  return {
    ruleId: AuditRuleId.HUMAN_STANDING_ACCESS_ADMIN,
    severity: role.known ? Severity.ERROR : Severity.WARNING,
    message: `${directory.describe(live)} holds the Entra role "${role.name}" standing at ${scopeText(live)}: ${why}.`,
    address: live.id,
    file: live.file,
    fix: 'Make it just in time: an eligibility through PIM (azuread_directory_role_eligibility_schedule_request, or PIM for Groups) with approval and MFA, '
      + 'and keep standing Global Administrator for the break-glass accounts alone; then remove the standing assignment: '
      + `az rest --method delete --url "https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignments/${live.id}".`,
  };
}
