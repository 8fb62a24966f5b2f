import { EvaluationError } from './evaluation-error';
import { CIDR_FUNCTIONS } from './functions/cidr-functions';
import { COLLECTION_FUNCTIONS } from './functions/collection-functions';
import { CONVERSION_FUNCTIONS } from './functions/conversion-functions';
import { ENCODING_FUNCTIONS } from './functions/encoding-functions';
import { FunctionTable, Need } from './functions/function-spec';
import { NUMBER_FUNCTIONS } from './functions/number-functions';
import { STRING_FUNCTIONS } from './functions/string-functions';
import { holdsUnknownText, isKnown, isWhollyKnown, Unknown, unknownOf, Value } from './value';

/**
 * Terraform's pure built-in functions: their result is known at plan time from known arguments,
 * so the review works it out too. (`try`, `can` and `templatestring` read expressions, not
 * values: evaluate-expression.ts has them; so has it the functions known only at apply.)
 */
export const TERRAFORM_FUNCTIONS: FunctionTable = {
  ...STRING_FUNCTIONS,
  ...COLLECTION_FUNCTIONS,
  ...NUMBER_FUNCTIONS,
  ...ENCODING_FUNCTIONS,
  ...CONVERSION_FUNCTIONS,
  ...CIDR_FUNCTIONS,
};

function satisfies(value: Value, need: Need): boolean {
  if (need === 'whole') return isWhollyKnown(value);
  if (need === 'shallow') return isKnown(value) && !(typeof value === 'string' && holdsUnknownText(value));
  return true;
}

/**
 * A function call with evaluated arguments. An argument not known enough gives an unknown result
 * (keeping why, when the review did not evaluate it); a function the review does not know is
 * unknown and says so. Throws EvaluationError where Terraform fails, with Terraform's reason.
 */
export function callFunction(name: string, args: Value[], source: string): Value {
  const fn = Object.hasOwn(TERRAFORM_FUNCTIONS, name) ? TERRAFORM_FUNCTIONS[name] : undefined;
  if (fn === undefined) {
    // Unknown arguments make it unknown whether the review evaluated it or not: then they say why.
    return args.every(isWhollyKnown) ? new Unknown(source, `${name}() is not evaluated by this review`) : unknownOf(source, args);
  }
  const max = fn.variadic === undefined ? fn.params.length : Infinity;
  const min = fn.min ?? fn.params.length;
  if (args.length < min || args.length > max) {
    throw new EvaluationError(`takes ${min === max ? min : max === Infinity ? `at least ${min}` : `${min} to ${max}`} argument(s), not ${args.length}`);
  }
  for (let i = 0; i < args.length; i++) {
    const need = i < fn.params.length ? fn.params[i] : fn.variadic!;
    if (!satisfies(args[i], need)) return unknownOf(source, args);
  }
  for (let i = 0; i < args.length; i++) {
    if (args[i] !== null) continue;
    const position = Math.min(i, fn.params.length);
    if (fn.nulls !== 'all' && !(fn.nulls ?? []).includes(position)) throw new EvaluationError(`argument ${i + 1} must not be null`);
  }
  const result = fn.run(args);
  return result instanceof Unknown ? unknownOf(source, [result, ...args]) : result;
}
