import { Random } from './random';

/**
 * Mutations of an input, as a hostile or careless pull request author would make them: bytes
 * flipped, spans cut, doubled or moved, tokens that have broken parsers and evaluators before
 * (deep nesting, `__proto__`, template openers, huge numbers, control characters), and for JSON,
 * values swapped for other types, nested thousands deep, or keyed by prototype names.
 */

const TOKENS = [
  '${', '%{', '}', '"', '\\', '\\u0000', '\u0000', '\uffff', '\ud800', '😀', 'ä', '1e309', '-0', '99999999999999999999999',
  'null', '<<EOT\n', '<<-EOT\n', 'EOT\n', '#', '//', '/*', '*/', '=', '==', '...', '[*]', '.*', '?', ':', ',', '\n', '\r\n', '\t',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty',
  'count = 1000000', 'count = 1000000000', 'count = -1', 'for_each = merge({ "__proto__" = "Owner" })',
  'for_each = toset(["a", "b"])', 'dynamic "x" {', 'module "m" {\n  source = "./m"\n}\n', 'module "r" {\n  source = "hashicorp/x/y"\n}\n',
  'try(', 'can(', 'lookup(', 'regex("(", "x")', 'format("%q", 1)', 'jsondecode("{")', 'cidrsubnet("10.0.0.0/8", 30, 1)',
  'var.missing', 'local.loop', 'locals {\n  loop = local.loop\n}\n', 'self.id', 'each.value', 'count.index',
  '/subscriptions/00000000-0000-0000-0000-0000000000aa', '/', '/providers/Microsoft.Management/managementGroups/mg',
  'Owner', 'User Access Administrator', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635', 'sensitive = true',
];

/** Text that nests brackets `depth` levels. */
function nested(r: Random, depth: number): string {
  const [open, close] = r.pick([['[', ']'], ['{', '}'], ['(', ')'], ['${', '}'], ['[{"a":', '}]']]);
  return open.repeat(depth) + (r.chance(0.5) ? close.repeat(depth) : '');
}

function hostileToken(r: Random): string {
  if (r.chance(0.1)) return nested(r, r.pick([10, 255, 257, 999, 1001, 3000, 20_000]));
  if (r.chance(0.05)) return 'x'.repeat(r.pick([201, 5000, 100_000]));
  return r.pick(TOKENS);
}

type TextMutation = (text: string, r: Random, other: string) => string;

const span = (text: string, r: Random): [number, number] => {
  const start = r.below(text.length + 1);
  return [start, Math.min(text.length, start + 1 + r.below(r.chance(0.8) ? 16 : 512))];
};

const TEXT_MUTATIONS: TextMutation[] = [
  // A character replaced.
  (text, r) => {
    const at = r.below(text.length + 1);
    return text.slice(0, at) + String.fromCharCode(r.chance(0.7) ? 32 + r.below(95) : r.below(0x3000)) + text.slice(at + 1);
  },
  // A span cut.
  (text, r) => {
    const [a, b] = span(text, r);
    return text.slice(0, a) + text.slice(b);
  },
  // A span doubled.
  (text, r) => {
    const [a, b] = span(text, r);
    return text.slice(0, b) + text.slice(a, b) + text.slice(b);
  },
  // A hostile token inserted.
  (text, r) => {
    const at = r.below(text.length + 1);
    return text.slice(0, at) + hostileToken(r) + text.slice(at);
  },
  // A span of another input spliced in.
  (text, r, other) => {
    const [a, b] = span(other, r);
    const at = r.below(text.length + 1);
    return text.slice(0, at) + other.slice(a, b) + text.slice(at);
  },
  // Cut short.
  (text, r) => text.slice(0, r.below(text.length + 1)),
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every container of a JSON value, with a way to change one of its entries. */
function containers(value: Json, found: (Json[] | { [key: string]: Json })[] = []): (Json[] | { [key: string]: Json })[] {
  const stack: Json[] = [value];
  while (stack.length > 0) {
    const at = stack.pop()!;
    if (typeof at !== 'object' || at === null) continue;
    found.push(at);
    for (const child of Array.isArray(at) ? at : Object.values(at)) stack.push(child);
  }
  return found;
}

function hostileValue(r: Random, elsewhere: Json): Json {
  switch (r.below(10)) {
    case 0: return null;
    case 1: return r.pick([0, -1, 1e308, 1000000, 1.5, -0]);
    case 2: return r.chance(0.5);
    case 3: return hostileToken(r);
    case 4: {
      let deep: Json = 'end';
      for (let i = r.pick([999, 1001, 10_000]); i > 0; i--) deep = [deep];
      return deep;
    }
    case 5: return Array.from({ length: r.pick([0, 1, 10_000]) }, (_, i) => `x${i}`);
    case 6: return JSON.parse('{"__proto__": "Owner", "constructor": {"prototype": 1}, "a": "b"}') as Json;
    case 7: return `\${${r.pick(['var.x', 'local.y', 'azurerm_role_assignment.a.id', 'merge({}, {"__proto__" = 1})', 'count.index', '[[[[1]]]]'])}}`;
    case 8: return elsewhere;
    default: return {};
  }
}

const KEYS = ['__proto__', 'constructor', 'prototype', '', '//', 'count', 'for_each', 'dynamic', 'x'.repeat(600), 'resource', 'module'];

/** One change somewhere in a JSON value: a value swapped, a key renamed or removed. */
function mutateJson(value: Json, r: Random): Json {
  const all = containers(value);
  const target = r.pick(all);
  const elsewhere = r.pick(all);
  if (Array.isArray(target)) {
    if (target.length === 0 || r.chance(0.2)) target.push(hostileValue(r, elsewhere));
    else target[r.below(target.length)] = hostileValue(r, elsewhere);
    return value;
  }
  const keys = Object.keys(target);
  if (keys.length === 0 || r.chance(0.2)) {
    Object.defineProperty(target, r.pick(KEYS), { value: hostileValue(r, elsewhere), enumerable: true, writable: true, configurable: true });
    return value;
  }
  const key = r.pick(keys);
  const old = target[key];
  switch (r.below(3)) {
    case 0:
      target[key] = hostileValue(r, elsewhere);
      break;
    case 1:
      delete target[key];
      Object.defineProperty(target, r.pick(KEYS), { value: old, enumerable: true, writable: true, configurable: true });
      break;
    default:
      delete target[key];
  }
  return value;
}

/** A mutant of `text`: one to four changes, to its JSON structure when it is JSON, else to its text. */
export function mutate(text: string, r: Random, other: string): string {
  let result = text;
  const changes = 1 + r.below(4);
  for (let i = 0; i < changes; i++) {
    let json: Json | undefined;
    if (r.chance(0.6)) {
      try {
        json = JSON.parse(result) as Json;
      } catch {
        json = undefined;
      }
    }
    result = (json !== undefined && typeof json === 'object' && json !== null ? stringified(mutateJson(json, r), r) : undefined)
      ?? r.pick(TEXT_MUTATIONS)(result, r, other);
  }
  return result;
}

/** JSON text of a value; undefined when it nests too deep for JSON.stringify (a text mutation is made instead). */
function stringified(value: Json, r: Random): string | undefined {
  try {
    return JSON.stringify(value, null, r.chance(0.5) ? 2 : undefined);
  } catch {
    return undefined;
  }
}
