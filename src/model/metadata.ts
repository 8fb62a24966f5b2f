/**
 * The metadata contract between the constructs and every reader of their Terraform JSON.
 *
 * Constructs write accepted exceptions and facts the JSON cannot say on its own under the
 * resource's `"//"` key (Terraform ignores it; cdktf already keeps its own metadata there), in
 * the object named by {@link METADATA_KEY}. The guard at synth, `GrantInventory` and the
 * `azure-access` command read it back with {@link readLibraryMetadata}. This file is the only
 * place that knows the shape; it imports nothing, so both sides can share it.
 */

/** The key, under a resource's `"//"`, of what this library records. */
export const METADATA_KEY = 'cdktf-azure-access';

/** One accepted exception to a rule, as written into the JSON. */
export interface SuppressionRecord {
  readonly ruleId: string;
  readonly reason: string;
  /** `YYYY-MM-DD`: the last day the exception holds. */
  readonly until?: string;
}

/** Who a resource's `principal_id` is, written when the ID alone (a literal GUID) cannot tell. */
export interface PrincipalRecord {
  readonly kind: string;
  readonly name: string;
}

/** Why an eligibility was made permanent on purpose. */
export interface PermanentEligibilityRecord {
  readonly reason: string;
}

/**
 * Why a grant that needs a written reason was made anyway (a tier-0 application permission):
 * recorded apart from suppressions, because no published rule ID covers it yet.
 */
export interface JustificationRecord {
  readonly reason: string;
}

/** The fields of the library's metadata object, each written by one construct-side helper. */
export enum MetadataField {
  SUPPRESSIONS = 'suppressions',
  PRINCIPAL = 'principal',
  PERMANENT_ELIGIBILITY = 'permanentEligibility',
  JUSTIFICATION = 'justification',
}

/** The override path of one field, as `TerraformElement.addOverride` takes it. */
export function metadataOverridePath(field: MetadataField): string {
  return `//.${METADATA_KEY}.${field}`;
}

/** What a resource's body carries: the library's records and cdktf's construct path. */
export interface LibraryMetadata {
  readonly suppressions: SuppressionRecord[];
  readonly principal?: PrincipalRecord;
  readonly permanentEligibility?: PermanentEligibilityRecord;
  readonly justification?: JustificationRecord;
  /** The construct path cdktf writes under `"//".metadata.path`. */
  readonly constructPath?: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function suppressionsIn(value: unknown): SuppressionRecord[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(isObject)
    .filter((s) => typeof s.ruleId === 'string' && typeof s.reason === 'string')
    .map((s) => ({
      ruleId: s.ruleId as string,
      reason: s.reason as string,
      ...(typeof s.until === 'string' ? { until: s.until } : {}),
    }));
}

const NOTHING: LibraryMetadata = Object.freeze({ suppressions: Object.freeze([]) as unknown as SuppressionRecord[] });

/** Reads the metadata of one resource body; malformed entries are ignored, never trusted. */
export function readLibraryMetadata(body: Record<string, unknown>): LibraryMetadata {
  const comment = body['//'];
  // Most blocks carry only cdktf's own metadata, or none: read every block of a large stack cheaply.
  if (!isObject(comment)) return NOTHING;
  const ours = isObject(comment[METADATA_KEY]) ? comment[METADATA_KEY] : undefined;
  const cdktfMeta = isObject(comment.metadata) ? comment.metadata : {};
  if (ours === undefined) return typeof cdktfMeta.path === 'string' ? { suppressions: [], constructPath: cdktfMeta.path } : NOTHING;
  const principal = ours[MetadataField.PRINCIPAL];
  const permanent = ours[MetadataField.PERMANENT_ELIGIBILITY];
  const justification = ours[MetadataField.JUSTIFICATION];
  return {
    suppressions: suppressionsIn(ours[MetadataField.SUPPRESSIONS]),
    ...(isObject(principal) && typeof principal.kind === 'string' && typeof principal.name === 'string'
      ? { principal: { kind: principal.kind, name: principal.name } }
      : {}),
    ...(isObject(permanent) && typeof permanent.reason === 'string' ? { permanentEligibility: { reason: permanent.reason } } : {}),
    ...(isObject(justification) && typeof justification.reason === 'string' ? { justification: { reason: justification.reason } } : {}),
    ...(typeof cdktfMeta.path === 'string' ? { constructPath: cdktfMeta.path } : {}),
  };
}
