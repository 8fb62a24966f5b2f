import { describePrincipal } from '../graph/describe-principal';
import { governs } from '../graph/governing-policy';
import { GraphActivationPolicy, GraphEligibility } from '../graph/graph-types';

/**
 * What stands between an eligible principal and the role, for the step that names it:
 * `approved by human bob`, `without approval`, or a policy the configuration does not declare.
 */
export function activationOf(eligibility: GraphEligibility, policies: readonly GraphActivationPolicy[]): string {
  const policy = eligibility.kind === 'azure-rbac' ? policies.find((p) => governs(p, eligibility)) : undefined;
  if (policy === undefined) return 'under an activation policy this configuration does not declare';
  if (!policy.requireApproval) return 'without approval';
  if (policy.approvers.length === 0) return 'approval required, no approver named';
  return `approved by ${policy.approvers.map(describePrincipal).join(' or ')}`;
}

/** `is eligible for "Owner" at rg-app (after activation, approved by human bob; BloodHound AZRoleEligible)`, past the role. */
export function eligibleSuffix(activation: string): string {
  return `(after activation, ${activation}; BloodHound AZRoleEligible)`;
}
