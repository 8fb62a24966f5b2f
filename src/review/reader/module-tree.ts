import * as path from 'path';
import { DECLARED_AT_KEY, DeclaredPlace, TerraformDocument } from '../terraform-json';
import { InputError } from './input-error';
import { parseJson } from './json-position';
import { isConfigurationFile, readModuleDirectory } from './module-directory';
import { exists, listDirectory, readText } from './read-file';
import { isRecord } from './shape-check';

/** One `module "name" { source = ... }` call, with the module it reads, or why it could not be read. */
export interface ModuleCall {
  readonly name: string;
  /** `source` as written. */
  readonly source: string;
  /** The call's arguments as written (`count`, `for_each` and the module's inputs), not yet evaluated. */
  readonly body: Record<string, unknown>;
  readonly module?: LoadedModule;
  /** Why the module could not be read: the review cannot see the access it holds. */
  readonly notRead?: string;
  /** Where the `module` block is, when it was read from a file. */
  readonly place?: DeclaredPlace;
}

/** A module directory, read, with the modules it calls. */
export interface LoadedModule {
  /** The directory as the user's input leads to it (`repo/modules/app`), never absolute. */
  readonly dir: string;
  readonly document: TerraformDocument;
  readonly calls: readonly ModuleCall[];
}

/** Where a root module's calls are found: its directory, and `terraform init`'s record of installed modules. */
interface RootContext {
  readonly dir: string;
  readonly absoluteDir: string;
  /** `.terraform/modules/modules.json`: module key (`a.b`) → directory, relative to the root. */
  readonly installed: ReadonlyMap<string, string>;
  /**
   * Each module directory read once, by the path it is read under: a repository calls the same
   * module from many places (200 calls of ./modules/team), and reading, parsing and checking its
   * files again for each call was most of what following the calls cost. Documents are only read.
   */
  readonly read: Map<string, Promise<ReadModule>>;
}

/**
 * How deep module calls are followed. Terraform sets no limit, but a module that calls itself is
 * a configuration error there, and each level costs the review a few frames of stack. A deeper
 * call is not read, and says so (AZA016, an error): it is never taken for a cycle.
 */
export const MAX_MODULE_DEPTH = 64;
const MODULES_MANIFEST = path.join('.terraform', 'modules', 'modules.json');

/**
 * The module calls of a root configuration, followed recursively: local sources (`./x`, `../x`)
 * relative to the calling module, any source that `terraform init` installed (by its key in
 * `.terraform/modules/modules.json`). A module that cannot be read is kept with the reason, so
 * the review reports it instead of leaving its access out in silence.
 */
export async function loadModuleCalls(document: TerraformDocument, dir: string, absoluteDir: string): Promise<ModuleCall[]> {
  const root: RootContext = { dir, absoluteDir, installed: await readInstalledModules(dir, absoluteDir), read: new Map() };
  return callsOf(root, document, dir, absoluteDir, [], [absoluteDir]);
}

async function callsOf(root: RootContext, document: TerraformDocument, dir: string, absoluteDir: string,
  keyPath: string[], ancestors: string[]): Promise<ModuleCall[]> {
  const calls: ModuleCall[] = [];
  for (const [name, body] of moduleBlocks(document)) {
    const source = typeof body.source === 'string' ? body.source : undefined;
    const key = [...keyPath, name];
    const placed = placeOf(body);
    const call = (fields: { source: string; notRead?: string; module?: LoadedModule }): ModuleCall =>
      ({ name, body, ...fields, ...(placed === undefined ? {} : { place: placed }) });
    if (source === undefined) {
      calls.push(call({ source: String(body.source), notRead: 'its source is not a literal string' }));
      continue;
    }
    const target = whereIs(root, key, source, dir, absoluteDir);
    if ('notRead' in target) {
      calls.push(call({ source, notRead: target.notRead }));
      continue;
    }
    if (ancestors.includes(target.absoluteDir)) {
      calls.push(call({ source, notRead: `it calls itself (${target.dir})` }));
      continue;
    }
    if (key.length > MAX_MODULE_DEPTH) {
      calls.push(call({ source, notRead: `module calls nest deeper than ${MAX_MODULE_DEPTH} levels here, and the review reads no deeper` }));
      continue;
    }
    // A directory that is missing or holds no configuration is a module not read; a file in it
    // that cannot be read or parsed is an input error, as it is in a root module: the review stops.
    const module = await readModuleOnce(root, target.dir, target.absoluteDir);
    if ('notRead' in module) {
      calls.push(call({ source, notRead: module.notRead }));
      continue;
    }
    const nested = await callsOf(root, module.document, target.dir, target.absoluteDir, key, [...ancestors, target.absoluteDir]);
    calls.push(call({ source, module: { dir: target.dir, document: module.document, calls: nested } }));
  }
  return calls;
}

