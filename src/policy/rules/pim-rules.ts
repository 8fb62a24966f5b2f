import { RuleId } from '../../model/rule-id';
import { Severity } from '../../model/severity';
import { describePrincipal } from '../../review/graph/describe-principal';
import { governs } from '../../review/graph/governing-policy';
import { GraphEligibility } from '../../review/graph/graph-types';
import { Rule, RuleHit } from '../rule';
import { activationWeaknesses } from './activation-weaknesses';

function isPrivilegedEligibility(e: GraphEligibility): boolean {
  // Membership of a PIM group can carry any role, so a group eligibility counts as privileged.
  return e.kind === 'pim-group' || (e.kind === 'azure-rbac' && e.role?.canGrantAccess === true);
}

function what(e: GraphEligibility): string {
  if (e.kind === 'pim-group') return `${e.assignmentType ?? 'member'} of group ${e.groupId}`;
  return `"${e.role?.name}" at ${e.scope?.value}`;
}

export const eligibilityWithoutExpiry: Rule = {
  id: RuleId.ELIGIBILITY_WITHOUT_EXPIRY,
  title: 'Eligibility that never expires',
  defaultSeverity: Severity.ERROR,
  description: 'Eligibility for a role that can grant access (or for a PIM group) with no expiry: standing eligibility outlives the need for it.',
  fix: 'Give the eligibility an end: PimSchedule.afterDuration(Duration.days(180)) or PimSchedule.until(date).',
  check: (graph) =>
    graph.eligibilities
      .filter((e) => e.kind !== 'entra-directory-role' && isPrivilegedEligibility(e) && e.expiry.permanent)
      .map((e) => ({ origin: e.origin, message: `${describePrincipal(e.principal)} is eligible for ${what(e)} with no expiry.` })),
};

export const directoryRoleEligibility: Rule = {
  id: RuleId.DIRECTORY_ROLE_ELIGIBILITY,
  title: 'Entra directory role eligibility cannot expire',
  defaultSeverity: Severity.WARNING,
  description: 'azuread_directory_role_eligibility_schedule_request has no schedule, so the eligibility never expires.',
  fix: 'Make a role-assignable group eligible for the directory role, and make people eligible members of that group through PIM for Groups with an expiry.',
  check: (graph) =>
    graph.eligibilities
      .filter((e) => e.kind === 'entra-directory-role')
      .map((e) => ({
        origin: e.origin,
        message: `${describePrincipal(e.principal)} is eligible for directory role ${e.directoryRole}, and this eligibility cannot expire; use PIM for Groups to give it an end.`,
      })),
};


export const weakActivation: Rule = {
  id: RuleId.WEAK_ACTIVATION,
  title: 'Privileged role activates too easily',
  defaultSeverity: Severity.ERROR,
  description: 'An eligible role that can grant access has no activation policy in the configuration, or one that allows activation without approval, ' +
    'for longer than the limit, or without MFA (or an authentication context) or justification.',
  fix: 'Add a RoleActivationPolicy (or use JustInTimeAccess) for the role at that scope: approval by named approvers, MFA, justification, at most 8 hours.',
  check: (graph, context) => {
    const hits: RuleHit[] = [];
    const privileged = graph.eligibilities.filter((e) => e.kind === 'azure-rbac' && e.role?.canGrantAccess);
    for (const e of privileged) {
      if (!graph.policies.some((p) => governs(p, e))) {
        hits.push({ origin: e.origin, message: `"${e.role!.name}" at ${e.scope!.value} is eligible but no activation policy for it is in the configuration.` });
      }
    }
    for (const p of graph.policies.filter((x) => x.role.canGrantAccess)) {
      const weaknesses = activationWeaknesses(p, context);
      if (weaknesses.length) {
        hits.push({ origin: p.origin, message: `activation of "${p.role.name}" at ${p.scope.value} has ${weaknesses.join(', ')}.` });
      }
    }
    return hits;
  },
};
