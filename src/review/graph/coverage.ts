import { TerraformBlock } from '../terraform-json';
import { AccessResourceType } from './access-resource-type';
import { ACCESS_RESOURCE_TYPES } from './access-resource-types.generated';
import { azapiBody } from './azapi-body';
import { GraphCoverage, Origin } from './graph-types';
import { isRead } from './read-access-types';

/** An entry of the reviewed list with what it says about every block of its type, worked out once. */
interface ListedPart {
  readonly entry: AccessResourceType;
  /** The nested block or attribute that must be present (`identity` of `block:identity`); undefined for `resource`. */
  readonly part?: string;
  /** The part is a property of an azapi resource's ARM body (`body:identity`), not of the block. */
  readonly inBody: boolean;
  readonly reviewed: boolean;
}

const BY_TYPE = new Map<string, ListedPart[]>();
for (const entry of ACCESS_RESOURCE_TYPES) {
  const list = BY_TYPE.get(entry.type) ?? [];
  const [kind, part] = entry.via.split(':');
  list.push({ entry, part: kind === 'resource' ? undefined : part, inBody: kind === 'body', reviewed: isRead(entry.type, entry.armType, entry.via) });
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
 * The parts of a block that carry access, by the reviewed list, each marked reviewed or not,
 * added to `found`; returns how many. An azapi resource whose `type` cannot be read may be any of
 * the listed ARM types: unknown counts as the wider case, so it is an access resource that is
 * not reviewed. Every block of a large stack is asked: no list of its own per block, and its
 * origin is made only when the block has a part to list.
 */
export function addCoverage(block: TerraformBlock, originOf: (block: TerraformBlock) => Origin, found: GraphCoverage[]): number {
  if (block.isData) return 0;
  const entries = BY_TYPE.get(block.type);
  if (entries === undefined) return 0;
  const armType = armTypeOf(block.body);
  const from = found.length;
  for (let at = 0; at < entries.length; at++) {
    const { entry, part, inBody, reviewed } = entries[at];
    if (entry.armType !== undefined && armType !== undefined && entry.armType.toLowerCase() !== armType) continue;
    if (part !== undefined && !present(inBody ? azapiBody(block) ?? {} : block.body, part)) continue;
    if (entry.armType !== undefined && armType === undefined) {
      if (hasUnreadArmType(found, from)) continue;
      found.push({
        origin: originOf(block), type: block.type, via: 'resource', reason: `the ARM type (${String(block.body.type)}) cannot be read, so it may carry any access`, reviewed: false,
      });
      continue;
    }
    const origin = originOf(block);
    found.push(entry.armType === undefined
      ? { origin, type: block.type, via: entry.via, reason: entry.reason, reviewed }
      : { origin, type: block.type, armType: entry.armType, via: entry.via, reason: entry.reason, reviewed });
  }
  return found.length - from;
}

/** Whether this block's entries (from `from` on) already say its ARM type cannot be read. */
function hasUnreadArmType(found: readonly GraphCoverage[], from: number): boolean {
  for (let at = from; at < found.length; at++) if (found[at].armType === undefined && found[at].via === 'resource') return true;
  return false;
}
