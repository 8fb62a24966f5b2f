import { readFileSync } from 'fs';
import * as path from 'path';

/**
 * Checks values against SpecterOps' OpenGraph ingest schemas (copies in
 * test/fixtures/opengraph). No JSON Schema validator is a dependency of this project (ajv is only
 * nested inside eslint's and jest-sarif's own trees), so this interprets exactly the keywords the
 * three files use, with JSON Schema's meaning, and throws on any other: a newer copy with a new
 * keyword fails loudly instead of being half-checked.
 */

type Schema = Record<string, unknown>;

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'opengraph');
const ANNOTATIONS = new Set(['title', 'description', 'examples', 'default', '$defs']);

export function loadSchema(name: 'node' | 'edge' | 'metadata'): Schema {
  return JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8'));
}

/** The problems of a value against a schema, each with the JSON pointer of the place; none when it conforms. */
export function schemaErrors(root: Schema, value: unknown): string[] {
  const errors: string[] = [];
  check(root, root, value, '', errors);
  return errors;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  if (type === 'integer') return actual === 'number' && Number.isInteger(value);
  return actual === type;
}

function resolve(root: Schema, ref: string): Schema {
  if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
  let at: unknown = root;
  for (const part of ref.slice(2).split('/')) at = (at as Schema)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  if (typeof at !== 'object' || at === null) throw new Error(`$ref ${ref} leads nowhere`);
  return at as Schema;
}

function conforms(root: Schema, schema: Schema, value: unknown): boolean {
  const errors: string[] = [];
  check(root, schema, value, '', errors);
  return errors.length === 0;
}

function check(root: Schema, schema: Schema, value: unknown, at: string, errors: string[]): void {
  const fail = (what: string) => errors.push(`${at || '/'}: ${what}`);
  const isObject = typeOf(value) === 'object';
  const object = value as Record<string, unknown>;
  for (const [keyword, argument] of Object.entries(schema)) {
    if (ANNOTATIONS.has(keyword)) continue;
    switch (keyword) {
      case 'type': {
        const types = Array.isArray(argument) ? argument as string[] : [argument as string];
        if (!types.some((t) => hasType(value, t))) fail(`is ${typeOf(value)}, not ${types.join(' or ')}`);
        break;
      }
      case 'properties':
        if (isObject) {
          for (const [key, sub] of Object.entries(argument as Record<string, Schema>)) {
            if (Object.hasOwn(object, key)) check(root, sub, object[key], `${at}/${key}`, errors);
          }
        }
        break;
      case 'additionalProperties':
        if (isObject) {
          const named = new Set(Object.keys((schema.properties ?? {}) as Schema));
          for (const key of Object.keys(object)) {
            if (named.has(key)) continue;
            if (argument === false) fail(`has ${key}, which is not allowed`);
            else check(root, argument as Schema, object[key], `${at}/${key}`, errors);
          }
        }
        break;
      case 'required':
        if (isObject) for (const key of argument as string[]) if (!Object.hasOwn(object, key)) fail(`lacks ${key}`);
        break;
      case 'items':
        if (Array.isArray(value)) value.forEach((item, i) => check(root, argument as Schema, item, `${at}/${i}`, errors));
        break;
      case 'minItems':
        if (Array.isArray(value) && value.length < (argument as number)) fail(`has ${value.length} items, fewer than ${argument}`);
        break;
      case 'maxItems':
        if (Array.isArray(value) && value.length > (argument as number)) fail(`has ${value.length} items, more than ${argument}`);
        break;
      case 'enum':
        if (!(argument as unknown[]).includes(value)) fail(`is ${JSON.stringify(value)}, not one of ${JSON.stringify(argument)}`);
        break;
      case 'const':
        if (value !== argument) fail(`is ${JSON.stringify(value)}, not ${JSON.stringify(argument)}`);
        break;
      case 'pattern':
        if (typeof value === 'string' && !new RegExp(argument as string, 'u').test(value)) fail(`${JSON.stringify(value)} does not match ${argument}`);
        break;
      case 'anyOf':
        if (!(argument as Schema[]).some((sub) => conforms(root, sub, value))) fail('matches none of anyOf');
        break;
      case 'allOf':
        for (const sub of argument as Schema[]) check(root, sub, value, at, errors);
        break;
      case 'not':
        if (conforms(root, argument as Schema, value)) fail(`matches what "not" excludes: ${JSON.stringify(argument)}`);
        break;
      case 'if': {
        const branch = conforms(root, argument as Schema, value) ? schema.then : schema.else;
        if (branch !== undefined) check(root, branch as Schema, value, at, errors);
        break;
      }
      case 'then':
      case 'else':
        break;
      case '$ref':
        check(root, resolve(root, argument as string), value, at, errors);
        break;
      default:
        throw new Error(`opengraph-schema.ts does not interpret the keyword "${keyword}": teach it before trusting a new copy of the schema`);
    }
  }
}

/** The whole upload: the file's shape, its metadata, each node and each edge. */
export function openGraphErrors(document: unknown): string[] {
  const errors: string[] = [];
  const top = document as Record<string, unknown>;
  if (typeOf(document) !== 'object') return ['/: is not an object'];
  for (const key of Object.keys(top)) if (key !== 'metadata' && key !== 'graph') errors.push(`/: has ${key}, which an upload does not`);
  if (top.metadata !== undefined) errors.push(...schemaErrors(loadSchema('metadata'), top.metadata).map((e) => `/metadata${e}`));
  const graph = top.graph as Record<string, unknown>;
  if (typeOf(graph) !== 'object') return [...errors, '/graph: is not an object'];
  for (const part of ['nodes', 'edges'] as const) {
    if (!Array.isArray(graph[part])) {
      errors.push(`/graph/${part}: is not an array`);
      continue;
    }
    const schema = loadSchema(part === 'nodes' ? 'node' : 'edge');
    (graph[part] as unknown[]).forEach((item, i) => errors.push(...schemaErrors(schema, item).map((e) => `/graph/${part}/${i}${e}`)));
  }
  return errors;
}
