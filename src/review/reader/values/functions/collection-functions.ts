import { asInteger, asList, asMap, asNumber, asString, asStrings, checkSize, graphemes, numberText, typeName } from './arguments';
import { FunctionTable } from './function-spec';
import { setOwn } from '../../../../model/own-keys';
import { equalityOf, identityOf, sameContent } from '../equality';
import { EvaluationError } from '../evaluation-error';
import { compareTerraformStrings, sortedKeys } from '../terraform-order';
import { holdsUnknownText, isKnown, isNeverEmpty, isObject, Reference, Unknown, unknownOf, Value } from '../value';

/**
 * The elements of a list brought to one type, as Terraform converts a tuple to a list or set:
 * strings beside numbers or booleans make them all strings; numbers beside booleans cannot be.
 */
export function unifiedElements(list: readonly Value[]): Value[] {
  const kinds = new Set(list.filter((v) => v !== null && isKnown(v)).map((v) => (Array.isArray(v) ? 'list' : typeof v)));
  if (kinds.has('string') && (kinds.has('number') || kinds.has('boolean')) && !kinds.has('object') && !kinds.has('list')) {
    return list.map((v) => (typeof v === 'number' ? numberText(v) : typeof v === 'boolean' ? String(v) : v));
  }
  if (kinds.has('number') && kinds.has('boolean')) throw new EvaluationError('the elements cannot be converted to one type (numbers and booleans)');
  return [...list];
}

/**
 * A set as Terraform orders it: distinct elements, strings by their bytes, numbers by value,
 * anything else in the order first given (Terraform's own order for those is its own).
 */
export function setOf(list: readonly Value[]): Value[] {
  const unified = unifiedElements(list);
  const distinct = [...new Map(unified.map((v) => [identityOf(v), v])).values()];
  if (distinct.every((v) => typeof v === 'number')) return (distinct as number[]).sort((x, y) => x - y);
  if (distinct.every((v) => typeof v === 'string')) return (distinct as string[]).sort(compareTerraformStrings);
  return distinct;
}

/** A list argument as a set. */
function wholeSet(value: Value, what: string): Value[] {
  return setOf(asList(value, what));
}

/** `flatten`: lists in lists, however deep; unknown while any element might still be a list. */
function flattened(list: readonly Value[]): Value[] | Unknown {
  const out: Value[] = [];
  for (const item of list) {
    if (item instanceof Unknown || item instanceof Reference) return unknownOf('flatten(...)', [item]);
    if (Array.isArray(item)) {
      const inner = flattened(item);
      if (inner instanceof Unknown) return inner;
      for (const x of inner) out.push(x);
    } else {
      out.push(item);
    }
    checkSize(out.length, 'the flattened list');
  }
  return out;
}

/** Whether a list holds a value equal to `value`: true, false, or unknown when an unknown element might be it. */
function containment(list: readonly Value[], value: Value): boolean | Unknown {
  let unknown: Unknown | undefined;
  for (const item of list) {
    const equal = sameContent(item, value);
    if (equal === true) return true;
    if (equal instanceof Unknown) unknown ??= equal;
  }
  return unknown ?? false;
}

function range(args: readonly Value[]): number[] {
  const numbers = args.map((a, i) => asNumber(a, `argument ${i + 1}`));
  const [start, limit] = numbers.length === 1 ? [0, numbers[0]] : [numbers[0], numbers[1]];
  const step = numbers.length === 3 ? numbers[2] : limit >= start ? 1 : -1;
  if (step === 0 && start !== limit) throw new EvaluationError('step must not be zero');
  if (step > 0 ? limit < start : limit > start) {
    throw new EvaluationError(`a ${step > 0 ? 'positive' : 'negative'} step cannot go from ${start} to ${limit}`);
  }
  const out: number[] = [];
  for (let n = start; step > 0 ? n < limit : n > limit; n += step) {
    // Terraform's own limit: a range is a list in memory.
    if (out.length === 1024) throw new EvaluationError('more than 1024 values were generated; either decrease the difference between start and end or use a smaller step');
    out.push(n);
  }
  return out;
}

