import { describePrincipal } from '../graph/describe-principal';
import { DeclaredPolicies, governingPolicy } from '../graph/governing-policy';
import { GraphApprover, GraphEligibility } from '../graph/graph-types';

/**
 * What stands between an eligible principal and the role, for the step that names it:
 * `approved by human bob`, `without approval`, or a policy the configuration does not declare.
 */
export function activationOf(eligibility: GraphEligibility, declared: DeclaredPolicies): string {
  const policy = governingPolicy(eligibility, declared);
  if (policy === undefined) return 'under an activation policy this configuration does not declare';
  if (!policy.requireApproval) return 'without approval';
  if (policy.approvers.length === 0) return 'approval required, no approver named';
  return `approved by ${describeApprovers(policy.approvers)}`;
}

/** `group security-approvers or human bob`: who an activation waits for, as chains and the report name them. */
export function describeApprovers(approvers: readonly GraphApprover[]): string {
  return approvers.map((a) => describePrincipal(a.principal)).join(' or ');
}

/** `(after activation, approved by human bob; BloodHound AZRoleEligible)`: what follows an eligible role. */
export function eligibleSuffix(activation: string): string {
  return `(after activation, ${activation}; BloodHound AZRoleEligible)`;
}
