import { constructPathOf, hasLibraryMetadata, NO_SUPPRESSIONS, readLibraryMetadata, SuppressionRecord } from '../../model/metadata';
import { DECLARED_AT_KEY, DeclaredPlace, MODULE_CALLS_KEY, ModuleCallSite, NOT_EVALUATED_KEY, REPEATED_KEY, REPEATED_TIMES_KEY, TerraformBlock } from '../terraform-json';
import { Origin } from './graph-types';

/**
 * Which document a graph element is in (its file, and stack when read through a cdktf.out
 * manifest): addresses are only comparable within one.
 */
export function documentKeyOf(origin: { readonly file: string; readonly stack?: string }): string {
  return `${origin.stack ?? ''}\u0000${origin.file}`;
}

/**
 * Where a block came from, with the exceptions recorded on it in the JSON (`"//"`) and those a
 * configuration file adds by address, and the cdktf stack when the input was read through a
 * manifest. Built without spreads: the graph of a large stack makes one per block.
 */
export function originOf(file: string, block: TerraformBlock, extra?: readonly SuppressionRecord[], stack?: string): Origin {
  const comment = block.body['//'];
  const commented = isComment(comment);
  // Most blocks carry cdktf's comment alone (a construct path): no metadata object is read for them.
  const meta = commented && hasLibraryMetadata(comment) ? readLibraryMetadata(block.body) : undefined;
  const recorded = meta === undefined ? NO_SUPPRESSIONS : meta.suppressions;
  // Read-only everywhere after: a block without exceptions shares the metadata's (frozen) empty list.
  const suppressions = extra === undefined || extra.length === 0 ? recorded : [...recorded, ...extra];
  const origin: { -readonly [K in keyof Origin]: Origin[K] } = { file, address: block.address, suppressions };
  const constructPath = meta !== undefined ? meta.constructPath : commented ? constructPathOf(comment) : undefined;
  if (constructPath !== undefined) origin.constructPath = constructPath;
  if (stack !== undefined) origin.stack = stack;
  if (!commented) return origin;
  // The reader's keys, read as they are: no object inherits them, so a value found is the comment's own.
  const repeated = comment[REPEATED_KEY];
  if (typeof repeated === 'string') origin.repeated = repeated;
  const times = comment[REPEATED_TIMES_KEY];
  if (typeof times === 'number') origin.repeatedTimes = times;
  const moduleCalls = comment[MODULE_CALLS_KEY];
  // The places the reader recorded (a document written by hand may carry anything there).
  if (Array.isArray(moduleCalls) && moduleCalls.length > 0 && moduleCalls.every(isCallSite)) {
    origin.moduleCalls = moduleCalls;
    const declaredAt = ownComment(comment, DECLARED_AT_KEY);
    if (isPlace(declaredAt)) origin.declaredAt = declaredAt;
  }
  return origin;
}

/** Whether a value is a place as the reader records it (DECLARED_AT_KEY); a document written by hand may hold anything. */
export function isPlace(value: unknown): value is DeclaredPlace {
  if (typeof value !== 'object' || value === null) return false;
  const place = value as Record<string, unknown>;
  return typeof place.file === 'string' && (place.line === undefined || typeof place.line === 'number');
}

/** Whether a value is a module call site as the reader records it (MODULE_CALLS_KEY). */
export function isCallSite(value: unknown): value is ModuleCallSite {
  if (typeof value !== 'object' || value === null) return false;
  const site = value as Record<string, unknown>;
  return typeof site.address === 'string' && (site.file === undefined || typeof site.file === 'string')
    && (site.line === undefined || typeof site.line === 'number');
}

function isComment(comment: unknown): comment is Record<string, unknown> {
  return typeof comment === 'object' && comment !== null;
}

function ownComment(comment: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(comment, key) ? comment[key] : undefined;
}

const NO_REASONS: readonly string[] = Object.freeze([]);

/** Why values of a block were not evaluated, as the reader recorded it (NOT_EVALUATED_KEY). */
export function notEvaluatedOf(block: TerraformBlock): readonly string[] {
  const comment = block.body['//'];
  // The reader's key, read as it is (see originOf): asked of every access resource.
  const reasons = isComment(comment) ? comment[NOT_EVALUATED_KEY] : undefined;
  return Array.isArray(reasons) ? reasons.filter((r): r is string => typeof r === 'string') : NO_REASONS;
}
