import type { TerraformElement } from 'cdktf';

/**
 * Where accepted exceptions live in synthesized JSON: under the resource's `"//"` key, which
 * Terraform ignores and cdktf already uses for metadata. Every reader of the JSON (the guard at
 * synth, the `azure-access` command on cdktf output) sees the same exceptions.
 */
export const METADATA_KEY = 'cdktf-azure-access';

/** One accepted exception to a rule, as written into the JSON. */
export interface SuppressionRecord {
  readonly ruleId: string;
  readonly reason: string;
  /** `YYYY-MM-DD`: the last day the exception holds. */
  readonly until?: string;
}

const recorded = new WeakMap<TerraformElement, SuppressionRecord[]>();

/** The exceptions recorded on a resource so far. */
export function suppressionsOn(resource: TerraformElement): SuppressionRecord[] {
  return recorded.get(resource) ?? [];
}

/** Adds exceptions to a resource's `"//"` metadata, keeping those already there. */
export function recordSuppressions(resource: TerraformElement, records: SuppressionRecord[]): void {
  const all = [...suppressionsOn(resource), ...records];
  recorded.set(resource, all);
  resource.addOverride(`//.${METADATA_KEY}.suppressions`, all);
}

/** Who a resource's `principal_id` is, as written into the JSON when the ID alone cannot tell. */
export interface PrincipalRecord {
  readonly kind: string;
  readonly name: string;
}

/**
 * Records the kind and name of a principal given by a literal object ID, so that reports and
 * rules read "group platform-admins" instead of a bare GUID of unknown kind. A principal that is
 * a reference (an identity, an azuread object) is already known from the JSON itself.
 */
export function recordPrincipal(resource: TerraformElement, principal: { principalId: string; kind: string; displayName: string }): void {
  if (principal.principalId.includes('${')) return;
  resource.addOverride(`//.${METADATA_KEY}.principal`, { kind: principal.kind, name: principal.displayName });
}
