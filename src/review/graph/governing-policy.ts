import { GraphActivationPolicy, GraphEligibility } from './graph-types';

/**
 * Whether an activation policy governs an eligibility: the same role (by GUID when the policy
 * names one, else by name) at the same scope. The weak-activation rule and the reach (which
 * names a policy's approvers on the eligible step) ask the same question.
 */
export function governs(policy: GraphActivationPolicy, eligibility: GraphEligibility): boolean {
  const sameRole = policy.role.guid !== undefined ? policy.role.guid === eligibility.role?.guid : policy.role.name === eligibility.role?.name;
  return sameRole && policy.scope.value.toLowerCase() === eligibility.scope?.value.toLowerCase();
}
