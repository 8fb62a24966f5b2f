import { compareTerraformStrings, sortedKeys } from './terraform-order';
import { holdsUnknownText, isObject, Reference, Unknown, Value } from './value';

/**
 * How many instances one block (a resource, a data source, a module call) is expanded into at
 * most. Above it, the block is reviewed once, as one block that stands for that many instances
 * (the report shows "× 1,000,000"), with `count.index` / `each` unknown: the widest, never
 * dropped. Azure holds at most 4,000 role assignments per subscription, so a block of more than
 * 10,000 instances cannot be a real grant set; expanding a million of them took 46 s and 4.4 GB.
 */
export const MAX_INSTANCES_PER_BLOCK = 10_000;

/**
 * How many instances one configuration read expands in all: five times the largest repository the
 * benchmarks read (20,000 grants). Past it, blocks are reviewed once each, as above.
 */
export const MAX_INSTANCES_PER_READ = 100_000;

let expanded = 0;

/** Starts the count of one configuration read (MAX_INSTANCES_PER_READ). */
export function startInstanceBudget(): void {
  expanded = 0;
}

/** What `count` / `for_each` make of a block. */
export type InstanceSet =
  | { readonly kind: 'single' }
  | { readonly kind: 'counted'; readonly count: number }
  | { readonly kind: 'keyed'; readonly entries: readonly [string, Value][] }
  /**
   * One block standing for many: an unknown number (`times` undefined), or a known number too large
   * to expand. `names` are the instance names it is evaluated with (unknown), `why` says which
   * argument made it (`for_each = var.roles`), `notEvaluated` why the review could not tell the number.
   */
  | { readonly kind: 'repeated'; readonly why: string; readonly times?: number; readonly names: Record<string, Value>; readonly notEvaluated?: string };

const EACH_UNKNOWN = { each: { key: new Unknown('each.key'), value: new Unknown('each.value') } };
const COUNT_UNKNOWN = { count: { index: new Unknown('count.index') } };

/** `${var.n}` as `var.n`, a number as itself: how a repeated block names what repeats it. */
function writtenText(written: unknown): string {
  if (typeof written === 'string') return /^\$\{([\s\S]*)\}$/.exec(written)?.[1] ?? written;
  return JSON.stringify(written);
}

/** `for_each = try(var.assignments, {})`: the argument as written; a module input the call does not give is named as one. */
function describe(argument: string, written: unknown, value: Value): string {
  const text = value instanceof Unknown && value.source.startsWith('module input ') ? value.source : writtenText(written);
  return `${argument} = ${text.length > 200 ? `${text.slice(0, 200)}...` : text}`;
}

/** A count as Terraform converts it: a string of digits is its number. */
function countNumber(count: Value): Value {
  return typeof count === 'string' && /^\d+$/.test(count) ? Number(count) : count;
}

/**
 * The instance keys of a block when Terraform knows them at plan time, without expanding it (and
 * without spending the read's instance budget): its count, or its for_each keys. Undefined for a
 * block with neither, or whose count or for_each is not known, refused, or more than a block expands.
 */
export function knownInstanceKeys(body: Record<string, unknown>, valueOf: (written: unknown) => Value):
{ readonly kind: 'counted'; readonly count: number } | { readonly kind: 'keyed'; readonly keys: readonly string[] } | undefined {
  if (Object.hasOwn(body, 'count')) {
    const count = countNumber(valueOf(body.count));
    return typeof count === 'number' && Number.isInteger(count) && count >= 0 && count <= MAX_INSTANCES_PER_BLOCK ? { kind: 'counted', count } : undefined;
  }
  if (Object.hasOwn(body, 'for_each')) {
    const entries = forEachEntries(valueOf(body.for_each));
    return Array.isArray(entries) && entries.length <= MAX_INSTANCES_PER_BLOCK ? { kind: 'keyed', keys: entries.map(([key]) => key) } : undefined;
  }
  return undefined;
}

/** The instances of a block, from its `count` or `for_each` as written and as evaluated (`valueOf`). */
export function instanceSetOf(body: Record<string, unknown>, valueOf: (written: unknown) => Value): InstanceSet {
  if (Object.hasOwn(body, 'count')) {
    const count = valueOf(body.count);
    const why = describe('count', body.count, count);
    const number = countNumber(count);
    if (typeof number !== 'number') return unknownSet(why, COUNT_UNKNOWN, count, 'count');
    if (!Number.isInteger(number) || number < 0) return refused(why, COUNT_UNKNOWN, `count must be a whole number, not ${number}`);
    return spendInstances(number) ? { kind: 'counted', count: number } : { kind: 'repeated', why, times: number, names: COUNT_UNKNOWN };
  }
  if (Object.hasOwn(body, 'for_each')) {
    const collection = valueOf(body.for_each);
    const why = describe('for_each', body.for_each, collection);
    const entries = forEachEntries(collection);
    if (entries === undefined) return unknownSet(why, EACH_UNKNOWN, collection, 'for_each');
    if (typeof entries === 'string') return refused(why, EACH_UNKNOWN, entries);
    return spendInstances(entries.length) ? { kind: 'keyed', entries } : { kind: 'repeated', why, times: entries.length, names: EACH_UNKNOWN };
  }
  return { kind: 'single' };
}

/** A count or for_each not known yet (a collection whose keys are not all known is not); anything else Terraform refuses. */
function unknownSet(why: string, names: Record<string, Value>, value: Value, argument: 'count' | 'for_each'): InstanceSet {
  const unknown = value instanceof Unknown || value instanceof Reference || (typeof value === 'string' && holdsUnknownText(value))
    || (argument === 'for_each' && (Array.isArray(value) || isObject(value)));
  if (!unknown) return refused(why, names, value === null ? `${argument} is null` : `${argument} cannot be ${JSON.stringify(value).slice(0, 100)}`);
  const notEvaluated = value instanceof Unknown ? value.notEvaluated : undefined;
  return { kind: 'repeated', why, names, ...(notEvaluated === undefined ? {} : { notEvaluated }) };
}

/** A count or for_each Terraform refuses: the plan fails; the review keeps the block, as the widest, and says why. */
function refused(why: string, names: Record<string, Value>, reason: string): InstanceSet {
  return { kind: 'repeated', why, names, notEvaluated: `Terraform would refuse it: ${reason}` };
}

/** Whether `count` more instances fit this block's and this read's limits; if they do, they are counted. */
export function spendInstances(count: number): boolean {
  if (count > MAX_INSTANCES_PER_BLOCK || expanded + count > MAX_INSTANCES_PER_READ) return false;
  expanded += count;
  return true;
}

/**
 * A map's entries, or a set of strings as key = value, keys in Terraform's (byte) order; undefined
 * while the keys are not all known (a key holding a resource attribute is not known before apply);
 * a message when Terraform refuses the collection (a set of numbers or objects).
 */
export function forEachEntries(collection: Value): [string, Value][] | string | undefined {
  if (Array.isArray(collection)) {
    if (collection.some((v) => v instanceof Unknown || v instanceof Reference || (typeof v === 'string' && holdsUnknownText(v)))) return undefined;
    if (!collection.every((v) => typeof v === 'string')) return 'for_each must be a map, or a set of strings';
    return [...new Set(collection as string[])].sort(compareTerraformStrings).map((v) => [v, v]);
  }
  if (isObject(collection)) return sortedKeys(collection).map((k) => [k, collection[k]]);
  return undefined;
}
