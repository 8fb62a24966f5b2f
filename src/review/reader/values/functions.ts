import { compareTerraformStrings, sortedKeys } from './terraform-order';
import { isKnown, isObject, isWhollyKnown, Reference, Unknown, Value } from './value';
import { setOwn } from '../../../model/own-keys';

type Known = Exclude<Value, Unknown | Reference>;

function toJson(value: Value): unknown {
  return value;
}

function fromJson(value: unknown): Value {
  return value as Value;
}

/** Go's fmt verbs as Terraform's format() uses them, for the common ones. */
function format(pattern: string, args: Known[]): Value {
  let index = 0;
  return pattern.replace(/%(%|[-+ 0#]*\d*(?:\.\d+)?[sdvqft])/g, (_whole, verb: string) => {
    if (verb === '%') return '%';
    const arg = args[index++];
    const kind = verb[verb.length - 1];
    if (kind === 'q') return JSON.stringify(arg);
    if (kind === 'v' && typeof arg === 'object') return JSON.stringify(arg);
    return String(arg);
  });
}

/** merge(): later keys win; every key an own property, `__proto__` included (model/own-keys.ts). */
function mergeObjects(objects: ({ [key: string]: Value } | null)[]): { [key: string]: Value } {
  const out: { [key: string]: Value } = {};
  for (const object of objects) if (object !== null) for (const key of Object.keys(object)) setOwn(out, key, object[key]);
  return out;
}

/**
 * toset(): distinct elements in Terraform's order. A set of strings is ordered by bytes
 * (terraform-order.ts); numbers by value; a mixed list becomes strings, as Terraform converts it.
 */
function setOf(list: Value[]): Value[] {
  const distinct = [...new Map(list.map((v) => [JSON.stringify(v), v])).values()];
  if (distinct.every((v) => typeof v === 'number')) return (distinct as number[]).sort((x, y) => x - y);
  if (distinct.every((v) => typeof v === 'string')) return (distinct as string[]).sort(compareTerraformStrings);
  return distinct;
}

// Functions whose result is known from known arguments, without a provider or a state.
const FUNCTIONS: Record<string, (args: Known[]) => Value> = {
  concat: (a) => (a.every(Array.isArray) ? (a as Value[][]).flat() : new Unknown('concat(...)')),
  merge: (a) => (a.every((x) => x === null || isObject(x)) ? mergeObjects(a as ({ [key: string]: Value } | null)[]) : new Unknown('merge(...)')),
  lookup: (a) => (isObject(a[0]) && typeof a[1] === 'string'
    ? (Object.hasOwn(a[0], a[1]) ? a[0][a[1]] : a.length > 2 ? a[2] : new Unknown(`lookup(..., "${a[1]}")`)) : new Unknown('lookup(...)')),
  tolist: (a) => (Array.isArray(a[0]) ? a[0] : new Unknown('tolist(...)')),
  toset: (a) => (Array.isArray(a[0]) ? setOf(a[0]) : new Unknown('toset(...)')),
  tomap: (a) => (isObject(a[0]) ? a[0] : new Unknown('tomap(...)')),
  tostring: (a) => (a[0] === null || typeof a[0] !== 'object' ? (a[0] === null ? null : String(a[0])) : new Unknown('tostring(...)')),
  tonumber: (a) => (a[0] === null ? null : Number.isNaN(Number(a[0])) ? new Unknown('tonumber(...)') : Number(a[0])),
  tobool: (a) => (typeof a[0] === 'boolean' ? a[0] : a[0] === 'true' ? true : a[0] === 'false' ? false : new Unknown('tobool(...)')),
  jsonencode: (a) => JSON.stringify(toJson(a[0])),
  jsondecode: (a) => {
    if (typeof a[0] !== 'string') return new Unknown('jsondecode(...)');
    try {
      return fromJson(JSON.parse(a[0]));
    } catch {
      return new Unknown('jsondecode(...)');
    }
  },
  format: (a) => (typeof a[0] === 'string' ? format(a[0], a.slice(1)) : new Unknown('format(...)')),
  lower: (a) => (typeof a[0] === 'string' ? a[0].toLowerCase() : new Unknown('lower(...)')),
  upper: (a) => (typeof a[0] === 'string' ? a[0].toUpperCase() : new Unknown('upper(...)')),
  trimspace: (a) => (typeof a[0] === 'string' ? a[0].trim() : new Unknown('trimspace(...)')),
  length: (a) => (Array.isArray(a[0]) ? a[0].length : isObject(a[0]) ? Object.keys(a[0]).length : typeof a[0] === 'string' ? a[0].length : new Unknown('length(...)')),
  keys: (a) => (isObject(a[0]) ? sortedKeys(a[0]) : new Unknown('keys(...)')),
  values: (a) => (isObject(a[0]) ? sortedKeys(a[0]).map((k) => (a[0] as Record<string, Value>)[k]) : new Unknown('values(...)')),
  flatten: (a) => (Array.isArray(a[0]) ? (a[0] as Value[]).flat(Infinity as 1) : new Unknown('flatten(...)')),
  distinct: (a) => (Array.isArray(a[0]) ? [...new Map(a[0].map((v) => [JSON.stringify(v), v])).values()] : new Unknown('distinct(...)')),
  contains: (a) => (Array.isArray(a[0]) ? a[0].some((v) => JSON.stringify(v) === JSON.stringify(a[1])) : new Unknown('contains(...)')),
  coalesce: (a) => a.find((v) => v !== null && v !== '') ?? new Unknown('coalesce(...)'),
  element: (a) => (Array.isArray(a[0]) && typeof a[1] === 'number' && a[0].length ? a[0][a[1] % a[0].length] : new Unknown('element(...)')),
  join: (a) => (typeof a[0] === 'string' && Array.isArray(a[1]) ? a[1].join(a[0]) : new Unknown('join(...)')),
  split: (a) => (typeof a[0] === 'string' && typeof a[1] === 'string' ? a[1].split(a[0]) : new Unknown('split(...)')),
  replace: (a) => (a.every((x) => typeof x === 'string') && !(a[1] as string).startsWith('/') ? (a[0] as string).split(a[1] as string).join(a[2] as string) : new Unknown('replace(...)')),
  zipmap: (a) => (Array.isArray(a[0]) && Array.isArray(a[1]) ? Object.fromEntries(a[0].map((k, i) => [String(k), (a[1] as Value[])[i]])) : new Unknown('zipmap(...)')),
  range: (a) => (typeof a[0] === 'number' && a.length === 1 ? Array.from({ length: a[0] }, (_, i) => i) : new Unknown('range(...)')),
  one: (a) => (Array.isArray(a[0]) ? (a[0].length === 0 ? null : a[0].length === 1 ? a[0][0] : new Unknown('one(...)')) : new Unknown('one(...)')),
};

/**
 * A function call with evaluated arguments. Unknown arguments give an unknown result, except
 * where the result does not depend on them; a function the review does not know is unknown.
 * `jsonencode` keeps references inside an object as `${...}` text, so an azapi body written
 * with jsonencode still names the identity or scope it refers to.
 */
export function callFunction(name: string, args: Value[], source: string): Value {
  const fn = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (fn === undefined) return new Unknown(source);
  if (name === 'jsonencode') return args.length === 1 ? JSON.stringify(asJsonText(args[0])) : new Unknown(source);
  if (name === 'merge' || name === 'concat' || name === 'tolist' || name === 'toset' || name === 'flatten') {
    // Collections may carry references and unknowns inside; the shape is still known.
    if (!args.every(isKnown)) return new Unknown(source);
  } else if (name === 'lookup' || name === 'coalesce') {
    if (!args.every(isKnown)) return new Unknown(source);
  } else if (!args.every(isWhollyKnown)) {
    return new Unknown(source);
  }
  const result = fn(args as Known[]);
  return result instanceof Unknown ? new Unknown(source) : result;
}

/** A value as JSON, with references and unknowns as the `${...}` text a configuration writes. */
export function asJsonText(value: Value): unknown {
  if (value instanceof Reference) return `\${${value.path}}`;
  if (value instanceof Unknown) return `\${${value.source}}`;
  if (Array.isArray(value)) return value.map(asJsonText);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asJsonText(v)]));
  return value;
}
