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
  /**
   * What the exception accepts, written by whoever accepted it: the scope of a wide grant, the
   * targets of an escalation chain (AZA013). A finding about anything else on the same resource
   * is not silenced by it. Absent: every finding of the rule on the resource, as before.
   */
  readonly accepts?: string[];
}

/** Who a resource's `principal_id` is, written when the ID alone (a literal GUID) cannot tell. */
export interface PrincipalRecord {
  readonly kind: string;
  readonly name: string;
}

/**
 * Who an approver of a PIM policy is, by the object ID the policy names: written by the construct
 * that knows the name (`Principal.group(id, 'security-approvers')`), which the ID alone cannot tell.
 */
export interface ApproverRecord {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
}

/** Why an eligibility was made permanent on purpose. */
export interface PermanentEligibilityRecord {
  readonly reason: string;
}

/**
 * The line of the app's code that created the resource's construct, relative to the repository
 * root. Written only when asked (`AZURE_ACCESS_SOURCE_LOCATIONS=1`), so the default JSON does not
 * change when lines move.
 */
export interface SourceRecord {
  readonly file: string;
  readonly line: number;
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
  SOURCE = 'source',
  JUSTIFICATION = 'justification',
  APPROVERS = 'approvers',
  GROUP = 'group',
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
  readonly source?: SourceRecord;
  readonly justification?: JustificationRecord;
  /** The approvers a PIM policy names by literal object ID, with who they are. */
  readonly approvers?: ApproverRecord[];
  /** Who a PIM for Groups resource's `group_id` is, written when the ID alone cannot tell. */
  readonly group?: PrincipalRecord;
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
      // A malformed list accepts nothing rather than everything: never wider than written.
      ...(s.accepts !== undefined ? { accepts: Array.isArray(s.accepts) ? s.accepts.filter((a): a is string => typeof a === 'string') : [] } : {}),
    }));
}

function principalRecordIn(value: unknown): PrincipalRecord | undefined {
  return isObject(value) && typeof value.kind === 'string' && typeof value.name === 'string' ? { kind: value.kind, name: value.name } : undefined;
}

function approversIn(value: unknown): ApproverRecord[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(isObject)
    .filter((a) => typeof a.id === 'string' && typeof a.kind === 'string' && typeof a.name === 'string')
    .map((a) => ({ id: a.id as string, kind: a.kind as string, name: a.name as string }));
}

/** The suppressions of a resource that records none: one frozen empty list, shared. */
export const NO_SUPPRESSIONS = Object.freeze([]) as unknown as SuppressionRecord[];
const NOTHING: LibraryMetadata = Object.freeze({ suppressions: NO_SUPPRESSIONS });

/** Whether a resource's `"//"` holds this library's records; most hold only cdktf's construct path. */
export function hasLibraryMetadata(comment: unknown): boolean {
  return isObject(comment) && isObject(comment[METADATA_KEY]);
}

/** The construct path cdktf writes in a resource's `"//"` (`metadata.path`), if any. */
export function constructPathOf(comment: unknown): string | undefined {
  if (!isObject(comment) || !isObject(comment.metadata)) return undefined;
  const path = comment.metadata.path;
  return typeof path === 'string' ? path : undefined;
}

/**
 * Who the library recorded a resource's `principal_id` to be, read alone: the graph asks this of
 * every grant, and most carry no record of the library at all.
 */
export function readRecordedPrincipal(body: Record<string, unknown>): PrincipalRecord | undefined {
  const comment = body['//'];
  if (!isObject(comment) || !isObject(comment[METADATA_KEY])) return undefined;
  return readLibraryMetadata(body).principal;
}

/** Reads the metadata of one resource body; malformed entries are ignored, never trusted. */
export function readLibraryMetadata(body: Record<string, unknown>): LibraryMetadata {
  const comment = body['//'];
  // Most blocks carry only cdktf's own metadata, or none: read every block of a large stack cheaply.
  if (!isObject(comment)) return NOTHING;
  const ours = isObject(comment[METADATA_KEY]) ? comment[METADATA_KEY] : undefined;
  const constructPath = constructPathOf(comment);
  if (ours === undefined) return constructPath !== undefined ? { suppressions: NO_SUPPRESSIONS, constructPath } : NOTHING;
  const principal = ours[MetadataField.PRINCIPAL];
  const permanent = ours[MetadataField.PERMANENT_ELIGIBILITY];
  const source = ours[MetadataField.SOURCE];
  const justification = ours[MetadataField.JUSTIFICATION];
  const approvers = approversIn(ours[MetadataField.APPROVERS]);
  const group = principalRecordIn(ours[MetadataField.GROUP]);
  return {
    suppressions: suppressionsIn(ours[MetadataField.SUPPRESSIONS]),
    ...(principalRecordIn(principal) === undefined ? {} : { principal: principalRecordIn(principal) }),
    ...(group === undefined ? {} : { group }),
    ...(isObject(permanent) && typeof permanent.reason === 'string' ? { permanentEligibility: { reason: permanent.reason } } : {}),
    // Only a relative path with a line: an absolute or climbing path is a machine's, never the repository's.
    ...(isObject(source) && typeof source.file === 'string' && Number.isInteger(source.line) && (source.line as number) > 0
      && !/^([\\/]|[A-Za-z]:|\.\.([\\/]|$))/.test(source.file)
      ? { source: { file: source.file, line: source.line as number } }
      : {}),
    ...(isObject(justification) && typeof justification.reason === 'string' ? { justification: { reason: justification.reason } } : {}),
    ...(approvers.length === 0 ? {} : { approvers }),
    ...(constructPath === undefined ? {} : { constructPath }),
  };
}
