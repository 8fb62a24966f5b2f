import { asInteger, asNumber, asString } from './arguments';
import { FunctionTable } from './function-spec';
import { EvaluationError } from '../evaluation-error';
import { Value } from '../value';

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Go's big.Int SetString with a base from 2 to 62: an optional sign, then digits (letters in either case up to base 36). */
function parseInteger(text: string, base: number): number {
  if (!Number.isInteger(base) || base < 2 || base > 62) throw new EvaluationError('base must be a whole number between 2 and 62 inclusive');
  const m = /^([+-]?)(.+)$/s.exec(text);
  const fail = () => new EvaluationError(`cannot parse ${JSON.stringify(text.slice(0, 200))} as a base ${base} integer`);
  if (!m) throw fail();
  let total = 0n;
  for (const ch of m[2]) {
    const digit = base <= 36 ? DIGITS.indexOf(ch.toLowerCase()) : DIGITS.indexOf(ch);
    if (digit < 0 || digit >= base) throw fail();
    total = total * BigInt(base) + BigInt(digit);
  }
  const value = Number(total);
  return m[1] === '-' ? -value : value;
}

function numbers(args: readonly Value[]): number[] {
  if (args.length === 0) throw new EvaluationError('at least one argument is required');
  return args.map((a, i) => asNumber(a, `argument ${i + 1}`));
}

export const NUMBER_FUNCTIONS: FunctionTable = {
  abs: { params: ['whole'], run: ([n]) => Math.abs(asNumber(n, 'the number')) },
  ceil: { params: ['whole'], run: ([n]) => Math.ceil(asNumber(n, 'the number')) },
  floor: { params: ['whole'], run: ([n]) => Math.floor(asNumber(n, 'the number')) },
  log: { params: ['whole', 'whole'], run: ([n, base]) => Math.log(asNumber(n, 'the number')) / Math.log(asNumber(base, 'the base')) },
  max: { params: [], variadic: 'whole', run: (args) => Math.max(...numbers(args)) },
  min: { params: [], variadic: 'whole', run: (args) => Math.min(...numbers(args)) },
  parseint: { params: ['whole', 'whole'], run: ([s, base]) => parseInteger(asString(s, 'the number'), asInteger(base, 'the base')) },
  pow: { params: ['whole', 'whole'], run: ([n, power]) => Math.pow(asNumber(n, 'the number'), asNumber(power, 'the power')) },
  signum: { params: ['whole'], run: ([n]) => Math.sign(asNumber(n, 'the number')) || 0 },
};
