import * as path from 'path';
import type * as CdktfOutModule from './cdktf-out';
import type * as DeclarationLinesModule from './declaration-lines';
import type * as HclModule from './hcl';
import { asInputError, InputError } from './input-error';
import { readJsonText } from './json-document';
import { parseJson } from './json-position';
import type * as ModuleDirectoryModule from './module-directory';
import type * as ModuleTreeModule from './module-tree';
import { locatedIfTooDeep, tooDeepJson } from './nesting-limit';
import { listDirectory, readBoundedStream, readText, statInput } from './read-file';
import type * as SensitiveStringsModule from './sensitive-strings';
import { isRecord } from './shape-check';
import { SourceDocument } from './source-document';
import type * as EvaluateConfigurationModule from './values/evaluate-configuration';
import type * as VariablesModule from './values/variables';

/** A module loaded when it is first needed, once. */
function onFirstUse<T>(load: () => T): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= load());
}

// The evaluator (expression parser, function library, module instances: 20 modules, about 10 ms
// to load) is loaded when something is to be evaluated: a synthesized stack of plain references,
// the largest input there is, never needs it. Nor does it need the HCL parser, module reading,
// a cdktf.out manifest's reader or the places of declarations (a cdktf stack read as one file).
/* eslint-disable @typescript-eslint/no-require-imports */
const evaluator = onFirstUse(() => require('./values/evaluate-configuration') as typeof EvaluateConfigurationModule);
const variables = onFirstUse(() => require('./values/variables') as typeof VariablesModule);
const sensitiveStrings = onFirstUse(() => require('./sensitive-strings') as typeof SensitiveStringsModule);
const hcl = onFirstUse(() => require('./hcl') as typeof HclModule);
const cdktfOut = onFirstUse(() => require('./cdktf-out') as typeof CdktfOutModule);
const moduleDirectory = onFirstUse(() => require('./module-directory') as typeof ModuleDirectoryModule);
const moduleTree = onFirstUse(() => require('./module-tree') as typeof ModuleTreeModule);
const declarations = onFirstUse(() => require('./declaration-lines') as typeof DeclarationLinesModule);
/* eslint-enable @typescript-eslint/no-require-imports */
export { readJsonText } from './json-document';

/** Reads a `*.tf` file's text (see hcl.ts). */
export function readHclText(file: string, text: string): Promise<SourceDocument> {
  return hcl().readHclText(file, text);
}

export const STDIN = '<stdin>';

/** A `--var name=value` or `--var-file FILE`, as given on the command line, in order. */
export type VariableOption = { readonly kind: 'var'; readonly text: string } | { readonly kind: 'file'; readonly file: string };

export interface ReadInputsOptions {
  /** `--var` and `--var-file`, in the order given: they set the root configuration's variables last. */
  readonly variables?: readonly VariableOption[];
  /** Where `TF_VAR_<name>` values are read from; defaults to process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Standard input, for `-`; defaults to reading process.stdin. */
  readonly readStdin?: () => Promise<string>;
  /** Where relative inputs are found; defaults to process.cwd(). Messages keep the input as given. */
  readonly cwd?: string;
}

// `terraform plan -out` writes a zip archive; the review reads its JSON form.
const ZIP_SIGNATURE = 'PK\u0003\u0004';

/**
 * Reads the review command's inputs: cdktf.out directories, Terraform JSON, plan JSON, `*.tf`
 * files, module directories, and `-` for JSON on standard input. Reads only; throws only InputError.
 */
export async function readInputs(inputs: string[], options: ReadInputsOptions = {}): Promise<SourceDocument[]> {
  const read = await readDocuments(inputs, options);
  const settings = await readVariableOptions(options.variables ?? [], options.cwd ?? process.cwd());
  const env = options.env ?? process.env;
  return read.map(({ document, tfvars, calls }) => evaluateSource(document, { env, tfvars, settings }, calls));
}

interface ReadDocument {
  readonly document: SourceDocument;
  /** The variable files of the directory it was read from, in Terraform's order. */
  readonly tfvars: Record<string, unknown>[];
  /** The module calls of a configuration, followed. */
  readonly calls: ModuleTreeModule.ModuleCall[];
}

async function readDocuments(inputs: string[], options: ReadInputsOptions): Promise<ReadDocument[]> {
  const documents: ReadDocument[] = [];
  const add = (read: SourceDocument[], tfvars: Record<string, unknown>[] = [], calls: ModuleTreeModule.ModuleCall[] = []) =>
    documents.push(...read.map((document) => ({ document, tfvars, calls })));
  let stdinRead = false;
  for (const input of inputs) {
    if (input === '-') {
      if (stdinRead) throw new InputError(STDIN, 'standard input (-) is given more than once');
      stdinRead = true;
      add(readJsonText(STDIN, await readStandardInput(options.readStdin)));
    } else {
      const absolute = path.resolve(options.cwd ?? process.cwd(), input);
      const read = await readPath(input, absolute);
      // A directory is a root module: its terraform.tfvars and *.auto.tfvars set its variables.
      const isRootModule = read.length === 1 && read[0].file === input && read[0].format !== 'cdktf';
      add(read, isRootModule ? await readTfvarsOf(input, absolute) : [], await callsOf(read, input, absolute));
    }
  }
  return documents;
}

