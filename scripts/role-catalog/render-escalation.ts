/**
 * Turns data/azure-escalation-actions.json into src/roles/escalation-paths.generated.ts, and the
 * paths each built-in role opens into src/roles/role-escalation-paths.generated.ts. The library
 * ships lib/ only, so it cannot read data/ at run time; pure functions, so a test can check that
 * the committed files are exactly what the data makes.
 */
import { generatedHeader } from './generated-file';
import { GeneratedFile, parseAzureRoleExport } from './render';
import { EscalationPath, EscalationSource } from '../../src/roles/escalation-path';
import { openedEscalationPaths } from '../../src/roles/role-classification';

const PLANES = ['control', 'data'] as const;
const CONFIDENCES = ['high', 'medium', 'low'] as const;
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function fail(source: string, where: string, what: string): never {
  throw new Error(`${source}: ${where}: ${what}`);
}

function strings(source: string, where: string, value: unknown, optional = false): string[] {
  if (optional && (value === undefined || value === null)) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !v.trim())) {
    fail(source, where, `expected an array of operation strings, got ${JSON.stringify(value)?.slice(0, 80)}`);
  }
  return value as string[];
}

function oneOf<T extends string>(source: string, where: string, value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) fail(source, where, `expected one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  return value as T;
}

function sentence(source: string, where: string, value: unknown): string {
  if (typeof value !== 'string' || !value.trim()) fail(source, where, 'expected a non-empty string');
  return value;
}

/** Reads and checks the escalation table; field names become the library's (`requires_any` → `requiresAny`). */
export function parseEscalationPaths(source: string, text: string): { version: string; paths: EscalationPath[] } {
  let parsed: { version?: unknown; paths?: unknown };
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    fail(source, 'not JSON', (e as Error).message);
  }
  if (!parsed || !Array.isArray(parsed.paths)) fail(source, 'top level', 'expected `{ "version": ..., "paths": [...] }`');
  const version = sentence(source, 'version', parsed.version);
  const seen = new Set<string>();
  const paths = (parsed.paths as Record<string, unknown>[]).map((p, index): EscalationPath => {
    const where = `paths[${index}]`;
    if (typeof p !== 'object' || p === null) fail(source, where, 'expected a path object');
    if (typeof p.id !== 'string' || !KEBAB.test(p.id)) fail(source, `${where}.id`, `expected a kebab-case id, got ${JSON.stringify(p.id)}`);
    if (seen.has(p.id)) fail(source, `${where}.id`, `"${p.id}" repeats`);
    seen.add(p.id);
    const actions = strings(source, `${where}.actions`, p.actions);
    if (actions.length === 0) fail(source, `${where}.actions`, 'a path needs at least one action that opens it');
    if (!Array.isArray(p.sources) || p.sources.length === 0) fail(source, `${where}.sources`, 'expected at least one source');
    const sources = (p.sources as Record<string, unknown>[]).map((s, i): EscalationSource => ({
      title: sentence(source, `${where}.sources[${i}].title`, s?.title),
      repoOrSite: sentence(source, `${where}.sources[${i}].repo_or_site`, s?.repo_or_site),
      pathOrUrl: sentence(source, `${where}.sources[${i}].path_or_url`, s?.path_or_url),
    }));
    return {
      id: p.id,
      title: sentence(source, `${where}.title`, p.title),
      plane: oneOf(source, `${where}.plane`, p.plane, PLANES),
      actions,
      requires: strings(source, `${where}.requires`, p.requires, true),
      requiresAny: strings(source, `${where}.requires_any`, p.requires_any, true),
      effect: sentence(source, `${where}.effect`, p.effect),
      ...(p.notes === undefined ? {} : { notes: sentence(source, `${where}.notes`, p.notes) }),
      confidence: oneOf(source, `${where}.confidence`, p.confidence, CONFIDENCES),
      sources,
    };
  });
  return { version, paths };
}

/**
 * src/roles/escalation-paths.generated.ts (the table, in data order) and
 * src/roles/role-escalation-paths.generated.ts (the IDs each built-in role opens, by GUID).
 * The second depends on both exports, so its header names both.
 */
export function renderEscalationCatalog(
  escalation: { file: string; text: string },
  azure: { file: string; text: string },
): GeneratedFile[] {
  const { version, paths } = parseEscalationPaths(escalation.file, escalation.text);
  const table = [
    generatedHeader([escalation]),
    "import type { EscalationPath } from './escalation-path';",
    '',
    '/** Where the escalation paths came from. */',
    `export const ESCALATION_PATH_SOURCE = ${JSON.stringify({ file: escalation.file, version, paths: paths.length })};`,
    '',
    '/** Every escalation path of the table, in its order: one path a line, so a regenerated table diffs well. */',
    'export const ESCALATION_PATHS: EscalationPath[] = [',
    ...paths.map((p) => `  ${JSON.stringify(p)},`),
    '];',
    '',
  ].join('\n');

  const builtIns = parseAzureRoleExport(azure.file, azure.text).filter((r) => r.builtIn);
  const opened = builtIns
    .map((r) => ({ record: r, ids: openedEscalationPaths(r.permissions, paths) }))
    .filter((x) => x.ids.length > 0);
  const byRole = [
    generatedHeader([azure, escalation]),
    '/**',
    ` * The escalation paths each built-in role opens, by role GUID (${opened.length} of ${builtIns.length} roles open one;`,
    ' * a role that is not listed opens none). Computed from the roles\' actions with',
    ' * `openedEscalationPaths()`, so a test can prove every entry is what the actions give.',
    ' */',
    'export const BUILT_IN_ESCALATION_PATHS: Record<string, string[]> = {',
    ...opened.map((x) => `  ${JSON.stringify(x.record.guid)}: ${JSON.stringify(x.ids)}, // ${x.record.name.replace(/\s+/g, ' ')}`),
    '};',
    '',
  ].join('\n');
  return [
    { path: 'src/roles/escalation-paths.generated.ts', content: table },
    { path: 'src/roles/role-escalation-paths.generated.ts', content: byRole },
  ];
}
