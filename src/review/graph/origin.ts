import { readLibraryMetadata, SuppressionRecord } from '../../model/metadata';
import { REPEATED_KEY, TerraformBlock } from '../terraform-json';
import { Origin } from './graph-types';

/**
 * Where a block came from, with the exceptions recorded on it in the JSON (`"//"`) and those a
 * configuration file adds by address.
 */
export function originOf(file: string, block: TerraformBlock, extra: SuppressionRecord[] = []): Origin {
  const meta = readLibraryMetadata(block.body);
  return {
    file,
    address: block.address,
    ...(meta.constructPath !== undefined ? { constructPath: meta.constructPath } : {}),
    suppressions: [...meta.suppressions, ...extra],
    ...(repeatedOf(block.body) === undefined ? {} : { repeated: repeatedOf(block.body) }),
  };
}

function repeatedOf(body: Record<string, unknown>): string | undefined {
  const comment = body['//'];
  const value = typeof comment === 'object' && comment !== null ? (comment as Record<string, unknown>)[REPEATED_KEY] : undefined;
  return typeof value === 'string' ? value : undefined;
}
