import { EvaluationError, NotEvaluated } from '../evaluation-error';

/**
 * Terraform's regular expressions are Go's (RE2 syntax), read here by translating them to
 * JavaScript's, construct by construct, so that every pattern means what it means to Terraform:
 *
 * - what RE2 refuses (look-around, back-references, atomic groups, repeat counts over 1000) is an
 *   error, as Terraform reports it (and `try` catches it);
 * - what means something else in JavaScript is rewritten: `\s` is `[\t\n\f\r ]` (no `\v`, no
 *   Unicode spaces), `.` matches `\r`, `^`/`$` under `(?m)` break lines at `\n` only, `\A` and
 *   `\z`, `(?P<name>...)`, `\Q...\E`, octal and `\x{...}` escapes, `[[:alpha:]]` classes,
 *   `\pL` and `\p{Greek}`, a lone `{` or `]`;
 * - what has no JavaScript form (a case-insensitive flag that does not cover the whole pattern,
 *   ungreedy mode `(?U)`, `\C`, a negated POSIX or `\S` class inside brackets) is not evaluated:
 *   the value is unknown, and the report names the pattern.
 *
 * Go matches leftmost-first, as JavaScript does, so the same pattern finds the same match.
 */
export interface GoRegex {
  /** Global and Unicode-aware: used with `lastIndex`, one match at a time. */
  readonly regex: RegExp;
  /** The capture groups in order: a name, or undefined for an unnamed group. */
  readonly groups: readonly (string | undefined)[];
}

const CACHE = new Map<string, GoRegex>();

export function goRegex(pattern: string): GoRegex {
  let compiled = CACHE.get(pattern);
  if (compiled === undefined) {
    const { source, flags, groups } = translate(pattern);
    try {
      compiled = { regex: new RegExp(source, `gu${flags}`), groups };
    } catch (error) {
      throw new NotEvaluated(`the regular expression ${JSON.stringify(pattern.slice(0, 200))} has no JavaScript equivalent here (${(error as Error).message})`);
    }
    if (CACHE.size < 1000) CACHE.set(pattern, compiled);
  }
  return compiled;
}

/** One match: where it starts and ends, and each group's text (undefined when the group did not take part). */
export interface GoMatch {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly groups: readonly (string | undefined)[];
}

/**
 * Every match, as Go's FindAll finds them: an empty match right after the previous match is
 * skipped, and after an empty match the search moves on one character.
 */
export function allMatches(re: GoRegex, text: string, limit = Infinity): GoMatch[] {
  const matches: GoMatch[] = [];
  let pos = 0;
  let previousEnd = -1;
  while (pos <= text.length && matches.length < limit) {
    re.regex.lastIndex = pos;
    const m = re.regex.exec(text);
    if (m === null) break;
    const start = m.index;
    const end = start + m[0].length;
    let accept = true;
    if (end === start) {
      if (start === previousEnd) accept = false;
      const code = text.codePointAt(start);
      pos = start + (code !== undefined && code > 0xffff ? 2 : 1);
    } else {
      pos = end;
    }
    previousEnd = end;
    if (accept) matches.push({ start, end, text: m[0], groups: m.slice(1) });
  }
  return matches;
}

