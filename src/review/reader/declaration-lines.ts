/**
 * The lines that declare the blocks of one configuration file: `resource "type" "name"`,
 * `data "type" "name"` and `module "name"` in HCL, the block's name after its type in Terraform
 * JSON. hcl2json keeps no positions, so they are read from the text, once per file read.
 */
export interface DeclarationLines {
  /** The line (from 1) of a block's declaration: `resource`, `data` (with its type) or `module` (type empty). */
  lineOf(section: string, type: string, name: string): number | undefined;
}

// A label is quoted, or a bare identifier (HCL allows both).
const LABEL = '(?:"([^"]*)"|([A-Za-z_][\\w-]*))';
const HCL_DECLARATION = new RegExp(`^\\s*(resource|data|module)\\s+${LABEL}(?:\\s+${LABEL})?\\s*\\{`);

/** The declarations of one file's text, indexed on the first look-up: a file with no block to place costs nothing. */
export function declarationLines(text: string, isJson: boolean): DeclarationLines {
  let index: DeclarationLines | undefined;
  return { lineOf: (section, type, name) => (index ??= isJson ? jsonDeclarations(text) : hclDeclarations(text.split('\n'))).lineOf(section, type, name) };
}

function hclDeclarations(lines: readonly string[]): DeclarationLines {
  const declared = new Map<string, number>();
  lines.forEach((line, i) => {
    const m = HCL_DECLARATION.exec(line);
    if (m === null) return;
    const first = m[2] ?? m[3];
    const second = m[4] ?? m[5];
    const key = m[1] === 'module' ? keyOf('module', '', first) : second === undefined ? undefined : keyOf(m[1], first, second);
    if (key !== undefined && !declared.has(key)) declared.set(key, i + 1);
  });
  return { lineOf: (section, type, name) => declared.get(keyOf(section, type, name)) };
}

function keyOf(section: string, type: string, name: string): string {
  return `${section}\u0000${type}\u0000${name}`;
}

/**
 * Terraform JSON: the line of each key that names a block, `"module"` > name, `"resource"` >
 * type > name (objects only count: hcl2json's arrays of bodies add no level). One pass over the
 * text, jumping from quote to quote; a key is parsed as JSON only when it holds an escape.
 */
function jsonDeclarations(text: string): DeclarationLines {
  const declared = new Map<string, number>();
  const path: string[] = [];
  let depth = 0;
  // Offsets are met in order: the newlines before each are counted once in all.
  let line = 1;
  let counted = 0;
  const lineAt = (offset: number) => {
    for (let at = text.indexOf('\n', counted); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line++;
    counted = offset;
    return line;
  };
  // Only braces and quotes matter: found with indexOf (no match objects to collect), strings skipped whole.
  let quote = text.indexOf('"');
  let open = text.indexOf('{');
  let close = text.indexOf('}');
  let pos = 0;
  for (;;) {
    if (quote !== -1 && quote < pos) quote = text.indexOf('"', pos);
    if (open !== -1 && open < pos) open = text.indexOf('{', pos);
    if (close !== -1 && close < pos) close = text.indexOf('}', pos);
    const i = Math.min(quote === -1 ? Infinity : quote, open === -1 ? Infinity : open, close === -1 ? Infinity : close);
    if (i === Infinity) break;
    pos = i + 1;
    if (i === open) {
      depth++;
      continue;
    }
    if (i === close) {
      depth--;
      continue;
    }
    let end = i + 1;
    let escaped = false;
    for (;;) {
      end = text.indexOf('"', end);
      // A text that ends inside a string (JSON.parse has refused it already): nothing more to read.
      if (end === -1) return { lineOf: (section, type, name) => declared.get(keyOf(section, type, name)) };
      let slashes = 0;
      for (let b = end - 1; text.charCodeAt(b) === 0x5c; b--) slashes++;
      if (slashes % 2 === 0) break;
      escaped = true;
      end++;
    }
    pos = end + 1;
    if (depth < 1 || depth > 3) continue;
    let next = end + 1;
    while (next < text.length && (text[next] === ' ' || text[next] === '\t' || text[next] === '\n' || text[next] === '\r')) next++;
    if (text[next] !== ':') continue;
    const raw = text.slice(i + 1, end);
    let key = raw;
    if (escaped) {
      try {
        key = JSON.parse(`"${raw}"`) as string;
      } catch {
        key = raw;
      }
    }
    path[depth - 1] = key;
    path.length = depth;
    const [section, second, third] = path;
    const found = section === 'module' && depth === 2 ? keyOf('module', '', second)
      : (section === 'resource' || section === 'data') && depth === 3 ? keyOf(section, second, third) : undefined;
    if (found !== undefined && !declared.has(found)) declared.set(found, lineAt(i));
  }
  return { lineOf: (section, type, name) => declared.get(keyOf(section, type, name)) };
}
