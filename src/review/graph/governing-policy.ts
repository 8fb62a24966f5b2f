import { groupPolicyFor } from './entra-pim-groups';
import { GraphActivationPolicy, GraphActivationSettings, GraphEligibility, GraphGroupActivationPolicy } from './graph-types';

/** The activation policies a configuration declares: for Azure roles, and for PIM for Groups. */
export interface DeclaredPolicies {
  readonly policies: readonly GraphActivationPolicy[];
  readonly groupPolicies: readonly GraphGroupActivationPolicy[];
}

/**
 * Whether an activation policy governs an eligibility: the same role (by GUID when the policy
 * names one, else by name; Azure ignores the case of both) at the same scope as written.
 */
export function governs(policy: GraphActivationPolicy, eligibility: GraphEligibility): boolean {
  const [mine, theirs] = policy.role.guid !== undefined ? [policy.role.guid, eligibility.role?.guid] : [policy.role.name, eligibility.role?.name];
  return theirs !== undefined && mine.toLowerCase() === theirs.toLowerCase()
    && policy.scope.value.toLowerCase() === eligibility.scope?.value.toLowerCase();
}

/**
 * The policy that decides how an eligibility is activated, or undefined when the configuration
 * declares none (the tenant's settings apply). One answer for the weak-activation rule, the
 * reach (which names the approvers on the eligible step) and the report's activation column.
 */
export function governingPolicy(eligibility: GraphEligibility, declared: DeclaredPolicies): GraphActivationSettings | undefined {
  if (eligibility.kind === 'azure-rbac') return declared.policies.find((p) => governs(p, eligibility));
  if (eligibility.kind === 'pim-group' && eligibility.group !== undefined) {
    return groupPolicyFor(declared.groupPolicies, eligibility.group, eligibility.assignmentType);
  }
  // azuread 3.x has no resource for directory-role policies.
  return undefined;
}
