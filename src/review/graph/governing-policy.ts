import { groupPolicyFor } from './entra-pim-groups';
import { GraphActivationPolicy, GraphActivationSettings, GraphEligibility, GraphGroupActivationPolicy } from './graph-types';
import { documentKeyOf } from './origin';
import { isGuid } from '../../model/guid';

/** The activation policies a configuration declares: for Azure roles, and for PIM for Groups. */
export interface DeclaredPolicies {
  readonly policies: readonly GraphActivationPolicy[];
  readonly groupPolicies: readonly GraphGroupActivationPolicy[];
}

// What an instance of a counted block writes for itself, when its collection cannot be known.
const INSTANCE_VALUE = /\$\{(?:each|count)\./;

/**
 * Whether an activation policy governs an eligibility: the same role (by GUID when the policy
 * names one, else by name) at the same scope. Only what Azure itself compares is compared without
 * case (a GUID, a literal resource ID). A value Terraform has still to work out is the same only
 * as the same text in the same configuration (a reference means another resource in another
 * stack), and never when it is an instance's own (`each`, `count`): what cannot be shown to be
 * the same scope is not governed, so the weak-activation rule still speaks.
 */
export function governs(policy: GraphActivationPolicy, eligibility: GraphEligibility): boolean {
  const role = eligibility.role;
  const scope = eligibility.scope;
  if (role === undefined || scope === undefined) return false;
  const sameRole = policy.role.guid !== undefined ? role.guid !== undefined && sameGuid(policy.role.guid, role.guid) : policy.role.name === role.name;
  return sameRole && sameScope(policy.scope.value, scope.value, () => documentKeyOf(policy.origin) === documentKeyOf(eligibility.origin));
}

function sameGuid(a: string, b: string): boolean {
  return isGuid(a) && isGuid(b) ? a.toLowerCase() === b.toLowerCase() : a === b;
}

function sameScope(a: string, b: string, inOneDocument: () => boolean): boolean {
  if (a.includes('${') || b.includes('${')) return a === b && !INSTANCE_VALUE.test(a) && inOneDocument();
  const id = (value: string) => (value.length > 1 ? value.replace(/\/+$/, '') : value).toLowerCase();
  return id(a) === id(b);
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