/**
 * The module calls of one configuration (a directory, or a single file whose calls are relative
 * to its directory). cdktf output and plans are left as they are: a plan already holds its child
 * modules, and a cdktf stack that calls a module is read by its module blocks alone.
 */
async function callsOf(read: SourceDocument[], input: string, absolute: string): Promise<ModuleTreeModule.ModuleCall[]> {
  if (read.length !== 1 || (read[0].format !== 'hcl' && read[0].format !== 'terraform-json')) return [];
  const isDirectory = (await statInput(input, absolute)).isDirectory();
  const [dir, absoluteDir] = isDirectory ? [input, absolute] : [path.dirname(input), path.dirname(absolute)];
  try {
    return await moduleTree().loadModuleCalls(read[0].document, dir, absoluteDir);
  } catch (error) {
    throw asInputError(input, error);
  }
}

/** A configuration with its values, instances and modules evaluated; a plan already holds them. */
function evaluateSource(
  document: SourceDocument, sources: EvaluateConfigurationModule.VariableSources, calls: readonly ModuleTreeModule.ModuleCall[],
): SourceDocument {
  if (document.format === 'plan') return document;
  try {
    if (calls.length === 0 && !hasAnythingToEvaluate(document.document)) return document;
    const { collectingSensitive, SensitiveStrings } = sensitiveStrings();
    const sensitive = new SensitiveStrings();
    const { evaluateWithModules, rootScope } = evaluator();
    const evaluated = collectingSensitive(sensitive, () => evaluateWithModules(document.document, rootScope(document.document, sources, calls)));
    return { ...document, document: evaluated, ...(sensitive.size === 0 ? {} : { sensitive: sensitive.list() }) };
  } catch (error) {
    throw asInputError(document.file, locatedIfTooDeep(document.file, document.document, error));
  }
}

async function readVariableOptions(options: readonly VariableOption[], cwd: string): Promise<VariablesModule.VariableSetting[]> {
  const settings: VariablesModule.VariableSetting[] = [];
  for (const option of options) {
    if (option.kind === 'var') {
      variables().splitVarSetting(option.text);
      settings.push(option);
    } else {
      settings.push({ kind: 'file', file: option.file, values: await readTfvarsFile(option.file, path.resolve(cwd, option.file)) });
    }
  }
  return settings;
}

async function readStandardInput(readStdin: (() => Promise<string>) | undefined): Promise<string> {
  try {
    return await (readStdin ?? readProcessStdin)();
  } catch (error) {
    throw asInputError(STDIN, error);
  }
}

async function readProcessStdin(): Promise<string> {
  return readBoundedStream(process.stdin, STDIN);
}

async function readPath(input: string, absolutePath: string): Promise<SourceDocument[]> {
  try {
    const stats = await statInput(input, absolutePath);
    return stats.isDirectory() ? await readDirectory(input, absolutePath) : [await readFile(input, absolutePath)];
  } catch (error) {
    throw asInputError(input, error);
  }
}

/** `terraform.tfvars`, `terraform.tfvars.json`, then `*.auto.tfvars(.json)` in name order: Terraform's order. */
async function readTfvarsOf(dir: string, absoluteDir: string): Promise<Record<string, unknown>[]> {
  const stats = await statInput(dir, absoluteDir);
  if (!stats.isDirectory()) return [];
  const names = (await listDirectory(dir, absoluteDir)).filter((e) => !e.isDirectory()).map((e) => e.name);
  const ordered = [
    ...['terraform.tfvars', 'terraform.tfvars.json'].filter((n) => names.includes(n)),
    ...names.filter((n) => /\.auto\.tfvars(\.json)?$/.test(n)).sort(),
  ];
  const files: Record<string, unknown>[] = [];
  for (const name of ordered) files.push(await readTfvarsFile(path.join(dir, name), path.join(absoluteDir, name)));
  return files;
}

async function readTfvarsFile(file: string, absolutePath: string): Promise<Record<string, unknown>> {
  const text = await readText(file, absolutePath);
  if (file.endsWith('.json')) {
    const value = parseJson(file, text);
    if (!isRecord(value)) throw new InputError(file, 'expected an object of variable values');
    // Its values are walked where they are used, in another file's evaluation: refused here, by its own name.
    const tooDeep = tooDeepJson(file, value);
    if (tooDeep !== undefined) throw tooDeep;
    return value;
  }
  // Parsed as a `*.tf` file is: the nesting limit first, then a parser that can fail without taking the review with it.
  return hcl().convertHcl(file, text);
}

