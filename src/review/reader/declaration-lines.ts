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
  return { lineOf: (section, type, name) => (index ??= isJson ? jsonDeclarations(text.split('\n')) : hclDeclarations(text.split('\n'))).lineOf(section, type, name) };
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

// A JSON object key: a quoted text followed by a colon.
const JSON_KEY = /"((?:[^"\\]|\\.)*)"\s*:/g;

/**
 * Terraform JSON: the first line that quotes the name as a key at or after the first line that
 * quotes the type (or `"module"`) as a key. Each line's keys are indexed once, so a look-up does
 * not scan the file.
 */
function jsonDeclarations(lines: readonly string[]): DeclarationLines {
  const keyLines = new Map<string, number[]>();
  lines.forEach((line, i) => {
    for (const m of line.matchAll(JSON_KEY)) {
      let key: string;
      try {
        key = JSON.parse(`"${m[1]}"`) as string;
      } catch {
        continue;
      }
      const at = keyLines.get(key);
      if (at === undefined) keyLines.set(key, [i]);
      else if (at[at.length - 1] !== i) at.push(i);
    }
  });
  const firstKeyLine = (key: string, from: number): number | undefined => keyLines.get(key)?.find((line) => line >= from);
  return {
    lineOf: (section, type, name) => {
      const sectionLine = firstKeyLine(section, 0);
      const typeLine = sectionLine === undefined ? undefined : section === 'module' ? sectionLine : firstKeyLine(type, sectionLine);
      const nameLine = typeLine === undefined ? undefined : firstKeyLine(name, typeLine);
      return nameLine === undefined ? undefined : nameLine + 1;
    },
  };
}
