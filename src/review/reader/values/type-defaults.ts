import { evaluate, EvaluationScope } from './evaluate-expression';
import { Expr, parseExpression } from './expression-parser';
import { isObject, Value } from './value';
import { setOwn } from '../../../model/own-keys';

/**
 * A variable's type constraint as far as its optional attributes go: Terraform fills an object
 * attribute declared `optional(T, default)` with its default (or null) when the value leaves it
 * out, inside lists, sets, maps and nested objects too. Other types change nothing here.
 */
type TypeShape =
  | { readonly kind: 'object'; readonly attributes: ReadonlyMap<string, { readonly type: TypeShape; readonly optional: boolean; readonly fallback?: Expr }> }
  | { readonly kind: 'collection'; readonly element: TypeShape }
  | { readonly kind: 'other' };

const OTHER: TypeShape = { kind: 'other' };
const COLLECTIONS = new Set(['list', 'set', 'map']);

function shapeOf(expr: Expr): TypeShape {
  if (expr.kind !== 'call') return OTHER;
  if (COLLECTIONS.has(expr.name) && expr.args.length === 1) return { kind: 'collection', element: shapeOf(expr.args[0]) };
  const [fields] = expr.args;
  if (expr.name !== 'object' || fields?.kind !== 'object') return OTHER;
  const attributes = new Map<string, { type: TypeShape; optional: boolean; fallback?: Expr }>();
  for (const { key, value } of fields.items) {
    const name = key.kind === 'literal' ? String(key.value) : key.kind === 'name' ? key.name : undefined;
    if (name === undefined) continue;
    if (value.kind === 'call' && value.name === 'optional' && value.args.length > 0) {
      attributes.set(name, { type: shapeOf(value.args[0]), optional: true, ...(value.args[1] === undefined ? {} : { fallback: value.args[1] }) });
    } else {
      attributes.set(name, { type: shapeOf(value), optional: false });
    }
  }
  return { kind: 'object', attributes };
}

/** The shape of a `type` argument as a document writes it (`${map(object({...}))}` from hcl2json, or bare); anything unreadable changes nothing. */
export function typeShapeOf(written: unknown): TypeShape {
  if (typeof written !== 'string') return OTHER;
  const text = /^\$\{([\s\S]*)\}$/.exec(written.trim())?.[1] ?? written;
  try {
    return shapeOf(parseExpression(text));
  } catch {
    return OTHER;
  }
}

/** The value with the defaults of its type's optional attributes filled in where it leaves them out. */
export function withTypeDefaults(value: Value, shape: TypeShape, scope: EvaluationScope): Value {
  if (shape.kind === 'collection') {
    if (Array.isArray(value)) return value.map((v) => withTypeDefaults(v, shape.element, scope));
    if (!isObject(value)) return value;
    const out: { [key: string]: Value } = {};
    for (const key of Object.keys(value)) setOwn(out, key, withTypeDefaults(value[key], shape.element, scope));
    return out;
  }
  if (shape.kind !== 'object' || !isObject(value)) return value;
  const out: { [key: string]: Value } = {};
  for (const key of Object.keys(value)) setOwn(out, key, value[key]);
  for (const [name, attribute] of shape.attributes) {
    if (Object.hasOwn(out, name)) {
      setOwn(out, name, withTypeDefaults(out[name], attribute.type, scope));
    } else if (attribute.optional) {
      // Terraform sets a left-out optional attribute to its default, or to null without one.
      const fallback = attribute.fallback === undefined ? null : evaluate(attribute.fallback, scope);
      setOwn(out, name, withTypeDefaults(fallback, attribute.type, scope));
    }
  }
  return out;
}
