import { InputError } from '../input-error';
import { evaluate } from './evaluate-expression';
import { parseExpression } from './expression-parser';
import { Unknown, Value } from './value';

/** One `--var name=value` or `--var-file FILE`, in the order given: later ones win, as in Terraform. */
export type VariableSetting = { readonly kind: 'var'; readonly text: string } | { readonly kind: 'file'; readonly file: string; readonly values: Record<string, unknown> };

/** `string`, `number`, `bool`, as a variable's `type` is written (`${string}` from hcl2json, or bare). */
function primitiveType(type: unknown): string | undefined {
  if (type === undefined) return 'any';
  if (typeof type !== 'string') return undefined;
  return /^\s*(?:\$\{\s*)?(string|number|bool)\s*\}?\s*$/.exec(type)?.[1];
}

/**
 * A value given as text (`TF_VAR_x`, `--var x=...`), as Terraform reads it: for a variable of a
 * primitive type, or of no type at all, the text itself (so `--var x=null` is the string "null");
 * for any other type, an HCL expression (so `--var 'x=null'` is null for a map, and
 * `--var 'x=["a"]'` a list). An expression that does not parse stays text.
 */
export function valueOfText(text: string, type: unknown): Value {
  const primitive = primitiveType(type);
  if (primitive !== undefined) return primitive === 'number' && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text) ? Number(text) : primitive === 'bool' && (text === 'true' || text === 'false') ? text === 'true' : text;
  try {
    const value = evaluate(parseExpression(text), { variable: () => undefined, local: () => null, names: new Map(), modulePrefix: '' });
    return value instanceof Unknown ? text : value;
  } catch {
    return text;
  }
}

/**
 * A variable's value from what sets it (undefined when nothing does; null when something sets
 * null) and its default: null is a value, as in Terraform, except for a variable declared
 * `nullable = false` with a default, which then takes the default.
 */
export function variableValueOf(set: Value | undefined, fallback: Value | undefined, nonNullable: boolean): Value | undefined {
  if (set === undefined) return fallback;
  if (set === null && nonNullable && fallback !== undefined) return fallback;
  return set;
}

/**
 * `name=value` from `--var`. A mistyped setting (`--var name:VALUE`) is refused without showing
 * the value, which may be a secret: at most the name it starts with is named (cut at 200 characters).
 */
export function splitVarSetting(text: string): { name: string; value: string } {
  const at = text.indexOf('=');
  if (at === 0) throw new InputError('--var', 'expected name=value, and there is no name before "=" (the value is not shown)');
  if (at < 0) {
    const name = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(text)?.[0];
    const named = name === undefined ? '' : ` after "${name.slice(0, 200)}"`;
    const rest = name === undefined ? ' (the text is not shown)' : name.length < text.length ? ' (the rest is not shown)' : '';
    throw new InputError('--var', `expected name=value, and there is no "="${named}${rest}`);
  }
  return { name: text.slice(0, at).trim(), value: text.slice(at + 1) };
}
