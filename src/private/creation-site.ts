import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import type { IConstruct } from 'constructs';
import { cdktf } from './cdktf-runtime';
import { isGuarded } from './guarded-stacks';

/**
 * Where the app's own code created each construct, for code scanning to point at the TypeScript
 * line of a grant instead of the synthesized JSON. cdktf 0.21 records no creation stack, so the
 * library captures one itself, but only when asked ({@link SOURCE_LOCATIONS_ENV}): capturing
 * costs a stack trace per construct, and the recorded lines would change the synthesized JSON
 * (and every snapshot) whenever a line above a construct moves.
 */

/** Set (to anything but empty or `0`) before the app loads the library: `AZURE_ACCESS_SOURCE_LOCATIONS=1 cdktf synth`. */
export const SOURCE_LOCATIONS_ENV = 'AZURE_ACCESS_SOURCE_LOCATIONS';

/** A line of the app's source, relative to the repository root, with `/`. */
export interface CreationSite {
  readonly file: string;
  readonly line: number;
}

const stacks = new WeakMap<IConstruct, string>();
let installed = false;

export function sourceLocationsRequested(env: Record<string, string | undefined> = process.env): boolean {
  const value = env[SOURCE_LOCATIONS_ENV];
  return value !== undefined && value !== '' && value !== '0';
}

/**
 * Captures a stack trace for every construct added to the tree from now on: `Node.addChild` runs
 * in every construct's constructor, so this sees constructs of any library, cdktf's and the
 * providers' included. Installed once; a no-op when `constructs` cannot be loaded.
 */
export function captureCreationSites(): void {
  if (installed) return;
  installed = true;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Node } = require('constructs') as typeof import('constructs');
  // addChild is private in the typings, but it is the one call every construct's constructor makes.
  type AddChild = (this: unknown, child: IConstruct, childName: string) => unknown;
  const prototype = Node.prototype as unknown as { addChild: AddChild };
  const addChild = prototype.addChild;
  prototype.addChild = function (this: unknown, child: IConstruct, childName: string) {
    // A child of the root (the App) is a stack: remembered, to say at exit which had no guard.
    if ((this as { scope?: IConstruct }).scope === undefined) topLevel.push(child);
    const limit = Error.stackTraceLimit;
    // The app's frame sits below the library's and the providers' constructors: keep enough of them.
    Error.stackTraceLimit = 60;
    const stack = new Error().stack ?? '';
    Error.stackTraceLimit = limit;
    stacks.set(child, stack);
    return addChild.call(this, child, childName);
  };
  process.once('exit', () => {
    const unguarded = stacksWithoutGuard();
    if (unguarded.length > 0) process.stderr.write(`${noGuardWarning(unguarded)}\n`);
  });
}

const topLevel: IConstruct[] = [];

/** The stacks of this process that no AccessGuard judged: source lines are recorded by the guard alone. */
function stacksWithoutGuard(): string[] {
  const { TerraformStack } = cdktf();
  return topLevel.filter((c) => TerraformStack.isStack(c) && !isGuarded(c)).map((c) => c.node.path);
}

/** What a user who asked for source lines is told when a stack has no guard to record them. */
export function noGuardWarning(paths: readonly string[]): string {
  return `cdktf-azure-access: ${SOURCE_LOCATIONS_ENV} is set, but no AccessGuard judged ${paths.map((p) => `"${p}"`).join(', ')}: `
    + 'the guard is what records source lines, so none were recorded there. Add Aspects.of(stack).add(new AccessGuard()) '
    + '(with AZURE_ACCESS_GUARD=record to report its errors instead of failing synth).';
}

// This library's own code (src/ in a checkout, lib/ when installed): frames in it are skipped.
const LIBRARY_DIR = path.resolve(__dirname, '..') + path.sep;
const FRAME = /\(?((?:file:\/\/)?(?:[A-Za-z]:)?[^():]+):(\d+):(\d+)\)?$/;

interface Frame {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

function framesOf(stack: string): Frame[] {
  return stack
    .split('\n')
    .slice(1)
    .map((l) => FRAME.exec(l.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ file: m[1].replace(/^file:\/\//, ''), line: Number(m[2]), column: Number(m[3]) }));
}

function isAppFrame(frame: Frame): boolean {
  return path.isAbsolute(frame.file)
    && !frame.file.startsWith(LIBRARY_DIR)
    && !frame.file.split(path.sep).includes('node_modules');
}

/** A compiled app's line, mapped through its source map (`//# sourceMappingURL=`) to the TypeScript line. */
function throughSourceMap(frame: Frame): Frame {
  if (!frame.file.endsWith('.js')) return frame;
  try {
    const text = readFileSync(frame.file, 'utf8');
    const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(text)?.[1];
    if (!url) return frame;
    const inline = /^data:application\/json;(?:charset=utf-8;)?base64,(.*)$/.exec(url);
    const mapFile = inline ? frame.file : path.resolve(path.dirname(frame.file), url);
    const payload = JSON.parse(inline ? Buffer.from(inline[1], 'base64').toString('utf8') : readFileSync(mapFile, 'utf8'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { SourceMap } = require('module') as { SourceMap: new (p: unknown) => { findEntry(l: number, c: number): Record<string, unknown> } };
    const entry = new SourceMap(payload).findEntry(frame.line - 1, frame.column - 1);
    if (typeof entry.originalSource !== 'string' || typeof entry.originalLine !== 'number') return frame;
    const source = entry.originalSource.replace(/^file:\/\//, '');
    const file = path.resolve(path.dirname(mapFile), payload.sourceRoot ?? '', source);
    return { file, line: entry.originalLine + 1, column: ((entry.originalColumn as number) ?? 0) + 1 };
  } catch {
    // No map, or one that cannot be read: the compiled line is still a line of the app.
    return frame;
  }
}

/** The repository root: the nearest directory with `.git` above `from`, else `from` itself. */
export function repositoryRoot(from: string): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from);
  }
}

/**
 * Where the app created `construct`, or the nearest construct above it that was created by the
 * app's code: the first frame outside this library and node_modules, relative to `root`. Undefined
 * when nothing was captured or the site lies outside `root` (a machine path never reaches the JSON).
 */
export function creationSiteOf(construct: IConstruct, root: string): CreationSite | undefined {
  for (let c: IConstruct | undefined = construct; c; c = c.node.scope) {
    const stack = stacks.get(c);
    const frame = stack === undefined ? undefined : framesOf(stack).find(isAppFrame);
    if (frame === undefined) continue;
    const mapped = throughSourceMap(frame);
    const relative = path.relative(root, mapped.file);
    if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    return { file: relative.split(path.sep).join('/'), line: mapped.line };
  }
  return undefined;
}
