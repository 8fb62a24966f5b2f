import { asBool, asNumber, asString, checkSize, graphemes, typeName } from './arguments';
import { jsonText } from './json-text';
import { EvaluationError } from '../evaluation-error';
import { holdsUnknownText, Reference, Value } from '../value';

/**
 * Terraform's `format()` verbs, as its function library reads them: `%` then flags (`0#-+ `),
 * width, precision, `[n]` (the argument, from 1), and the verb (`v t b d o x X e E f g G s q`).
 * `%%` is a percent sign. Too few or too many arguments is an error, as in Terraform.
 *
 * A resource attribute given to `%s` or `%v` is written in as `${...}` text, as a template
 * writes it (`format("%s/providers/...", azurerm_x.a.id)` keeps the scope's shape).
 */
export function goFormat(spec: string, args: readonly Value[]): string {
  let out = '';
  let next = 1;
  let highest = 0;
  let i = 0;
  while (i < spec.length) {
    const c = spec[i];
    if (c !== '%') { out += c; i++; continue; }
    if (spec[i + 1] === '%') { out += '%'; i += 2; continue; }
    const m = /^%([0#\-+ ]*)([1-9][0-9]*)?(\.[0-9]*)?(\[[1-9][0-9]*\])?([A-Za-z])/.exec(spec.slice(i, i + 64));
    if (!m) throw new EvaluationError(`invalid format string starting at offset ${i}`);
    const verb: Verb = {
      raw: m[0],
      flags: m[1],
      width: m[2] === undefined ? -1 : Number(m[2]),
      precision: m[3] === undefined ? -1 : Number(m[3].slice(1) || '0'),
      mode: m[5],
    };
    checkSize(verb.width, 'the formatted text');
    checkSize(verb.precision, 'the formatted text');
    const argNumber = m[4] === undefined ? next : Number(m[4].slice(1, -1));
    if (argNumber > args.length) throw new EvaluationError(`not enough arguments for "${verb.raw}" at ${i}: need index ${argNumber} but have ${args.length} total`);
    highest = Math.max(highest, argNumber);
    out += formatOne(verb, args[argNumber - 1]);
    checkSize(out.length, 'the formatted text');
    next = argNumber + 1;
    i += m[0].length;
  }
  if (highest < args.length) {
    throw new EvaluationError(highest === 0 ? 'too many arguments; no verbs in format string' : `too many arguments; only ${highest} used by format string`);
  }
  return out;
}

interface Verb {
  readonly raw: string;
  readonly flags: string;
  readonly width: number;
  readonly precision: number;
  readonly mode: string;
}

function formatOne(verb: Verb, arg: Value): string {
  if (verb.mode !== 'v' && arg === null) throw new EvaluationError(`unsupported value for "${verb.raw}": null value cannot be formatted`);
  if (arg instanceof Reference) {
    if (verb.mode === 's' || verb.mode === 'v') return `\${${arg.path}}`;
    throw new EvaluationError(`unsupported value for "${verb.raw}": ${typeName(arg)}`);
  }
  switch (verb.mode) {
    case 'v':
      if (!verb.flags.includes('#') && typeof arg === 'string') return padded(verb, arg);
      if (!verb.flags.includes('#') && typeof arg === 'number') return padded(verb, shortestG(arg));
      return padded(verb, jsonText(arg));
    case 't': return padded(verb, String(asBool(arg, `the value for "${verb.raw}"`)));
    case 'b': case 'd': case 'o': case 'x': case 'X': return integer(verb, asNumber(arg, `the value for "${verb.raw}"`));
    case 'e': case 'E': case 'f': case 'g': case 'G': return float(verb, asNumber(arg, `the value for "${verb.raw}"`));
    case 's': case 'q': {
      let text = asString(arg, `the value for "${verb.raw}"`);
      if (verb.precision > 0 && !holdsUnknownText(text)) text = graphemes(text).slice(0, verb.precision).join('');
      return padded(verb, verb.mode === 'q' ? jsonText(text) : text);
    }
    default: throw new EvaluationError(`unsupported format verb "${verb.mode}" in "${verb.raw}"`);
  }
}

/** Width in characters, padded with spaces (or zeros with `0`), on the left (or the right with `-`). */
function padded(verb: Verb, text: string): string {
  if (verb.width < 0) return text;
  const length = graphemes(text).length;
  if (length >= verb.width) return text;
  const pad = (verb.flags.includes('0') ? '0' : ' ').repeat(verb.width - length);
  return verb.flags.includes('-') ? text + pad : pad + text;
}

/** Go's padding of a number: spaces before the sign, or zeros after it; `-` pads on the right with spaces. */
function paddedNumber(verb: Verb, sign: string, digits: string): string {
  const length = sign.length + digits.length;
  if (verb.width <= length) return sign + digits;
  const pad = verb.width - length;
  if (verb.flags.includes('-')) return sign + digits + ' '.repeat(pad);
  if (verb.flags.includes('0')) return sign + '0'.repeat(pad) + digits;
  return ' '.repeat(pad) + sign + digits;
}

function signOf(verb: Verb, negative: boolean): string {
  if (negative) return '-';
  if (verb.flags.includes('+')) return '+';
  return verb.flags.includes(' ') ? ' ' : '';
}

function integer(verb: Verb, value: number): string {
  if (!Number.isInteger(value)) throw new EvaluationError(`unsupported value for "${verb.raw}": an integer is required`);
  const magnitude = BigInt(Math.abs(value));
  const base = { b: 2, d: 10, o: 8, x: 16, X: 16 }[verb.mode as 'b' | 'd' | 'o' | 'x' | 'X'];
  let digits = magnitude.toString(base);
  if (verb.mode === 'X') digits = digits.toUpperCase();
  if (verb.precision >= 0) digits = verb.precision === 0 && magnitude === 0n ? '' : digits.padStart(verb.precision, '0');
  if (verb.flags.includes('#')) {
    const prefix = { b: '0b', o: '0', x: '0x', X: '0X', d: '' }[verb.mode as 'b' | 'd' | 'o' | 'x' | 'X'];
    if (!(verb.mode === 'o' && digits.startsWith('0'))) digits = prefix + digits;
  }
  // Go pads with zeros only when no precision is given.
  return paddedNumber(verb.precision >= 0 ? { ...verb, flags: verb.flags.replace('0', '') } : verb, signOf(verb, value < 0), digits);
}

function float(verb: Verb, value: number): string {
  const negative = value < 0 || Object.is(value, -0);
  const magnitude = Math.abs(value);
  let digits: string;
  switch (verb.mode) {
    case 'f': digits = magnitude.toFixed(Math.min(verb.precision < 0 ? 6 : verb.precision, 100)); break;
    case 'e': case 'E': digits = goExponent(magnitude.toExponential(Math.min(verb.precision < 0 ? 6 : verb.precision, 100))); break;
    default: digits = verb.precision < 0 ? shortestG(magnitude) : precisionG(magnitude, verb.precision, verb.flags.includes('#'));
  }
  if (verb.mode === 'E' || verb.mode === 'G') digits = digits.toUpperCase();
  return paddedNumber(verb, signOf(verb, negative), digits);
}

/** `1.5e+7` as Go writes exponents: at least two digits (`1.5e+07`). */
function goExponent(text: string): string {
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** Go's `%g` (and big.Float's `Text('g', -1)`, which `%v` uses): the shortest digits, as an exponent below 1e-4 or from 1e+06 on. */
export function shortestG(value: number): string {
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const exponential = value.toExponential();
  const exponent = Number(exponential.slice(exponential.indexOf('e') + 1));
  return exponent < -4 || exponent >= 6 ? goExponent(exponential) : String(value);
}

function precisionG(value: number, precision: number, keepZeros: boolean): string {
  const p = precision === 0 ? 1 : Math.min(precision, 100);
  const exponential = value.toExponential(p - 1);
  const exponent = Number(exponential.slice(exponential.indexOf('e') + 1));
  let text = exponent < -4 || exponent >= p ? goExponent(exponential) : value.toFixed(Math.max(0, p - 1 - exponent));
  if (!keepZeros) text = text.replace(/\.?0+(?=e|$)/, (m) => (m.startsWith('.') || text.includes('.') ? '' : m));
  return text;
}
