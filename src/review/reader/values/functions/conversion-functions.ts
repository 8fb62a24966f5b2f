import { asBool, asMap, numberText, typeName } from './arguments';
import { setOf, unifiedElements } from './collection-functions';
import { FunctionTable } from './function-spec';
import { setOwn } from '../../../../model/own-keys';
import { EvaluationError } from '../evaluation-error';
import { Value } from '../value';

/** A string as Terraform converts it to a number: the number's own text, nothing around it. */
function toNumber(value: Value): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value)) return Number(value);
  throw new EvaluationError(`cannot convert ${typeName(value)}${typeof value === 'string' ? ` ${JSON.stringify(value.slice(0, 200))}` : ''} to a number`);
}

export const CONVERSION_FUNCTIONS: FunctionTable = {
  // The value itself, marked or unmarked: the review reads the value; the command hides what is
  // marked (reader/sensitive-strings.ts, which the evaluator tells what sensitive() is given).
  sensitive: { params: ['any'], nulls: [0], run: ([v]) => v },
  nonsensitive: { params: ['any'], nulls: [0], run: ([v]) => v },
  tostring: {
    params: ['shallow'],
    nulls: [0],
    run: ([v]) => {
      if (v === null || typeof v === 'string') return v;
      if (typeof v === 'number') return numberText(v);
      if (typeof v === 'boolean') return String(v);
      throw new EvaluationError(`cannot convert ${typeName(v)} to a string`);
    },
  },
  tonumber: { params: ['whole'], nulls: [0], run: ([v]) => (v === null ? null : toNumber(v)) },
  tobool: { params: ['whole'], nulls: [0], run: ([v]) => (v === null ? null : asBool(v, 'the value')) },
  tolist: {
    params: ['shallow'],
    nulls: [0],
    run: ([v]) => {
      if (v === null) return null;
      if (!Array.isArray(v)) throw new EvaluationError(`cannot convert ${typeName(v)} to a list`);
      return unifiedElements(v);
    },
  },
  toset: {
    params: ['whole'],
    nulls: [0],
    run: ([v]) => {
      if (v === null) return null;
      if (!Array.isArray(v)) throw new EvaluationError(`cannot convert ${typeName(v)} to a set`);
      return setOf(v);
    },
  },
  tomap: {
    params: ['shallow'],
    nulls: [0],
    run: ([v]) => {
      if (v === null) return null;
      const object = asMap(v, 'the value');
      const keys = Object.keys(object);
      const values = unifiedElements(keys.map((k) => object[k]));
      const out: { [key: string]: Value } = {};
      keys.forEach((k, i) => setOwn(out, k, values[i]));
      return out;
    },
  },
};
