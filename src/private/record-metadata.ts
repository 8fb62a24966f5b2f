import type { TerraformElement } from 'cdktf';
import { MetadataField, metadataOverridePath, SourceRecord, SuppressionRecord } from '../model/metadata';

// The construct side of the metadata contract in model/metadata.ts: what constructs write.

const recorded = new WeakMap<TerraformElement, SuppressionRecord[]>();

/** The exceptions recorded on a resource so far. */
export function recordedSuppressionsOn(resource: TerraformElement): readonly SuppressionRecord[] {
  return recorded.get(resource) ?? [];
}

/** Adds exceptions to a resource's metadata, keeping those already there. */
export function recordSuppressions(resource: TerraformElement, records: SuppressionRecord[]): void {
  const all = [...(recorded.get(resource) ?? []), ...records];
  recorded.set(resource, all);
  resource.addOverride(metadataOverridePath(MetadataField.SUPPRESSIONS), all);
}

/**
 * Records the kind and name of a principal given by a literal object ID, so that reports and
 * rules read "group platform-admins" instead of a bare GUID of unknown kind. A principal that is
 * a reference (an identity, an azuread object) is already known from the JSON itself.
 */
export function recordPrincipal(resource: TerraformElement, principal: { principalId: string; kind: string; displayName: string }): void {
  if (principal.principalId.includes('${')) return;
  resource.addOverride(metadataOverridePath(MetadataField.PRINCIPAL), { kind: principal.kind, name: principal.displayName });
}

/** Records who a PIM for Groups resource's literal `group_id` is (`Principal.group(id, 'ops-admins')`), as recordPrincipal does for `principal_id`. */
export function recordGroup(resource: TerraformElement, group: { principalId: string; kind: string; displayName: string }): void {
  if (group.principalId.includes('${')) return;
  resource.addOverride(metadataOverridePath(MetadataField.GROUP), { kind: group.kind, name: group.displayName });
}

/**
 * Records who the approvers a PIM policy names by literal object ID are, so that chains and
 * reports say "group security-approvers" instead of a bare GUID. A reference needs no record.
 */
export function recordApprovers(resource: TerraformElement, approvers: readonly { principalId: string; kind: string; displayName: string }[]): void {
  const named = approvers.filter((a) => !a.principalId.includes('${')).map((a) => ({ id: a.principalId, kind: a.kind, name: a.displayName }));
  if (named.length > 0) resource.addOverride(metadataOverridePath(MetadataField.APPROVERS), named);
}

/** Records why an eligibility was made permanent on purpose. */
export function recordPermanentEligibility(resource: TerraformElement, reason: string): void {
  resource.addOverride(metadataOverridePath(MetadataField.PERMANENT_ELIGIBILITY), { reason });
}

/** Records the line of the app's code that created the resource (only when source locations are asked for). */
export function recordSource(resource: TerraformElement, source: SourceRecord): void {
  resource.addOverride(metadataOverridePath(MetadataField.SOURCE), { file: source.file, line: source.line });
}

/** Records why a grant that needs a written reason (a tier-0 application permission) was made. */
export function recordJustification(resource: TerraformElement, reason: string): void {
  resource.addOverride(metadataOverridePath(MetadataField.JUSTIFICATION), { reason });
}