async function readDirectory(dir: string, absoluteDir: string): Promise<SourceDocument[]> {
  const entries = await listDirectory(dir, absoluteDir);
  // Every entry with a configuration's name is read, whatever it is: one that is not a regular
  // file (a FIFO, a device, a directory) is refused by name, never skipped in silence.
  const files = entries.filter((entry) => !entry.isDirectory()).map((entry) => entry.name);
  const { CDKTF_MANIFEST, readCdktfOut } = cdktfOut();
  if (files.includes(CDKTF_MANIFEST)) return readCdktfOut(dir, absoluteDir);
  const { isConfigurationFile, readModuleDirectory } = moduleDirectory();
  const configurationFiles = files.filter(isConfigurationFile);
  if (configurationFiles.length === 0) {
    throw new InputError(dir, `no ${CDKTF_MANIFEST} (a cdktf.out directory), *.tf or *.tf.json files in this directory`);
  }
  return [await readModuleDirectory(dir, absoluteDir, configurationFiles)];
}

/**
 * JSON is told by content (its first character), whatever the name; `.json` names are read as
 * JSON so that a broken one gets a JSON line and column. The rest is HCL.
 */
async function readFile(file: string, absolutePath: string): Promise<SourceDocument> {
  const text = await readText(file, absolutePath);
  if (text.startsWith(ZIP_SIGNATURE)) {
    throw new InputError(file, 'a binary plan: read its JSON form, written by "terraform show -json <planfile> > plan.json"');
  }
  const isJson = /^\s*[{[]/.test(text) || file.endsWith('.json');
  const read = isJson ? readJsonText(file, text)[0] : file.endsWith('.tf') ? await readHclText(file, text) : await hcl().readUnknownText(file, text);
  // Its module blocks are where the calls into modules begin, for the places of what is found in them.
  if (read.format === 'hcl' || read.format === 'terraform-json') moduleDirectory().markPlaces(read, declarations().declarationLines(text, isJson), false);
  return read;
}

// Sections and arguments (count, for_each and dynamic, in hasAnythingToEvaluate) whose values
// evaluation can change, and texts it can compute: a template directive, or an interpolation that
// is more than a plain reference (`${azurerm_x.a.id}`, `${data.y.z["k"][0].id}`): a call, an
// operator, a tuple or object, a var, local, count or each.
const EVALUATED_SECTIONS = ['variable', 'locals', 'module'];
const INTERPOLATION = /\$\{([^}]*)(\}?)/g;
const PLAIN_REFERENCE = /^(?!(?:var|local|count|each)\.)[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\d+\]|\["[^"\\]*"\])*$/;
// The text of most references of a synthesized stack: one plain reference, nothing around it and
// no quoted key (`${azurerm_x.a.principal_id}`). Whatever it matches, the loop below finds plain
// too; one test, where the loop made a match and a trimmed copy of every such text.
const ONE_PLAIN_REFERENCE = /^\$\{(?!(?:var|local|count|each)\.)[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\d+\])*\}$/;

function isComputable(text: string): boolean {
  if (ONE_PLAIN_REFERENCE.test(text)) return false;
  if (text.includes('%{')) return true;
  INTERPOLATION.lastIndex = 0;
  for (let m = INTERPOLATION.exec(text); m !== null; m = INTERPOLATION.exec(text)) {
    if (m[2] === '' || !PLAIN_REFERENCE.test(m[1].trim())) return true;
  }
  return false;
}

/**
 * Whether evaluating a configuration could change it. A synthesized stack of 20,000 plain
 * references has nothing to compute; walking it once is far cheaper than evaluating it.
 */
function hasAnythingToEvaluate(document: Record<string, unknown>): boolean {
  if (EVALUATED_SECTIONS.some((section) => Object.hasOwn(document, section))) return true;
  // Plain loops, no intermediate arrays: this walks every value of the largest inputs. `for...in`
  // rather than Object.keys: no array of keys per object, half the time on a 20,000-grant stack.
  // JSON.parse makes plain objects, so every key it enumerates is the object's own.
  // A string is looked at where it is found, with no call of our own per value (there are four
  // per block), and one search of it: both `${` and `%{` hold a `{`.
  const visit = (value: unknown): boolean => {
    if (typeof value === 'string') return value.includes('{') && isComputable(value);
    if (typeof value !== 'object' || value === null) return false;
    if (Array.isArray(value)) {
      for (const item of value) if (visit(item)) return true;
      return false;
    }
    for (const key in value) {
      if (key === '//') continue;
      // The repeating arguments, compared where they are asked (of every key of every block), not looked up in a set.
      if (key === 'count' || key === 'for_each' || key === 'dynamic') return true;
      const item = (value as Record<string, unknown>)[key];
      if (typeof item === 'string' ? item.includes('{') && isComputable(item) : visit(item)) return true;
    }
    return false;
  };
  return ['resource', 'data'].some((section) => Object.hasOwn(document, section) && visit(document[section]));
}

