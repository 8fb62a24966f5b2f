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
 */
export const MAX_JSON_NESTING = 1000;

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

/**
 * Refuses JSON that nests deeper than MAX_JSON_NESTING, at the line and column where the limit
 * is passed. Strings are skipped; anything malformed is left to JSON.parse.
 */
export function checkJsonNesting(file: string, text: string): void {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === 0x5c /* \ */) i++;
        else if (s === 0x22) break;
      }
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > MAX_JSON_NESTING) throw tooDeep(file, text, i, MAX_JSON_NESTING);
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    }
  }
}

function tooDeep(file: string, text: string, at: number, limit: number): InputError {
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  return new InputError(file, `nests more than ${limit} levels deep; the review reads no deeper, so nothing in this file is reviewed`,
    `line ${line}, column ${column}`);
}
