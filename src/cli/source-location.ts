import { readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';

/** Where a resource is declared: a file (relative, with `/`) and, when found, its line. */
export interface SourceLocation {
  readonly uri: string;
  readonly line?: number;
}

/** An HCL declaration, `resource "type" "name"` or `data "type" "name"`, with its type and name. */
const DECLARATION = /^\s*(?:resource|data)\s+"([^"]*)"\s+"([^"]*)"/;

/** How every line that an HCL declaration pattern can match begins, as long as no `|` splits the pattern. */
const DECLARATION_START = /^\s*(?:resource|data)\s+/;

/**
 * What a type or name must not hold to be looked up as itself: the lookup has always put them into
 * a pattern unescaped (an instance's `[0]` matches `0`, a module path's `.` any character), and a
 * quote would end the name early.
 */
const NOT_LITERAL = /[\\^$.|?*+()[\]{}"]/;

/** The first of the ascending `lines` at or after `from`, as an index into `lines`. */
function firstAtOrAfter(lines: readonly number[], from: number): number {
  let [low, high] = [0, lines.length];
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (lines[middle] < from) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * One input file, split once and indexed so that a look-up does not scan the file, yet answers
 * what a scan of its lines in order would: the first match.
 */
class DeclarationIndex {
  private readonly lines: string[];
  /** `type"name` of each HCL declaration (neither holds a quote) to the first line (0-based) that declares it. */
  private readonly declared = new Map<string, number>();
  /** The lines that begin like a declaration, for the types and names that are read as patterns. */
  private readonly declarationStarts: number[] = [];
  /** Each text between two consecutive quotes of a line to the lines (ascending) that quote it. */
  private readonly quoted = new Map<string, number[]>();

  constructor(text: string) {
    this.lines = text.split('\n');
    this.lines.forEach((line, i) => {
      if (DECLARATION_START.test(line)) this.declarationStarts.push(i);
      const declaration = DECLARATION.exec(line);
      const key = declaration && `${declaration[1]}"${declaration[2]}`;
      if (key !== null && !this.declared.has(key)) this.declared.set(key, i);
      const pieces = line.split('"');
      for (let p = 1; p < pieces.length - 1; p++) {
        const quoting = this.quoted.get(pieces[p]);
        if (quoting === undefined) this.quoted.set(pieces[p], [i]);
        else if (quoting[quoting.length - 1] !== i) quoting.push(i);
      }
    });
  }

  /** The line (1-based) that declares `type`.`name`: an HCL declaration, else the JSON block's name after its type. */
  lineOf(type: string, name: string): number | undefined {
    const i = this.hclDeclaration(type, name) ?? this.jsonBlock(type, name);
    return i === undefined ? undefined : i + 1;
  }

  private hclDeclaration(type: string, name: string): number | undefined {
    if (!NOT_LITERAL.test(type) && !NOT_LITERAL.test(name)) return this.declared.get(`${type}"${name}`);
    // Throws, as it always has, when the name is no valid pattern: the input itself is then the answer.
    const pattern = new RegExp(`^\\s*(resource|data)\\s+"${type}"\\s+"${name}"`);
    // A `|` makes an alternative that need not begin like a declaration, so every line is a candidate.
    const i = `${type}${name}`.includes('|')
      ? this.lines.findIndex((line) => pattern.test(line))
      : this.declarationStarts.find((start) => pattern.test(this.lines[start]));
    return i === -1 ? undefined : i;
  }

  /** Terraform JSON: the first line at or after the first that quotes the type that quotes the name. */
  private jsonBlock(type: string, name: string): number | undefined {
    const typeLine = this.firstQuoting(type, 0);
    return typeLine === undefined ? undefined : this.firstQuoting(name, typeLine);
  }

  /**
   * The first line at or after `from` that holds `"text"`. Such a line quotes the text before the
   * text's own first quote, so only the lines that quote that piece need to be looked at. A text
   * without a quote is such a piece itself: every line that quotes it holds `"text"`, so the first
   * of them is the answer, with no search of the line. That matters for JSON written on one line
   * (`terraform show -json`, minified documents), where the line is the whole file.
   */
  private firstQuoting(text: string, from: number): number | undefined {
    const [piece] = text.split('"');
    const candidates = this.quoted.get(piece) ?? [];
    const first = firstAtOrAfter(candidates, from);
    if (piece.length === text.length) return candidates[first];
    const needle = `"${text}"`;
    for (let k = first; k < candidates.length; k++) {
      if (this.lines[candidates[k]].includes(needle)) return candidates[k];
    }
    return undefined;
  }
}

/** One of an input's files, with its URI (relative, with `/`). */
interface IndexedFile {
  readonly uri: string;
  readonly index: DeclarationIndex;
}

const slash = (p: string) => p.split(path.sep).join('/');

/**
 * A directory's `.tf` and `.tf.json` files in name order, else the file itself, each read and
 * indexed once. Reading stops at the first file that cannot be read: a declaration not found
 * before it is not looked for after it. Standard input, or a file that moved, has no files.
 */
function indexInput(cwd: string, input: string): IndexedFile[] {
  const indexed: IndexedFile[] = [];
  try {
    const absolute = path.resolve(cwd, input);
    const files = statSync(absolute).isDirectory()
      ? readdirSync(absolute).filter((f) => f.endsWith('.tf') || f.endsWith('.tf.json')).sort().map((f) => path.join(input, f))
      : [input];
    for (const file of files) indexed.push({ uri: slash(file), index: new DeclarationIndex(readFileSync(path.resolve(cwd, file), 'utf8')) });
  } catch {
    // Keep the files read so far.
  }
  return indexed;
}

/**
 * Finds the file and line that declare an address in an input, so code scanning can point at
 * it; what cannot be found keeps the input itself. Each input is read and indexed once, on its
 * first look-up, so a review with many findings does not read its inputs once per finding.
 */
export function declarationLocator(cwd: string): (input: string, address: string) => SourceLocation {
  const inputs = new Map<string, IndexedFile[]>();
  return (input, address) => {
    const parts = address.replace(/^data\./, '').split('.');
    const [type, name] = [parts[0], parts.slice(1).join('.')];
    let files = inputs.get(input);
    if (files === undefined) inputs.set(input, files = indexInput(cwd, input));
    try {
      for (const { uri, index } of files) {
        const line = index.lineOf(type, name);
        if (line !== undefined) return { uri, line };
      }
    } catch {
      // A name that is no valid pattern: point at the input as given.
    }
    return { uri: slash(input) };
  };
}
