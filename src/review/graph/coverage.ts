import { TerraformBlock } from '../terraform-json';
import { AccessResourceType } from './access-resource-type';
import { ACCESS_RESOURCE_TYPES } from './access-resource-types.generated';
import { GraphCoverage, Origin } from './graph-types';
import { isRead } from './read-access-types';

/** An entry of the reviewed list with what it says about every block of its type, worked out once. */
interface ListedPart {
  readonly entry: AccessResourceType;
  /** The nested block or attribute that must be present (`identity` of `block:identity`); undefined for `resource`. */
  readonly part?: string;
  readonly reviewed: boolean;
}

const BY_TYPE = new Map<string, ListedPart[]>();
for (const entry of ACCESS_RESOURCE_TYPES) {
  const list = BY_TYPE.get(entry.type) ?? [];
  const [kind, part] = entry.via.split(':');
  list.push({ entry, part: kind === 'resource' ? undefined : part, reviewed: isRead(entry.type, entry.armType, entry.via) });
  BY_TYPE.set(entry.type, list);
}

/** `Microsoft.Authorization/roleAssignments@2022-04-01` → `microsoft.authorization/roleassignments`. */
export function armTypeOf(body: Record<string, unknown>): string | undefined {
  const value = body.type;
  if (typeof value !== 'string' || value.includes('${')) return undefined;
  return value.split('@')[0].toLowerCase();
}

/** A nested block or attribute is there when it holds something: `[]`, `null` and `""` say nothing. */
function present(body: Record<string, unknown>, key: string): boolean {
  const value = Object.hasOwn(body, key) ? body[key] : undefined;
  if (value === undefined || value === null || value === '') return false;
  return !(Array.isArray(value) && value.length === 0);
}

/**
 * The parts of a block that carry access, by the reviewed list, each marked reviewed or not. An
 * azapi resource whose `type` cannot be read may be any of the listed ARM types: unknown counts
 * as the wider case, so it is an access resource that is not reviewed.
 */
export function coverageOf(block: TerraformBlock, origin: Origin): GraphCoverage[] {
  if (block.isData) return [];
  const entries = BY_TYPE.get(block.type);
  if (entries === undefined) return [];
  const armType = armTypeOf(block.body);
  const found: GraphCoverage[] = [];
  for (const { entry, part, reviewed } of entries) {
    if (entry.armType !== undefined && armType !== undefined && entry.armType.toLowerCase() !== armType) continue;
    if (part !== undefined && !present(block.body, part)) continue;
    if (entry.armType !== undefined && armType === undefined) {
      if (found.some((f) => f.armType === undefined && f.via === 'resource')) continue;
      found.push({ origin, type: block.type, via: 'resource', reason: `the ARM type (${String(block.body.type)}) cannot be read, so it may carry any access`, reviewed: false });
      continue;
    }
    found.push(entry.armType === undefined
      ? { origin, type: block.type, via: entry.via, reason: entry.reason, reviewed }
      : { origin, type: block.type, armType: entry.armType, via: entry.via, reason: entry.reason, reviewed });
  }
  return found;
}
