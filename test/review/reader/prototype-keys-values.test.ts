import { evaluate } from '../../../src/review/reader/values/evaluate-expression';
import { parseExpression } from '../../../src/review/reader/values/expression-parser';
import { Value } from '../../../src/review/reader/values/value';

/**
 * Every function and expression of the evaluator that builds a map from input keys, fed
 * `__proto__`, `constructor` and `prototype`: each key stays an own key with its value, and
 * Object.prototype is left as it was. `merge()` once dropped `__proto__` (Object.assign set the
 * prototype instead), so `for_each = merge({ "__proto__" = "Owner" })` reviewed 0 grants.
 */
const KEYS = ['__proto__', 'constructor', 'prototype'];

const expr = (text: string, variables: Record<string, Value> = {}) => evaluate(parseExpression(text), {
  variable: (name) => (Object.hasOwn(variables, name) ? variables[name] : undefined),
  local: () => null,
  names: new Map(),
  modulePrefix: '',
});

/** An object whose keys are KEYS, as JSON.parse makes it (own `__proto__`). */
const inputObject = (): Record<string, Value> => JSON.parse(`{${KEYS.map((k) => `"${k}": "v-${k}"`).join(',')}}`);

function expectOwnKeys(value: Value): void {
  expect(value !== null && typeof value === 'object' && !Array.isArray(value)).toBe(true);
  const object = value as Record<string, Value>;
  expect(Object.keys(object).sort()).toEqual([...KEYS].sort());
  for (const key of KEYS) {
    expect(Object.getOwnPropertyDescriptor(object, key)?.value).toBe(`v-${key}`);
  }
  expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
}

const literal = `{ ${KEYS.map((k) => `"${k}" = "v-${k}"`).join(', ')} }`;
const keyList = `[${KEYS.map((k) => `"${k}"`).join(', ')}]`;
const valueList = `[${KEYS.map((k) => `"v-${k}"`).join(', ')}]`;

describe('map-building functions and expressions keep prototype names as own keys', () => {
  const before = Object.getOwnPropertyNames(Object.prototype).sort();
  afterAll(() => expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before));

  test.each([
    ['an object expression', literal],
    ['merge() of a literal', `merge(${literal})`],
    ['merge() of a variable and an empty map', 'merge(var.roles, {})'],
    ['merge() of two maps, the later winning', `merge({ "__proto__" = "old" }, ${literal})`],
    ['zipmap()', `zipmap(${keyList}, ${valueList})`],
    ['tomap()', 'tomap(var.roles)'],
    ['jsondecode()', `jsondecode(jsonencode(${literal}))`],
    ['a for expression', `{ for k in ${keyList} : k => "v-\${k}" }`],
    ['a for expression over a map', '{ for k, v in var.roles : k => v }'],
    ['lookup() of a map value', `{ for k in ${keyList} : k => lookup(var.roles, k, "none") }`],
    ['transpose() of a map of lists', `{ for k, v in transpose({ ${KEYS.map((k) => `"v-${k}" = ["${k}"]`).join(', ')} }) : k => "v-\${k}" }`],
    ['csvdecode() with the keys as its header', `csvdecode("${KEYS.join(',')}\\n${KEYS.map((k) => `v-${k}`).join(',')}")[0]`],
  ])('%s', (_name, text) => {
    expectOwnKeys(expr(text, { roles: inputObject() }));
  });

  test('a grouped for expression collects under each key, not under an inherited one', () => {
    const grouped = expr(`{ for k in ${keyList} : k => "v-\${k}"... }`) as Record<string, Value>;
    expect(KEYS.map((k) => Object.getOwnPropertyDescriptor(grouped, k)?.value)).toEqual(KEYS.map((k) => [`v-${k}`]));
  });

  test('keys() and values() list the own keys, in Terraform\'s byte order', () => {
    expect(expr('keys(var.roles)', { roles: inputObject() })).toEqual(['__proto__', 'constructor', 'prototype']);
    expect(expr('values(var.roles)', { roles: inputObject() })).toEqual(['v-__proto__', 'v-constructor', 'v-prototype']);
  });

  test('lookup() of a missing key does not find the prototype\'s member', () => {
    expect(expr('lookup({}, "constructor", "none")')).toBe('none');
    expect(expr('lookup({}, "toString", "none")')).toBe('none');
  });
});

describe('Terraform\'s orderings, on every machine', () => {
  test('toset() sorts strings by their bytes, not by the locale', () => {
    // The locale puts "rg-äpfel" first; Terraform (Go) sorts by UTF-8 bytes: "z" (7a) before "ä" (c3 a4).
    expect(expr('tolist(toset(["rg-äpfel", "rg-zeta"]))[0]')).toBe('rg-zeta');
    expect(expr('toset(["b", "B", "a", "😀", "\uffff"])')).toEqual(['B', 'a', 'b', '\uffff', '😀']);
    expect(expr('toset([10, 9, 1])')).toEqual([1, 9, 10]);
  });

  test('keys() and for over a map follow the same order', () => {
    expect(expr('keys({ "rg-äpfel" = 1, "rg-zeta" = 2 })')).toEqual(['rg-zeta', 'rg-äpfel']);
    expect(expr('[for k, v in { "rg-äpfel" = 1, "rg-zeta" = 2 } : k]')).toEqual(['rg-zeta', 'rg-äpfel']);
  });
});