/** Where the reader found a `module` block (DECLARED_AT_KEY), if it read it from a file. */
function placeOf(body: Record<string, unknown>): DeclaredPlace | undefined {
  const comment = body['//'];
  const place = isRecord(comment) && Object.hasOwn(comment, DECLARED_AT_KEY) ? comment[DECLARED_AT_KEY] : undefined;
  return isRecord(place) && typeof place.file === 'string' ? place as unknown as DeclaredPlace : undefined;
}

/** `module` blocks of a document, in cdktf (object) or hcl2json (array) form. */
function moduleBlocks(document: TerraformDocument): [string, Record<string, unknown>][] {
  const blocks: [string, Record<string, unknown>][] = [];
  for (const group of listOf(Object.hasOwn(document, 'module') ? document.module : undefined)) {
    for (const [name, value] of Object.entries(group)) for (const body of listOf(value)) blocks.push([name, body]);
  }
  return blocks;
}

function listOf(value: unknown): Record<string, unknown>[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is Record<string, unknown> => isRecord(v));
}

function whereIs(root: RootContext, key: string[], source: string, dir: string, absoluteDir: string):
{ dir: string; absoluteDir: string } | { notRead: string } {
  // A local source is read where it is, even when a stale manifest says otherwise.
  if (/^\.\.?[/\\]/.test(source)) return { dir: path.join(dir, source), absoluteDir: path.resolve(absoluteDir, source) };
  const installed = root.installed.get(key.join('.'));
  if (installed !== undefined) return { dir: path.join(root.dir, installed), absoluteDir: path.resolve(root.absoluteDir, installed) };
  return { notRead: `it is not a local path and is not installed: run "terraform init" so that ${MODULES_MANIFEST} lists module "${key.join('.')}"` };
}

type ReadModule = { readonly document: TerraformDocument } | { readonly notRead: string };

function readModuleOnce(root: RootContext, dir: string, absoluteDir: string): Promise<ReadModule> {
  // The path as given is part of the key: it is the one messages about the module's files name.
  const key = `${dir}\u0000${absoluteDir}`;
  let read = root.read.get(key);
  if (read === undefined) {
    read = readModule(dir, absoluteDir);
    root.read.set(key, read);
  }
  return read;
}

async function readModule(dir: string, absoluteDir: string): Promise<ReadModule> {
  let entries;
  try {
    entries = await listDirectory(dir, absoluteDir);
  } catch (error) {
    if (error instanceof InputError) return { notRead: error.message };
    throw error;
  }
  // Not only regular files: one with a configuration's name that is not (a FIFO, a device) is refused by name.
  const files = entries.filter((e) => !e.isDirectory()).map((e) => e.name).filter(isConfigurationFile);
  if (files.length === 0) return { notRead: `${dir}: no *.tf or *.tf.json files in the module directory` };
  return readModuleDirectory(dir, absoluteDir, files, { placeBlocks: true });
}

/** `{"Modules":[{"Key":"a.b","Source":"...","Dir":".terraform/modules/a.b"}]}`; absent is empty. */
async function readInstalledModules(dir: string, absoluteDir: string): Promise<Map<string, string>> {
  const installed = new Map<string, string>();
  const absoluteFile = path.join(absoluteDir, MODULES_MANIFEST);
  if (!await exists(absoluteFile)) return installed;
  const file = path.join(dir, MODULES_MANIFEST);
  const manifest = parseJson(file, await readText(file, absoluteFile));
  const modules = isRecord(manifest) && Array.isArray(manifest.Modules) ? manifest.Modules : [];
  for (const entry of modules) {
    if (!isRecord(entry) || typeof entry.Key !== 'string' || typeof entry.Dir !== 'string' || entry.Key === '') continue;
    // Terraform writes directories relative to the root; an absolute one would put this machine's path in messages.
    if (path.isAbsolute(entry.Dir)) continue;
    installed.set(entry.Key, path.normalize(entry.Dir));
  }
  return installed;
}
