import * as path from 'path';
import { DECLARED_AT_KEY, DeclaredPlace, TerraformDocument } from '../terraform-json';
import { DeclarationLines, declarationLines } from './declaration-lines';
import { readHclText } from './hcl';
import { InputError } from './input-error';
import { readJsonText } from './json-document';
import { readText } from './read-file';
import { isRecord, JsonRecord, pointerTo } from './shape-check';
import { InputFormat, SourceDocument } from './source-document';

const OVERRIDE_FILE = /(^|_)override\.tf(\.json)?$/;
const BLOCK_SECTIONS = ['resource', 'data'];

/** Whether Terraform reads a file of a module directory: `*.tf` and `*.tf.json`. */
export function isConfigurationFile(name: string): boolean {
  return name.endsWith('.tf') || name.endsWith('.tf.json');
}

/**
 * Reads a module directory as Terraform does: all its `*.tf` and `*.tf.json` files form one
 * configuration, so a role assignment in main.tf resolves the vault declared in vault.tf.json.
 * Override files (`override.tf`, `*_override.tf`) come last and replace the attributes they set.
 */
export async function readModuleDirectory(dir: string, absoluteDir: string, fileNames: string[],
  options: ModuleDirectoryOptions = {}): Promise<SourceDocument> {
  const ordered = [...fileNames.filter((name) => !OVERRIDE_FILE.test(name)).sort(), ...fileNames.filter((name) => OVERRIDE_FILE.test(name)).sort()];
  const parts: SourceDocument[] = [];
  for (const name of ordered) {
    const file = path.join(dir, name);
    const text = await readText(file, path.join(absoluteDir, name));
    const part = name.endsWith('.tf') ? await readHclText(file, text) : readJsonText(file, text)[0];
    if (part.format === 'plan') throw new InputError(file, 'a plan, not configuration: give it on its own, not inside a module directory');
    // An override file's block keeps the place of the block it overrides.
    if (!OVERRIDE_FILE.test(name)) markPlaces(part, declarationLines(text, !name.endsWith('.tf')), options.placeBlocks === true);
    parts.push(part);
  }
  return { file: dir, format: formatOf(parts), document: mergeModuleDocuments(parts) };
}

export interface ModuleDirectoryOptions {
  /**
   * Whether to record where each resource and data source is declared (DECLARED_AT_KEY): in a
   * module's directory, whose files the input does not name. A root's blocks are found in the
   * input itself. Module blocks are always recorded: their places are the calls that lead into a module.
   */
  readonly placeBlocks?: boolean;
}

/** Records under each block's `"//"` the file and line that declare it (DECLARED_AT_KEY): module blocks always, resources and data sources when `blocks`. */
export function markPlaces(part: SourceDocument, lines: DeclarationLines, blocks: boolean): void {
  const mark = (section: string, type: string, name: string, body: unknown) => {
    if (!isRecord(body)) return;
    const line = lines.lineOf(section, type, name);
    const place: DeclaredPlace = line === undefined ? { file: part.file } : { file: part.file, line };
    body['//'] = { ...(isRecord(body['//']) ? body['//'] : {}), [DECLARED_AT_KEY]: place };
  };
  const document = part.document;
  for (const group of listOf(Object.hasOwn(document, 'module') ? document.module : undefined)) {
    for (const [name, bodies] of Object.entries(group)) for (const body of listOf(bodies)) mark('module', '', name, body);
  }
  if (!blocks) return;
  for (const section of BLOCK_SECTIONS) {
    for (const group of listOf(Object.hasOwn(document, section) ? document[section] : undefined)) {
      for (const [type, byName] of Object.entries(group)) {
        for (const named of listOf(byName)) {
          for (const [name, bodies] of Object.entries(named)) for (const body of listOf(bodies)) mark(section, type, name, body);
        }
      }
    }
  }
}

function listOf(value: unknown): JsonRecord[] {
  return (Array.isArray(value) ? value : [value]).filter(isRecord);
}

function formatOf(parts: SourceDocument[]): InputFormat {
  if (parts.some((part) => part.format === 'hcl')) return 'hcl';
  return parts.every((part) => part.format === 'cdktf') ? 'cdktf' : 'terraform-json';
}

function mergeModuleDocuments(parts: SourceDocument[]): TerraformDocument {
  const sections = new Map<string, unknown>();
  // section → type → name → body; an address declared twice is the error Terraform would report.
  const blocks = new Map<string, Map<string, Map<string, unknown>>>();
  const declaredIn = new Map<string, string>();
  for (const part of parts) {
    const isOverride = OVERRIDE_FILE.test(path.basename(part.file));
    for (const [section, value] of Object.entries(part.document)) {
      if (!BLOCK_SECTIONS.includes(section)) {
        sections.set(section, sections.has(section) ? mergeSection(sections.get(section), value) : value);
        continue;
      }
      // Holds the section's place in document order; its value is built from `blocks` at the end.
      if (!sections.has(section)) sections.set(section, undefined);
      const types = blocks.get(section) ?? new Map<string, Map<string, unknown>>();
      blocks.set(section, types);
      for (const [type, byName] of Object.entries(value as JsonRecord)) {
        const names = types.get(type) ?? new Map<string, unknown>();
        types.set(type, names);
        for (const [name, block] of Object.entries(byName as JsonRecord)) {
          const address = `${section === 'data' ? 'data.' : ''}${type}.${name}`;
          const earlier = declaredIn.get(address);
          if (earlier !== undefined && !isOverride) {
            throw new InputError(part.file, `${address} is already declared in ${earlier}`, pointerTo(pointerTo(`/${section}`, type), name));
          }
          names.set(name, earlier === undefined ? block : { ...firstBody(names.get(name)), ...firstBody(block) });
          declaredIn.set(address, earlier ?? part.file);
        }
      }
    }
  }
  return Object.fromEntries([...sections].map(([section, value]) => {
    const types = blocks.get(section);
    if (types === undefined) return [section, value];
    return [section, Object.fromEntries([...types].map(([type, names]) => [type, Object.fromEntries(names)]))];
  }));
}

// Checked by the shape check: a block is one body (cdktf) or a non-empty array of bodies (hcl2json).
function firstBody(block: unknown): JsonRecord {
  return (Array.isArray(block) ? block[0] : block) as JsonRecord;
}

/**
 * Other sections (terraform, provider, variable, locals, ...) are merged as Terraform JSON
 * nests them: lists are joined, objects merged key by key, and otherwise the later file wins.
 * A block written as one object in one file and as a list in another (hcl2json writes `locals`
 * of a `.tf` file as a list of bodies; a `locals.version.tf.json`, as every Azure Verified Module
 * has, writes one object) is each of those blocks: the lists are joined, the object as one of them.
 */
function mergeSection(earlier: unknown, later: unknown): unknown {
  if (Array.isArray(earlier) || Array.isArray(later)) {
    if ((Array.isArray(earlier) || isRecord(earlier)) && (Array.isArray(later) || isRecord(later))) {
      return [...(Array.isArray(earlier) ? earlier : [earlier]), ...(Array.isArray(later) ? later : [later])];
    }
  }
  if (!isRecord(earlier) || !isRecord(later)) return later;
  const keys = new Set([...Object.keys(earlier), ...Object.keys(later)]);
  return Object.fromEntries([...keys].map((key) => [key,
    Object.hasOwn(earlier, key) && Object.hasOwn(later, key) ? mergeSection(earlier[key], later[key])
      : Object.hasOwn(later, key) ? later[key] : earlier[key]]));
}