export const COLLECTION_FUNCTIONS: FunctionTable = {
  alltrue: {
    params: ['shallow'],
    run: ([list]) => {
      let unknown: Value | undefined;
      for (const [i, item] of asList(list, 'the list').entries()) {
        if (!isKnown(item)) { unknown ??= item; continue; }
        if (item === null) return false;
        if (!asBoolean(item, `element ${i}`)) return false;
      }
      return unknown === undefined ? true : unknownOf('alltrue(...)', [unknown]);
    },
  },
  anytrue: {
    params: ['shallow'],
    run: ([list]) => {
      let unknown: Value | undefined;
      for (const [i, item] of asList(list, 'the list').entries()) {
        if (!isKnown(item)) { unknown ??= item; continue; }
        if (item !== null && asBoolean(item, `element ${i}`)) return true;
      }
      return unknown === undefined ? false : unknownOf('anytrue(...)', [unknown]);
    },
  },
  chunklist: {
    params: ['shallow', 'whole'],
    run: ([list, sizeValue]) => {
      const items = asList(list, 'the list');
      const size = asInteger(sizeValue, 'the size');
      if (size < 0) throw new EvaluationError('the size argument must be positive');
      if (items.length === 0) return [];
      if (size === 0) return [items];
      const out: Value[] = [];
      for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
      return out;
    },
  },
  coalesce: {
    params: [],
    variadic: 'any',
    nulls: 'all',
    run: (args) => {
      const unified = unifiedElements(args);
      for (const value of unified) {
        // A resource's id is never null nor empty: it is the value, though not known until apply;
        // so is a text with known characters around what is not known yet (`/subscriptions/${...}`).
        if (value instanceof Reference && isNeverEmpty(value)) return value;
        if (typeof value === 'string' && holdsUnknownText(value) && value.replace(/\$\{[^}]*\}/g, '') !== '') return value;
        if (!isKnown(value) || (typeof value === 'string' && holdsUnknownText(value))) return unknownOf('coalesce(...)', [value]);
        if (value === null || value === '') continue;
        return value;
      }
      throw new EvaluationError('no non-null, non-empty-string arguments');
    },
  },
  coalescelist: {
    params: [],
    variadic: 'any',
    run: (args) => {
      if (args.length === 0) throw new EvaluationError('at least one argument is required');
      for (const [i, value] of args.entries()) {
        if (!isKnown(value)) return unknownOf('coalescelist(...)', [value]);
        if (asList(value, `argument ${i + 1}`).length > 0) return value;
      }
      return [];
    },
  },
  compact: {
    params: ['whole'],
    run: ([list]) => asList(list, 'the list').filter((v) => v !== null && v !== '').map((v, i) => asString(v, `element ${i}`)),
  },
  concat: {
    params: [],
    variadic: 'shallow',
    run: (lists) => {
      const out = lists.flatMap((l, i) => asList(l, `argument ${i + 1}`));
      checkSize(out.length, 'the list');
      return out;
    },
  },
  contains: { params: ['shallow', 'any'], nulls: [1], run: ([list, value]) => containment(asList(list, 'the list'), value) },
  distinct: {
    params: ['whole'],
    run: ([list]) => [...new Map(unifiedElements(asList(list, 'the list')).map((v) => [identityOf(v), v])).values()],
  },
  element: {
    params: ['shallow', 'whole'],
    run: ([list, indexValue]) => {
      const items = asList(list, 'the list');
      const index = asInteger(indexValue, 'the index');
      if (items.length === 0) throw new EvaluationError('cannot use element function with an empty list');
      return items[((index % items.length) + items.length) % items.length];
    },
  },
  flatten: { params: ['shallow'], run: ([list]) => flattened(asList(list, 'the list')) },
  index: {
    params: ['shallow', 'any'],
    run: ([list, value]) => {
      const items = asList(list, 'the list');
      if (items.length === 0) throw new EvaluationError('cannot search an empty list');
      for (const [i, item] of items.entries()) {
        const equal = equalityOf(item, value);
        if (equal instanceof Unknown) return unknownOf('index(...)', [equal]);
        if (equal) return i;
      }
      throw new EvaluationError('item not found');
    },
  },
  keys: { params: ['shallow'], run: ([map]) => sortedKeys(asMap(map, 'the map')) },
  length: {
    params: ['shallow'],
    run: ([value]) => {
      if (Array.isArray(value)) return value.length;
      if (isObject(value)) return Object.keys(value).length;
      if (typeof value === 'string') return holdsUnknownText(value) ? unknownOf('length(...)', [value]) : graphemes(value).length;
      throw new EvaluationError(`the argument must be a string, a collection or an object, not ${typeName(value)}`);
    },
  },
  lookup: {
    params: ['shallow', 'whole', 'any'],
    min: 2,
    nulls: [2],
    run: ([map, keyValue, ...fallback]) => {
      const object = asMap(map, 'the map');
      const key = asString(keyValue, 'the key');
      if (Object.hasOwn(object, key)) return object[key];
      if (fallback.length > 0) return fallback[0];
      throw new EvaluationError(`lookup failed to find key ${JSON.stringify(key.slice(0, 200))}`);
    },
  },
  matchkeys: {
    params: ['whole', 'whole', 'whole'],
    run: ([values, keys, searchset]) => {
      const [v, k, s] = [asList(values, 'the values'), asList(keys, 'the keys'), asList(searchset, 'the search set')];
      if (v.length !== k.length) throw new EvaluationError('length of keys and values should be equal');
      const unified = unifiedElements([...k, ...s]);
      const wanted = new Set(unified.slice(k.length).map(identityOf));
      return v.filter((_, i) => wanted.has(identityOf(unified[i])));
    },
  },
  merge: {
    params: [],
    variadic: 'shallow',
    nulls: 'all',
    run: (maps) => {
      // Every key an own property, `__proto__` included (model/own-keys.ts).
      const out: { [key: string]: Value } = {};
      for (const [i, map] of maps.entries()) {
        if (map === null) continue;
        const object = asMap(map, `argument ${i + 1}`);
        for (const key of Object.keys(object)) setOwn(out, key, object[key]);
      }
      return out;
    },
  },
  one: {
    params: ['shallow'],
    run: ([list]) => {
      const items = asList(list, 'the list');
      if (items.length > 1) throw new EvaluationError('must be a list, set, or tuple value with either zero or one elements');
      return items.length === 0 ? null : items[0];
    },
  },
  range: { params: ['whole', 'whole', 'whole'], min: 1, run: (args) => range(args) },
  reverse: { params: ['shallow'], run: ([list]) => [...asList(list, 'the list')].reverse() },
  setintersection: {
    params: ['whole'],
    variadic: 'whole',
    run: ([first, ...rest]) => {
      const others = rest.map((s, i) => new Set(wholeSet(s, `argument ${i + 2}`).map(identityOf)));
      return setOf(wholeSet(first, 'argument 1').filter((v) => others.every((o) => o.has(identityOf(v)))));
    },
  },
  setproduct: {
    params: [],
    variadic: 'whole',
    run: (sets) => {
      if (sets.length < 2) throw new EvaluationError('at least two arguments are required');
      const lists = sets.map((s, i) => unifiedElements(asList(s, `argument ${i + 1}`)));
      checkSize(lists.reduce((n, l) => n * l.length, 1), 'the product');
      let product: Value[][] = [[]];
      for (const list of lists) product = product.flatMap((prefix) => list.map((v) => [...prefix, v]));
      return product;
    },
  },
  setsubtract: {
    params: ['whole', 'whole'],
    run: ([a, b]) => {
      const removed = new Set(wholeSet(b, 'argument 2').map(identityOf));
      return wholeSet(a, 'argument 1').filter((v) => !removed.has(identityOf(v)));
    },
  },
  setunion: {
    params: [],
    variadic: 'whole',
    run: (sets) => {
      if (sets.length === 0) throw new EvaluationError('at least one argument is required');
      return setOf(sets.flatMap((s, i) => asList(s, `argument ${i + 1}`)));
    },
  },
  slice: {
    params: ['shallow', 'whole', 'whole'],
    run: ([list, startValue, endValue]) => {
      const items = asList(list, 'the list');
      const [start, end] = [asInteger(startValue, 'the start index'), asInteger(endValue, 'the end index')];
      if (start < 0) throw new EvaluationError('start index must not be less than zero');
      if (start > items.length) throw new EvaluationError('start index must not be greater than the length of the list');
      if (end < 0) throw new EvaluationError('end index must not be less than zero');
      if (end > items.length) throw new EvaluationError('end index must not be greater than the length of the list');
      if (start > end) throw new EvaluationError('start index must not be greater than end index');
      return items.slice(start, end);
    },
  },
  sort: { params: ['whole'], run: ([list]) => asStrings(list, 'the list').sort(compareTerraformStrings) },
  sum: {
    params: ['whole'],
    run: ([list]) => {
      const items = asList(list, 'the list');
      if (items.length === 0) throw new EvaluationError('cannot sum an empty list');
      return items.reduce<number>((total, v, i) => total + asNumber(v, `element ${i}`), 0);
    },
  },
  transpose: {
    params: ['whole'],
    run: ([map]) => {
      const byValue = new Map<string, string[]>();
      const object = asMap(map, 'the map');
      for (const key of sortedKeys(object)) {
        if (object[key] === null) throw new EvaluationError('input must not contain null list');
        for (const value of asStrings(object[key], `the list at ${JSON.stringify(key.slice(0, 200))}`)) {
          byValue.set(value, [...(byValue.get(value) ?? []), key]);
        }
      }
      const out: { [key: string]: Value } = {};
      for (const [value, keys] of byValue) setOwn(out, value, keys.sort(compareTerraformStrings));
      return out;
    },
  },
  values: {
    params: ['shallow'],
    run: ([map]) => {
      const object = asMap(map, 'the map');
      return sortedKeys(object).map((k) => object[k]);
    },
  },
  zipmap: {
    params: ['whole', 'shallow'],
    run: ([keys, values]) => {
      const [k, v] = [asStrings(keys, 'the keys'), asList(values, 'the values')];
      if (k.length !== v.length) throw new EvaluationError(`number of keys (${k.length}) does not match number of values (${v.length})`);
      const out: { [key: string]: Value } = {};
      k.forEach((key, i) => setOwn(out, key, v[i]));
      return out;
    },
  },
};

function asBoolean(value: Value, what: string): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new EvaluationError(`${what} must be a boolean, not ${typeName(value)}`);
}
