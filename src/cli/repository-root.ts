import { existsSync } from 'fs';
import * as path from 'path';

/**
 * The repository root: the nearest directory with `.git` at or above `from`, else `from` itself.
 * SARIF locations are relative to it (`%SRCROOT%`), as code scanning resolves them, whichever
 * way the input path was typed.
 */
export function repositoryRoot(from: string): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from);
  }
}

/** A path as the user typed it (relative to `cwd`, or absolute), relative to `root` with `/`. */
export function rootRelative(root: string, cwd: string, file: string): string {
  if (file.startsWith('<')) return file; // <stdin>: no file to point at
  return path.relative(root, path.resolve(cwd, file)).split(path.sep).join('/');
}
