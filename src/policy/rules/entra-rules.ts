import { isWorkload } from './principal-kinds';
import { RuleId } from '../../model/rule-id';
import { Severity } from '../../model/severity';
import { describeDirectoryScope } from '../../review/graph/describe-directory-scope';
import { describePrincipal } from '../../review/graph/describe-principal';
import { mayBeMicrosoftGraph } from '../../review/graph/graph-api';
import { GraphAppPermission, GraphDirectoryRole, GraphPrincipal } from '../../review/graph/graph-types';
import { PrivilegeTier } from '../../roles/privilege-tier';
import { Rule, RuleHit } from '../rule';

function roleText(d: GraphDirectoryRole): string {
  const how = d.via === 'role-assignment' ? '' : ' as a member of the activated role';
  const unread = d.role.known ? '' : ' (the role cannot be read or classified, so it counts as tier 0)';
  return `the Entra role "${d.role.name}"${unread} standing${how} at ${describeDirectoryScope(d.scope)}`;
}

/**
 * Microsoft Graph's application permissions can be assigned to service principals only (their
 * app roles allow the member type Application alone), so the holder of one whose kind cannot
 * be read is a workload all the same.
 */
function holdsAsWorkload(principal: GraphPrincipal): boolean {
  return isWorkload(principal) || principal.kind === 'unknown';
}

function permissionText(p: GraphAppPermission, tier: string): string {
  if (p.permission !== undefined) return `the Microsoft Graph application permission "${p.name}" (${tier})`;
  const api = p.api.kind === 'microsoft-graph' ? 'Microsoft Graph' : `an API that cannot be read (${p.api.name})`;
  return `the app role "${p.name}" of ${api}, which cannot be read, so it counts as tier 0`;
}

export const standingTier0DirectoryRole: Rule = {
  id: RuleId.STANDING_TIER0_DIRECTORY_ROLE,
  title: 'Standing tier-0 Entra directory role',
  defaultSeverity: Severity.ERROR,
  description:
    'A tier-0 (control plane) Entra directory role, such as Global Administrator or Privileged Role Administrator, is held standing ' +
    '(azuread_directory_role_assignment or azuread_directory_role_member), by anyone: whoever holds it can take over the tenant at any moment. ' +
    'A role that cannot be read counts as tier 0.',
  fix: 'Make people eligible instead (azuread_directory_role_eligibility_schedule_request, or PIM for Groups with a role-assignable group), ' +
    'give a workload a narrower role or permission, and keep standing Global Administrator for the break-glass accounts alone, suppressed with a reason.',
  check: (graph) =>
    graph.directoryRoles
      .filter((d) => d.role.tier === PrivilegeTier.CONTROL_PLANE)
      .map((d) => ({ origin: d.origin, message: `${describePrincipal(d.principal)} holds ${roleText(d)}.` })),
};

export const workloadTier0Entra: Rule = {
  id: RuleId.WORKLOAD_TIER0_ENTRA,
  title: 'Workload identity with tier-0 Entra access',
  defaultSeverity: Severity.ERROR,
  description:
    'A managed identity or service principal holds a tier-0 Entra directory role or a tier-0 Microsoft Graph application permission ' +
    '(RoleManagement.ReadWrite.Directory, AppRoleAssignment.ReadWrite.All, Application.ReadWrite.All, ...): whoever controls the workload ' +
    '(its code, its deployment, its host) controls the tenant. An app role or role that cannot be read counts as tier 0; an app role that an application '
    + 'of the tenant defines for itself (its app_role blocks) is application-defined, no directory privilege, and never judged here.',
  fix: 'Give the workload the narrowest permission that does its job (a tier-1 or tier-2 Graph permission, a role scoped to an administrative unit ' +
    'or to one object), or move the task to people who activate a role through PIM.',
  check: (graph) => {
    const hits: RuleHit[] = graph.directoryRoles
      .filter((d) => d.role.tier === PrivilegeTier.CONTROL_PLANE && isWorkload(d.principal))
      .map((d) => ({ origin: d.origin, message: `${describePrincipal(d.principal)}, a workload identity, holds ${roleText(d)}.` }));
    for (const p of graph.appPermissions) {
      if (p.tier !== PrivilegeTier.CONTROL_PLANE || !mayBeMicrosoftGraph(p.api) || !holdsAsWorkload(p.principal)) continue;
      hits.push({ origin: p.origin, message: `${describePrincipal(p.principal)} holds ${permissionText(p, 'tier 0')}.` });
    }
    return hits;
  },
};

export const workloadTier1GraphPermission: Rule = {
  id: RuleId.WORKLOAD_TIER1_GRAPH_PERMISSION,
  title: 'Workload identity with a tier-1 Microsoft Graph permission',
  defaultSeverity: Severity.WARNING,
  description:
    'A managed identity or service principal holds a tier-1 (management plane) Microsoft Graph application permission, such as Mail.Read or ' +
    'Sites.Read.All: tenant-wide access to workloads and their data, with no user to consent to it.',
  fix: 'Check the workload needs it, prefer a narrower permission (Sites.Selected, an application access policy for mail), and record why with a suppression.',
  check: (graph) =>
    graph.appPermissions
      .filter((p) => p.permission !== undefined && p.tier === PrivilegeTier.MANAGEMENT_PLANE)
      .filter((p) => mayBeMicrosoftGraph(p.api) && holdsAsWorkload(p.principal))
      .map((p) => ({ origin: p.origin, message: `${describePrincipal(p.principal)} holds ${permissionText(p, 'tier 1')}.` })),
};

