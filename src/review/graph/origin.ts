import { readLibraryMetadata, SuppressionRecord } from '../../model/metadata';
import { TerraformBlock } from '../terraform-json';
import { Origin } from './graph-types';

/**
 * Where a block came from, with the exceptions recorded on it in the JSON (`"//"`) and those a
 * configuration file adds by address, and the cdktf stack when the input was read through a
 * manifest. Built without spreads: the graph of a large stack makes one per block.
 */
export function originOf(file: string, block: TerraformBlock, extra: SuppressionRecord[] = [], stack?: string): Origin {
  const meta = readLibraryMetadata(block.body);
  const suppressions = extra.length === 0 ? [...meta.suppressions] : [...meta.suppressions, ...extra];
  const origin: { -readonly [K in keyof Origin]: Origin[K] } = { file, address: block.address, suppressions };
  if (meta.constructPath !== undefined) origin.constructPath = meta.constructPath;
  if (stack !== undefined) origin.stack = stack;
  return origin;
}
