import { InputError } from './input-error';

/**
 * How deep brackets may nest in a `*.tf` file. hcl2json's parser recurses per level and, at
 * about 1,000 levels, overflows the stack it shares with JavaScript; a runtime that overflowed
 * once never answers again. Real configurations nest a dozen levels; 256 leaves room for
 * generated ones and stays far below the fault.
 */
export const MAX_HCL_NESTING = 256;

/**
 * How deep JSON may nest (Terraform JSON, plans, exports, `--config`). JSON.parse itself does not
 * recurse, but every walk over the document does. A plan nests about three levels per module
 * call, so 34 nested modules stay well inside it.
 *
 * Scanning every text for its depth before it is read costs as much as parsing it (26-57 ms for
 * the 20,000-grant benchmark stack), so JSON is not scanned: a walk that overflows the stack is
 * caught (`isStackOverflow`) and the parsed document searched for where it passes this depth
 * (`tooDeepJson`), which names the file and the place.
 */
export const MAX_JSON_NESTING = 1000;

/** Whether an error is JavaScript's stack overflowing: a walk over input nested too deep. */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/**
 * Where a parsed JSON value nests deeper than MAX_JSON_NESTING, as an InputError naming the
 * JSON pointer of the first value past the limit; undefined when it nests no deeper. Walked
 * without recursion, so it answers for any depth.
 */
export function tooDeepJson(file: string, value: unknown): InputError | undefined {
  const stack: { value: unknown; pointer: string; depth: number }[] = [{ value, pointer: '', depth: 0 }];
  while (stack.length > 0) {
    const at = stack.pop()!;
    if (typeof at.value !== 'object' || at.value === null) continue;
    if (at.depth >= MAX_JSON_NESTING) {
      const pointer = at.pointer.length > 200 ? `${at.pointer.slice(0, 200)}…` : at.pointer;
      return new InputError(file, `nests more than ${MAX_JSON_NESTING} levels deep; the review reads no deeper, so nothing in this file is reviewed`,
        pointer === '' ? '/' : pointer);
    }
    const entries = Array.isArray(at.value) ? at.value.map((v, i) => [String(i), v] as const) : Object.entries(at.value);
    for (const [key, child] of entries) {
      stack.push({ value: child, pointer: `${at.pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, depth: at.depth + 1 });
    }
  }
  return undefined;
}

/** The error to raise for one that happened while reading `value` of `file`: the depth named, when that was the cause. */
export function locatedIfTooDeep(file: string, value: unknown, error: unknown): unknown {
  return isStackOverflow(error) ? tooDeepJson(file, value) ?? error : error;
}

/**
 * Refuses a `*.tf` text that nests brackets (`{ [ (`, and `${ %{` inside templates) deeper than
 * MAX_HCL_NESTING, at the line and column where the limit is passed, before it reaches the
 * parser. Strings, heredocs and comments are skipped as HCL reads them, so a bracket inside a
 * string counts for nothing. Malformed text is left to the parser, which says what is wrong.
 */
export function checkHclNesting(file: string, text: string): void {
  // The open contexts: a bracket (its closer), a quoted string ('"') or a heredoc (its marker).
  const open: string[] = [];
  const heredocs: string[] = [];
  const push = (context: string, at: number) => {
    open.push(context);
    if (open.length > MAX_HCL_NESTING) throw tooDeep(file, text, at, MAX_HCL_NESTING);
  };
  let i = 0;
  while (i < text.length) {
    const top = open.length === 0 ? undefined : open[open.length - 1];
    const c = text[i];
    if (top === '"' || top?.startsWith('<<')) {
      // Inside a template: only `${` and `%{` open a context; `$${` and `%%{` are literal text.
      if ((c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{') { i += 3; continue; }
      if ((c === '$' || c === '%') && text[i + 1] === '{') { push('}', i); i += 2; continue; }
      if (top === '"') {
        if (c === '\\') { i += 2; continue; }
        if (c === '"' || c === '\n') open.pop();
        i++;
        continue;
      }
      // A heredoc ends at a line that holds only its marker, indented or not, for both forms.
      if (c === '\n') {
        const lineEnd = text.indexOf('\n', i + 1);
        const line = text.slice(i + 1, lineEnd < 0 ? text.length : lineEnd);
        if (line.trim() === heredocs[heredocs.length - 1]) {
          open.pop();
          heredocs.pop();
          i += 1 + line.length;
          continue;
        }
      }
      i++;
      continue;
    }
    if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
      continue;
    }
    if (c === '"') { push('"', i); i++; continue; }
    if (c === '<' && text[i + 1] === '<') {
      const heredoc = /^<<-?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/.exec(text.slice(i, i + 200));
      if (heredoc) {
        push(`<<${heredoc[1]}`, i);
        heredocs.push(heredoc[1]);
        // Stop before the newline, so the first body line is checked for the marker too.
        i += heredoc[0].length - 1;
        continue;
      }
    }
    if (c === '{' || c === '[' || c === '(') { push(c === '{' ? '}' : c === '[' ? ']' : ')', i); i++; continue; }
    if ((c === '}' || c === ']' || c === ')') && top !== undefined) open.pop();
    i++;
  }
}

function tooDeep(file: string, text: string, at: number, limit: number): InputError {
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  return new InputError(file, `nests more than ${limit} levels deep; the review reads no deeper, so nothing in this file is reviewed`,
    `line ${line}, column ${column}`);
}