/** Go's `Expand`: `$1`, `${1}`, `$name`, `${name}` (a name is the longest run of letters, digits and `_`), `$$`. */
export function expandReplacement(template: string, re: GoRegex, match: GoMatch): string {
  return template.replace(/\$(\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g, (whole, _all: string, braced?: string, bare?: string) => {
    if (whole === '$$') return '$';
    const name = braced ?? bare!;
    if (/^[0-9]+$/.test(name)) {
      const index = Number(name);
      return index === 0 ? match.text : match.groups[index - 1] ?? '';
    }
    const at = re.groups.indexOf(name);
    return at < 0 ? '' : match.groups[at] ?? '';
  });
}

const MAX_REPEAT = 1000;
const SPACE = '\\t\\n\\f\\r ';
const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`\\{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};
const GENERAL_CATEGORIES = new Set(['C', 'Cc', 'Cf', 'Co', 'Cs', 'L', 'Ll', 'Lm', 'Lo', 'Lt', 'Lu', 'M', 'Mc', 'Me', 'Mn', 'N', 'Nd', 'Nl', 'No',
  'P', 'Pc', 'Pd', 'Pe', 'Pf', 'Pi', 'Po', 'Ps', 'S', 'Sc', 'Sk', 'Sm', 'So', 'Z', 'Zl', 'Zp', 'Zs']);

function refused(pattern: string, what: string): EvaluationError {
  return new EvaluationError(`invalid regular expression ${JSON.stringify(pattern.slice(0, 200))}: ${what}`);
}

function untranslatable(pattern: string, what: string): NotEvaluated {
  return new NotEvaluated(`the regular expression ${JSON.stringify(pattern.slice(0, 200))} uses ${what}, which this review does not evaluate`);
}

function codePointEscape(code: number): string {
  return `\\u{${code.toString(16)}}`;
}

/** RE2 syntax to JavaScript's (with the `u` flag), with the capture groups it declares. */
function translate(pattern: string): { source: string; flags: string; groups: (string | undefined)[] } {
  const groups: (string | undefined)[] = [];
  let out = '';
  let flags = '';
  let i = 0;
  // Flags that apply where we are, per open group: RE2 scopes `(?s)` to the group it is in.
  const scopes: { dotAll: boolean; multiLine: boolean }[] = [{ dotAll: false, multiLine: false }];
  const scope = () => scopes[scopes.length - 1];
  // Whether the last thing written can take a repetition.
  let repeatable = false;

  // A leading `(?i)` (with s, m) is the whole pattern's: JavaScript's flags.
  const leading = /^\(\?([imsU]+)\)/.exec(pattern);
  if (leading) {
    if (leading[1].includes('U')) throw untranslatable(pattern, 'ungreedy mode (?U)');
    if (leading[1].includes('i')) flags += 'i';
    scope().dotAll = leading[1].includes('s');
    scope().multiLine = leading[1].includes('m');
    i = leading[0].length;
  }

  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '\\') {
      const escape = translateEscape(pattern, i, false);
      out += escape.text;
      i = escape.next;
      repeatable = escape.repeatable;
      continue;
    }
    if (c === '[') {
      const klass = translateClass(pattern, i);
      out += klass.text;
      i = klass.next;
      repeatable = true;
      continue;
    }
    if (c === '(') {
      if (pattern[i + 1] !== '?') {
        groups.push(undefined);
        scopes.push({ ...scope() });
        out += '(';
        i++;
        repeatable = false;
        continue;
      }
      const named = /^\(\?P?<([A-Za-z0-9_]+)>/.exec(pattern.slice(i, i + 300));
      if (named) {
        if (groups.includes(named[1])) throw refused(pattern, `duplicate capture group name ${named[1]}`);
        groups.push(named[1]);
        scopes.push({ ...scope() });
        out += `(?<${named[1]}>`;
        i += named[0].length;
        repeatable = false;
        continue;
      }
      const flagGroup = /^\(\?(-?[imsU]+(?:-[imsU]*)?|[imsU]*-[imsU]+)(:|\))/.exec(pattern.slice(i, i + 20));
      if (flagGroup) {
        const [on, off = ''] = flagGroup[1].split('-');
        if (on.includes('U') || off.includes('U')) throw untranslatable(pattern, 'ungreedy mode (?U)');
        if (on.includes('i') || off.includes('i')) throw untranslatable(pattern, 'a case-insensitive flag for part of the pattern');
        const target = flagGroup[2] === ':' ? { ...scope() } : scope();
        if (on.includes('s')) target.dotAll = true;
        if (off.includes('s')) target.dotAll = false;
        if (on.includes('m')) target.multiLine = true;
        if (off.includes('m')) target.multiLine = false;
        if (flagGroup[2] === ':') {
          scopes.push(target);
          out += '(?:';
        }
        i += flagGroup[0].length;
        repeatable = false;
        continue;
      }
      if (pattern.startsWith('(?:', i)) {
        scopes.push({ ...scope() });
        out += '(?:';
        i += 3;
        repeatable = false;
        continue;
      }
      throw refused(pattern, `unsupported group syntax ${JSON.stringify(pattern.slice(i, i + 4))} (look-around and atomic groups are not RE2)`);
    }
    if (c === ')') {
      if (scopes.length === 1) throw refused(pattern, 'unexpected )');
      scopes.pop();
      out += ')';
      i++;
      repeatable = true;
      continue;
    }
    if (c === '*' || c === '+' || c === '?') {
      if (!repeatable) throw refused(pattern, `missing argument to repetition operator ${c}`);
      out += c;
      i++;
      if (pattern[i] === '?') { out += '?'; i++; }
      if (pattern[i] === '*' || pattern[i] === '+' || pattern[i] === '?') throw refused(pattern, 'invalid nested repetition operator');
      repeatable = false;
      continue;
    }
    if (c === '{') {
      const repeat = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i, i + 30));
      if (repeat) {
        const min = Number(repeat[1]);
        const max = repeat[3] === undefined || repeat[3] === '' ? min : Number(repeat[3]);
        if (min > MAX_REPEAT || max > MAX_REPEAT || (repeat[3] !== undefined && repeat[3] !== '' && max < min)) throw refused(pattern, `invalid repeat count ${repeat[0]}`);
        if (!repeatable) throw refused(pattern, `missing argument to repetition operator ${repeat[0]}`);
        out += repeat[0];
        i += repeat[0].length;
        if (pattern[i] === '?') { out += '?'; i++; }
        repeatable = false;
        continue;
      }
      // RE2 reads a `{` that starts no repeat count as itself.
      out += '\\{';
      i++;
      repeatable = true;
      continue;
    }
    if (c === '}' || c === ']') { out += `\\${c}`; i++; repeatable = true; continue; }
    if (c === '.') { out += scope().dotAll ? '[^]' : '[^\\n]'; i++; repeatable = true; continue; }
    if (c === '^') { out += scope().multiLine ? '(?:^|(?<=\\n))' : '^'; i++; repeatable = false; continue; }
    if (c === '$') { out += scope().multiLine ? '(?:$|(?=\\n))' : '$'; i++; repeatable = false; continue; }
    if (c === '|') { out += '|'; i++; repeatable = false; continue; }
    const code = pattern.codePointAt(i)!;
    out += /[A-Za-z0-9 ]/.test(c) ? c : codePointEscape(code);
    i += code > 0xffff ? 2 : 1;
    repeatable = true;
  }
  if (scopes.length > 1) throw refused(pattern, 'missing closing )');
  return { source: out, flags, groups };
}

/** An escape at `at` (the backslash), outside or inside brackets. */
function translateEscape(pattern: string, at: number, inClass: boolean): { text: string; next: number; repeatable: boolean } {
  const c = pattern[at + 1];
  if (c === undefined) throw refused(pattern, 'trailing backslash at end of expression');
  const simple = (text: string, length = 2, repeatable = true) => ({ text, next: at + length, repeatable });
  switch (c) {
    case 'd': case 'D': case 'w': case 'W': return simple(`\\${c}`);
    case 's': return simple(inClass ? SPACE : `[${SPACE}]`);
    case 'S':
      if (inClass) throw untranslatable(pattern, '\\S inside brackets');
      return simple(`[^${SPACE}]`);
    case 'b': case 'B':
      if (inClass) throw refused(pattern, `invalid escape \\${c} inside brackets`);
      return simple(`\\${c}`, 2, false);
    case 'A':
      if (inClass) throw refused(pattern, 'invalid escape \\A inside brackets');
      return simple('^', 2, false);
    case 'z':
      if (inClass) throw refused(pattern, 'invalid escape \\z inside brackets');
      return simple('$', 2, false);
    case 'a': return simple('\\x07');
    case 'f': case 't': case 'n': case 'r': case 'v': return simple(`\\${c}`);
    case 'C': throw untranslatable(pattern, '\\C (any byte)');
    case 'Q': {
      if (inClass) throw refused(pattern, 'invalid escape \\Q inside brackets');
      const end = pattern.indexOf('\\E', at + 2);
      const literal = pattern.slice(at + 2, end < 0 ? undefined : end);
      return { text: Array.from(literal, (ch) => (/[A-Za-z0-9 ]/.test(ch) ? ch : codePointEscape(ch.codePointAt(0)!))).join(''), next: end < 0 ? pattern.length : end + 2, repeatable: literal.length > 0 };
    }
    case 'x': {
      const braced = /^\\x\{([0-9A-Fa-f]{1,8})\}/.exec(pattern.slice(at, at + 14));
      if (braced) {
        const code = parseInt(braced[1], 16);
        if (code > 0x10ffff) throw refused(pattern, `invalid escape ${braced[0]}`);
        return simple(codePointEscape(code), braced[0].length);
      }
      const two = /^\\x([0-9A-Fa-f]{2})/.exec(pattern.slice(at, at + 4));
      if (!two) throw refused(pattern, 'invalid escape \\x');
      return simple(codePointEscape(parseInt(two[1], 16)), 4);
    }
    case 'p': case 'P': {
      const m = /^\\[pP](\{\^?[A-Za-z_]+\}|[A-Za-z])/.exec(pattern.slice(at, at + 40));
      if (!m) throw refused(pattern, 'invalid character class range');
      let name = m[1].replace(/^\{|\}$/g, '');
      let negated = c === 'P';
      if (name.startsWith('^')) { negated = !negated; name = name.slice(1); }
      const property = name === 'Any' ? 'Any' : GENERAL_CATEGORIES.has(name) ? name : `Script=${name}`;
      return simple(`\\${negated ? 'P' : 'p'}{${property}}`, m[0].length);
    }
    default:
      break;
  }
  if (c >= '0' && c <= '7') {
    // `\0`, `\012`: octal. A single `\1`..`\7` would be a back-reference, which RE2 refuses.
    const octal = /^\\([0-7]{1,3})/.exec(pattern.slice(at, at + 5))![1];
    if (c !== '0' && octal.length === 1) throw refused(pattern, `invalid escape \\${c} (back-references are not RE2)`);
    return simple(codePointEscape(parseInt(octal, 8)), 1 + octal.length);
  }
  if (c === '8' || c === '9' || /[A-Za-z]/.test(c)) throw refused(pattern, `invalid escape \\${c}`);
  // Any other escaped character is itself.
  const code = pattern.codePointAt(at + 1)!;
  return simple(codePointEscape(code), code > 0xffff ? 3 : 2);
}

/** A bracket class at `at`: `[a-z]`, `[^\d_]`, `[[:alpha:]]`, `[]a]` (a leading `]` is itself). */
function translateClass(pattern: string, at: number): { text: string; next: number } {
  let i = at + 1;
  let out = '[';
  if (pattern[i] === '^') { out += '^'; i++; }
  let first = true;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === ']' && !first) return { text: `${out}]`, next: i + 1 };
    first = false;
    if (c === '[' && pattern[i + 1] === ':') {
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(pattern.slice(i, i + 12));
      if (posix) {
        if (!Object.hasOwn(POSIX, posix[2])) throw refused(pattern, `invalid character class range ${posix[0]}`);
        if (posix[1] === '^') throw untranslatable(pattern, 'a negated POSIX class inside brackets');
        out += POSIX[posix[2]];
        i += posix[0].length;
        continue;
      }
    }
    if (c === '\\') {
      const escape = translateEscape(pattern, i, true);
      out += escape.text;
      i = escape.next;
      continue;
    }
    if (c === '-') { out += '-'; i++; continue; }
    const code = pattern.codePointAt(i)!;
    out += /[A-Za-z0-9 ]/.test(c) ? c : codePointEscape(code);
    i += code > 0xffff ? 2 : 1;
  }
  throw refused(pattern, 'missing closing ]');
}
