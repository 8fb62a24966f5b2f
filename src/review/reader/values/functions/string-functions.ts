import { asInteger, asList, asString, checkSize, graphemes } from './arguments';
import { FunctionTable } from './function-spec';
import { goFormat } from './go-format';
import { allMatches, expandReplacement, goRegex, GoRegex } from './go-regex';
import { setOwn } from '../../../../model/own-keys';
import { EvaluationError } from '../evaluation-error';
import { idSegmentsOf } from '../id-segments';
import { isObject, isWhollyKnown, Reference, Unknown, unknownOf, Value } from '../value';

/** Whether an Unknown is anywhere in a value (resource attributes aside: text functions write them in). */
function holdsUnknown(value: Value): boolean {
  if (value instanceof Unknown) return true;
  if (Array.isArray(value)) return value.some(holdsUnknown);
  if (isObject(value)) return Object.values(value).some(holdsUnknown);
  return false;
}

/** A list element joined into text: a resource attribute is written in as `${...}`, as a template writes it. */
function joinedText(value: Value, what: string): string {
  if (value instanceof Reference) return `\${${value.path}}`;
  return asString(value, what);
}

// Go's unicode.IsSpace, which trimspace trims: not the byte order mark JavaScript's trim() also removes.
const GO_SPACE_AT_ENDS = /^[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+|[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+$/g;

/** Go's strings.Title: the first letter of every word upper case. */
function title(text: string): string {
  let out = '';
  let previous = ' ';
  for (const ch of text) {
    out += isSeparator(previous) ? ch.toUpperCase() : ch;
    previous = ch;
  }
  return out;
}

function isSeparator(ch: string): boolean {
  if (/^[A-Za-z0-9_]$/.test(ch)) return false;
  if (ch.charCodeAt(0) < 0x80) return true;
  if (/^[\p{L}\p{N}]$/u.test(ch)) return false;
  return /^\s$/u.test(ch);
}

/** Go's strings.Replace with n = -1: an empty `old` inserts `replacement` before every character and at the end. */
function replaceAll(text: string, old: string, replacement: string): string {
  if (old === '') {
    const chars = Array.from(text);
    return chars.length === 0 ? replacement : replacement + chars.join(replacement) + replacement;
  }
  return text.split(old).join(replacement);
}

/** Go's regexp ReplaceAllString. */
function replaceMatches(re: GoRegex, text: string, template: string): string {
  let out = '';
  let at = 0;
  for (const match of allMatches(re, text)) {
    out += text.slice(at, match.start) + expandReplacement(template, re, match);
    at = match.end;
    checkSize(out.length, 'the replaced text');
  }
  return out + text.slice(at);
}

/** What `regex()` gives for one match: the text, a list of the groups, or an object of the named groups. */
function matchValue(re: GoRegex, groups: readonly (string | undefined)[], text: string): Value {
  if (re.groups.length === 0) return text;
  const named = re.groups.filter((g) => g !== undefined).length;
  if (named === 0) return groups.map((g) => g ?? null);
  const out: Record<string, Value> = {};
  re.groups.forEach((name, i) => setOwn(out, name!, groups[i] ?? null));
  return out;
}

function checkedRegex(pattern: string): GoRegex {
  const re = goRegex(pattern);
  const named = re.groups.filter((g) => g !== undefined).length;
  if (named > 0 && named < re.groups.length) throw new EvaluationError('invalid regexp pattern: cannot mix both named and unnamed capture groups');
  return re;
}

/** `substr`, counting Unicode characters as Terraform does; a negative offset counts from the end, a length of -1 takes the rest. */
function substr(text: string, offset: number, length: number): string {
  const chars = graphemes(text);
  let start = offset;
  if (start < 0) start = Math.max(0, start + chars.length);
  else if (length === 0) return '';
  if (start >= chars.length) return '';
  return (length < 0 ? chars.slice(start) : chars.slice(start, start + length)).join('');
}

export const STRING_FUNCTIONS: FunctionTable = {
  chomp: { params: ['whole'], run: ([s]) => asString(s, 'the string').replace(/(\r\n|\n|\r)+$/, '') },
  endswith: { params: ['whole', 'whole'], run: ([s, suffix]) => asString(s, 'the string').endsWith(asString(suffix, 'the suffix')) },
  startswith: { params: ['whole', 'whole'], run: ([s, prefix]) => asString(s, 'the string').startsWith(asString(prefix, 'the prefix')) },
  strcontains: { params: ['whole', 'whole'], run: ([s, sub]) => asString(s, 'the string').includes(asString(sub, 'the substring')) },
  format: {
    params: ['whole'],
    variadic: 'any',
    nulls: [1],
    run: ([spec, ...args]) => (args.some(holdsUnknown) ? unknownOf('format(...)', args) : goFormat(asString(spec, 'the format'), args)),
  },
  formatlist: {
    params: ['whole'],
    variadic: 'any',
    nulls: [1],
    run: ([spec, ...args]) => {
      const format = asString(spec, 'the format');
      if (args.some((a) => a instanceof Unknown)) return unknownOf('formatlist(...)', args);
      const lists = args.map((a) => (Array.isArray(a) ? a : undefined));
      const lengths = lists.filter((l): l is Value[] => l !== undefined).map((l) => l.length);
      if (lengths.some((n) => n !== lengths[0])) throw new EvaluationError(`the lists have different lengths (${lengths.join(', ')})`);
      const count = lengths.length === 0 ? 1 : lengths[0];
      return Array.from({ length: count }, (_, i) => {
        const row = args.map((a, j) => (lists[j] === undefined ? a : lists[j]![i]));
        return row.some(holdsUnknown) ? unknownOf('formatlist(...)', row) : goFormat(format, row);
      });
    },
  },
  indent: {
    params: ['whole', 'whole'],
    run: ([spaces, s]) => {
      const count = asInteger(spaces, 'the number of spaces');
      checkSize(count, 'the indented text');
      const pad = ' '.repeat(Math.max(0, count));
      return asString(s, 'the string').replace(/\n/g, `\n${pad}`);
    },
  },
  join: {
    params: ['whole', 'shallow'],
    variadic: 'shallow',
    run: ([separator, ...lists]) => {
      const sep = asString(separator, 'the separator');
      const items = lists.flatMap((l, i) => asList(l, `list ${i + 1}`));
      if (items.some((item) => item instanceof Unknown)) return unknownOf('join(...)', items);
      if (items.some((item) => item === null)) throw new EvaluationError('a list element is null');
      const out = items.map((item, i) => joinedText(item, `element ${i}`)).join(sep);
      checkSize(out.length, 'the joined text');
      return out;
    },
  },
  lower: { params: ['whole'], run: ([s]) => asString(s, 'the string').toLowerCase() },
  upper: { params: ['whole'], run: ([s]) => asString(s, 'the string').toUpperCase() },
  title: { params: ['whole'], run: ([s]) => title(asString(s, 'the string')) },
  trim: {
    params: ['whole', 'whole'],
    run: ([s, cutset]) => {
      const cut = new Set(Array.from(asString(cutset, 'the characters to trim')));
      const chars = Array.from(asString(s, 'the string'));
      let start = 0;
      let end = chars.length;
      while (start < end && cut.has(chars[start])) start++;
      while (end > start && cut.has(chars[end - 1])) end--;
      return chars.slice(start, end).join('');
    },
  },
  trimprefix: {
    params: ['whole', 'whole'],
    run: ([s, prefix]) => {
      const [text, p] = [asString(s, 'the string'), asString(prefix, 'the prefix')];
      return text.startsWith(p) ? text.slice(p.length) : text;
    },
  },
  trimsuffix: {
    params: ['whole', 'whole'],
    run: ([s, suffix]) => {
      const [text, p] = [asString(s, 'the string'), asString(suffix, 'the suffix')];
      return p !== '' && text.endsWith(p) ? text.slice(0, text.length - p.length) : text;
    },
  },
  trimspace: { params: ['whole'], run: ([s]) => asString(s, 'the string').replace(GO_SPACE_AT_ENDS, '') },
  replace: {
    params: ['whole', 'whole', 'whole'],
    run: ([s, sub, rep]) => {
      const [text, old, replacement] = [asString(s, 'the string'), asString(sub, 'the substring'), asString(rep, 'the replacement')];
      if (old.length > 1 && old.startsWith('/') && old.endsWith('/')) return replaceMatches(goRegex(old.slice(1, -1)), text, replacement);
      const out = replaceAll(text, old, replacement);
      checkSize(out.length, 'the replaced text');
      return out;
    },
  },
  regex: {
    params: ['whole', 'whole'],
    run: ([pattern, s]) => {
      const re = checkedRegex(asString(pattern, 'the pattern'));
      const [match] = allMatches(re, asString(s, 'the string'), 1);
      if (match === undefined) throw new EvaluationError('pattern did not match any part of the given string');
      return matchValue(re, match.groups, match.text);
    },
  },
  regexall: {
    params: ['whole', 'whole'],
    run: ([pattern, s]) => {
      const re = checkedRegex(asString(pattern, 'the pattern'));
      return allMatches(re, asString(s, 'the string')).map((m) => matchValue(re, m.groups, m.text));
    },
  },
  split: {
    params: ['whole', 'any'],
    run: ([separator, s]) => {
      const sep = asString(separator, 'the separator');
      // A resource's ARM ID has its type's format: its segments are known, its names not yet.
      if (s instanceof Reference) return (sep === '/' ? idSegmentsOf(s) : undefined) ?? unknownOf('split(...)', [s]);
      if (!isWhollyKnown(s)) return unknownOf('split(...)', [s]);
      const text = asString(s, 'the string');
      return sep === '' ? Array.from(text) : text.split(sep);
    },
  },
  strrev: { params: ['whole'], run: ([s]) => graphemes(asString(s, 'the string')).reverse().join('') },
  substr: {
    params: ['whole', 'whole', 'whole'],
    run: ([s, offset, length]) => substr(asString(s, 'the string'), asInteger(offset, 'the offset'), asInteger(length, 'the length')),
  },
};
