import { RuleId } from '../../model/rule-id';
import { Severity } from '../../model/severity';
import { describePrincipal } from '../../review/graph/describe-principal';
import { expiryEnd } from '../../review/graph/expiry-end';
import { GraphGroupActivationPolicy } from '../../review/graph/graph-types';
import { Rule, RuleContext, RuleHit } from '../rule';
import { activationWeaknesses } from './activation-weaknesses';
import { whyActiveNeverEnds } from './standing-rules';

export const activeGroupAssignmentStanding: Rule = {
  id: RuleId.ACTIVE_GROUP_ASSIGNMENT_STANDING,
  title: 'Active PIM for Groups assignment that does not end',
  defaultSeverity: Severity.ERROR,
  description:
    'An active PIM for Groups assignment (azuread_privileged_access_group_assignment_schedule) that is permanent, has no end (or one that cannot be read), ' +
    'or lasts longer than a year: standing membership or ownership of the group, and so standing use of every role it holds, by another name (AZA019 for Azure roles).',
  fix: 'Give the assignment a short end (duration or expiration_date), or make the principal eligible instead (azuread_privileged_access_group_eligibility_schedule).',
  check: (graph, context) =>
    graph.groupAssignments.flatMap((a) => {
      const why = whyActiveNeverEnds(expiryEnd(a.expiry), context.today);
      if (why === undefined) return [];
      return [{ origin: a.origin, message: `${describePrincipal(a.principal)} is an active ${a.assignmentType} of ${describePrincipal(a.group)} ${why}.` }];
    }),
};

/** What lets a group's membership or ownership be held without end or activated too easily. */
function groupPolicyWeaknesses(p: GraphGroupActivationPolicy, context: RuleContext): string[] {
  return [
    ...activationWeaknesses(p, context),
    ...(p.eligibleAssignments.expirationRequired ? [] : ['no required end for eligible assignments']),
    ...(p.activeAssignments.expirationRequired ? [] : ['no required end for active assignments']),
  ];
}

export const weakGroupActivation: Rule = {
  id: RuleId.WEAK_GROUP_ACTIVATION,
  title: 'PIM for Groups activates too easily',
  defaultSeverity: Severity.ERROR,
  description:
    'A PIM for Groups policy (azuread_group_role_management_policy) lets membership or ownership be activated without approval by named approvers, ' +
    'for longer than the limit, without MFA (or an authentication context) or justification, judged as Azure activation policies are (AZA008); ' +
    'or lets eligible or active assignments never expire. A PIM group can carry any role, so every such policy is judged.',
  fix: 'In activation_rules: require_approval with an approval_stage naming approvers, require_multifactor_authentication (or an authentication context), ' +
    'require_justification, maximum_duration of at most the limit; in eligible_assignment_rules and active_assignment_rules: expiration_required = true.',
  check: (graph, context) => {
    const hits: RuleHit[] = [];
    for (const p of graph.groupPolicies) {
      const weaknesses = groupPolicyWeaknesses(p, context);
      if (weaknesses.length) {
        hits.push({ origin: p.origin, message: `the PIM for Groups policy for ${p.assignmentType} of ${describePrincipal(p.group)} has ${weaknesses.join(', ')}.` });
      }
    }
    return hits;
  },
};
