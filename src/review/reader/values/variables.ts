import { InputError } from '../input-error';
import { evaluate } from './evaluate-expression';
import { parseExpression } from './expression-parser';
import { Value } from './value';

/** One `--var name=value` or `--var-file FILE`, in the order given: later ones win, as in Terraform. */
export type VariableSetting = { readonly kind: 'var'; readonly text: string } | { readonly kind: 'file'; readonly file: string; readonly values: Record<string, unknown> };

/**
 * A value given as text (`TF_VAR_x`, `--var x=...`): Terraform reads it as a string for a string
 * variable, and as an HCL expression otherwise; an expression that does not parse stays text.
 */
export function valueOfText(text: string, type: unknown): Value {
  if (typeof type === 'string' && /^(\$\{)?string\}?$/.test(type)) return text;
  try {
    const value = evaluate(parseExpression(text), { variable: () => undefined, local: () => null, names: new Map(), modulePrefix: '' });
    return typeof value === 'object' && value !== null && !Array.isArray(value) && value.constructor !== Object ? text : value;
  } catch {
    return text;
  }
}

/** `name=value` from `--var`. */
export function splitVarSetting(text: string): { name: string; value: string } {
  const at = text.indexOf('=');
  if (at <= 0) throw new InputError('--var', `expected name=value, got "${text}"`);
  return { name: text.slice(0, at).trim(), value: text.slice(at + 1) };
}
