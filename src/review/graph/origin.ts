import { METADATA_KEY, SuppressionRecord } from '../../policy/suppression-metadata';
import { TerraformBlock } from '../terraform-json';
import { metadataOf } from './block-values';
import { Origin } from './graph-types';

function suppressionsIn(value: unknown): SuppressionRecord[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((s): s is Record<string, unknown> => typeof s === 'object' && s !== null)
    .filter((s) => typeof s.ruleId === 'string' && typeof s.reason === 'string')
    .map((s) => ({
      ruleId: s.ruleId as string,
      reason: s.reason as string,
      ...(typeof s.until === 'string' ? { until: s.until } : {}),
    }));
}

/**
 * Where a block came from, with the exceptions recorded on it in the JSON (`"//"`) and those a
 * configuration file adds by address.
 */
export function originOf(file: string, block: TerraformBlock, extra: SuppressionRecord[] = []): Origin {
  const meta = metadataOf(block);
  const cdktfMeta = meta?.metadata as { path?: unknown } | undefined;
  const ours = meta?.[METADATA_KEY] as { suppressions?: unknown } | undefined;
  return {
    file,
    address: block.address,
    ...(typeof cdktfMeta?.path === 'string' ? { constructPath: cdktfMeta.path } : {}),
    suppressions: [...suppressionsIn(ours?.suppressions), ...extra],
  };
}
