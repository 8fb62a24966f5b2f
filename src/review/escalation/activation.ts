import { describePrincipal } from '../graph/describe-principal';
import { groupPolicyFor } from '../graph/entra-pim-groups';
import { governs } from '../graph/governing-policy';
import { GraphActivationPolicy, GraphActivationSettings, GraphEligibility, GraphGroupActivationPolicy } from '../graph/graph-types';

/** The policies a configuration declares: for Azure roles, and for PIM for Groups. */
export interface DeclaredPolicies {
  readonly policies: readonly GraphActivationPolicy[];
  readonly groupPolicies: readonly GraphGroupActivationPolicy[];
}

function policyOf(eligibility: GraphEligibility, declared: DeclaredPolicies): GraphActivationSettings | undefined {
  if (eligibility.kind === 'azure-rbac') return declared.policies.find((p) => governs(p, eligibility));
  if (eligibility.kind === 'pim-group' && eligibility.group !== undefined) {
    return groupPolicyFor(declared.groupPolicies, eligibility.group, eligibility.assignmentType);
  }
  // azuread 3.x has no resource for directory-role policies.
  return undefined;
}

/**
 * What stands between an eligible principal and the role, for the step that names it:
 * `approved by human bob`, `without approval`, or a policy the configuration does not declare.
 */
export function activationOf(eligibility: GraphEligibility, declared: DeclaredPolicies): string {
  const policy = policyOf(eligibility, declared);
  if (policy === undefined) return 'under an activation policy this configuration does not declare';
  if (!policy.requireApproval) return 'without approval';
  if (policy.approvers.length === 0) return 'approval required, no approver named';
  return `approved by ${policy.approvers.map((a) => describePrincipal(a.principal)).join(' or ')}`;
}

/** `(after activation, approved by human bob; BloodHound AZRoleEligible)`: what follows an eligible role. */
export function eligibleSuffix(activation: string): string {
  return `(after activation, ${activation}; BloodHound AZRoleEligible)`;
}
