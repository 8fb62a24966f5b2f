import { readLibraryMetadata, SuppressionRecord } from '../../model/metadata';
import { REPEATED_KEY, TerraformBlock } from '../terraform-json';
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
export function originOf(file: string, block: TerraformBlock, extra: SuppressionRecord[] = [], stack?: string): Origin {
  const meta = readLibraryMetadata(block.body);
  // Read-only everywhere after: a block without exceptions shares the metadata's (frozen) empty list.
  const suppressions = extra.length === 0 ? meta.suppressions : [...meta.suppressions, ...extra];
  const origin: { -readonly [K in keyof Origin]: Origin[K] } = { file, address: block.address, suppressions };
  if (meta.constructPath !== undefined) origin.constructPath = meta.constructPath;
  if (stack !== undefined) origin.stack = stack;
  const repeated = repeatedOf(block.body);
  if (repeated !== undefined) origin.repeated = repeated;
  return origin;
}

function repeatedOf(body: Record<string, unknown>): string | undefined {
  const comment = body['//'];
  const value = typeof comment === 'object' && comment !== null ? (comment as Record<string, unknown>)[REPEATED_KEY] : undefined;
  return typeof value === 'string' ? value : undefined;
}
