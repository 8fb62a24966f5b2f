import { readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';

/** Where a resource is declared: a file (relative, with `/`) and, when found, its line. */
export interface SourceLocation {
  readonly uri: string;
  readonly line?: number;
}

function lineOf(text: string, type: string, name: string): number | undefined {
  const lines = text.split('\n');
  const hcl = new RegExp(`^\\s*(resource|data)\\s+"${type}"\\s+"${name}"`);
  let i = lines.findIndex((l) => hcl.test(l));
  if (i === -1) {
    // JSON: the block's name as a key after its type's key.
    const typeLine = lines.findIndex((l) => l.includes(`"${type}"`));
    if (typeLine !== -1) {
      const offset = lines.slice(typeLine).findIndex((l) => l.includes(`"${name}"`));
      i = offset === -1 ? -1 : typeLine + offset;
    }
  }
  return i === -1 ? undefined : i + 1;
}

/**
 * The file and line that declare `address` in an input, so code scanning can point at it. A
 * directory input is searched file by file; what cannot be found keeps the input itself.
 */
export function locateResource(cwd: string, input: string, address: string): SourceLocation {
  const parts = address.replace(/^data\./, '').split('.');
  const [type, name] = [parts[0], parts.slice(1).join('.')];
  const slash = (p: string) => p.split(path.sep).join('/');
  try {
    const absolute = path.resolve(cwd, input);
    const files = statSync(absolute).isDirectory()
      ? readdirSync(absolute).filter((f) => f.endsWith('.tf') || f.endsWith('.tf.json')).sort().map((f) => path.join(input, f))
      : [input];
    for (const file of files) {
      const line = lineOf(readFileSync(path.resolve(cwd, file), 'utf8'), type, name);
      if (line !== undefined) return { uri: slash(file), line };
    }
  } catch {
    // Standard input, or a file that moved: point at the input as given.
  }
  return { uri: slash(input) };
}
