/**
 * Turns data/graph-delegated-scopes.json (the reviewed delegated Microsoft Graph scopes: their
 * IDs, names and tiers, with sources) into src/roles/delegated-scopes.generated.ts. The library
 * ships lib/ only, so the table travels as code; a test checks the committed file is exactly
 * what the data makes.
 */
import { generatedHeader } from './generated-file';
import type { GeneratedFile } from './render';
import { isGuid } from '../../src/model/guid';
import { DelegatedScopeRecord } from '../../src/roles/delegated-scope-record';
import { MICROSOFT_GRAPH_APP_ID } from '../../src/roles/microsoft-graph';

export const DELEGATED_SCOPES_MODULE = 'src/roles/delegated-scopes.generated.ts';

function fail(source: string, where: string, what: string): never {
  throw new Error(`${source}: ${where}: ${what}`);
}

function sentence(source: string, where: string, value: unknown): string {
  if (typeof value !== 'string' || !value.trim()) fail(source, where, `expected a non-empty string, got ${JSON.stringify(value)}`);
  return value;
}

/** Reads and checks the table: every scope named once, by a GUID of its own, with a tier of 0, 1 or 2 (or none) and a known source. */
export function parseDelegatedScopes(source: string, text: string): { version: string; scopes: DelegatedScopeRecord[] } {
  let parsed: { version?: unknown; api?: unknown; sources?: unknown; scopes?: unknown };
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    fail(source, 'not JSON', (e as Error).message);
  }
  if (!parsed || typeof parsed !== 'object' || !Array.isArray(parsed.scopes)) fail(source, 'top level', 'expected `{ "version", "api", "sources", "scopes": [...] }`');
  const version = sentence(source, 'version', parsed.version);
  if (parsed.api !== MICROSOFT_GRAPH_APP_ID) fail(source, 'api', `only Microsoft Graph's scopes (${MICROSOFT_GRAPH_APP_ID}) are rated here, got ${JSON.stringify(parsed.api)}`);
  const sources = parsed.sources !== null && typeof parsed.sources === 'object' ? new Map(Object.entries(parsed.sources)) : new Map<string, unknown>();
  for (const [key, s] of sources) {
    for (const field of ['title', 'repo_or_site', 'path_or_url']) sentence(source, `sources.${key}.${field}`, (s as Record<string, unknown> | null)?.[field]);
  }
  const ids = new Set<string>();
  const names = new Set<string>();
  const scopes = (parsed.scopes as Record<string, unknown>[]).map((s, index): DelegatedScopeRecord => {
    const where = `scopes[${index}]`;
    if (typeof s !== 'object' || s === null) fail(source, where, 'expected a scope object');
    const name = sentence(source, `${where}.name`, s.name);
    if (names.has(name.toLowerCase())) fail(source, `${where}.name`, `"${name}" repeats`);
    names.add(name.toLowerCase());
    if (typeof s.id !== 'string' || !isGuid(s.id)) fail(source, `${where}.id`, `expected the scope's GUID, got ${JSON.stringify(s.id)}`);
    const id = s.id.toLowerCase();
    if (ids.has(id)) fail(source, `${where}.id`, `${id} repeats`);
    ids.add(id);
    if (s.tier !== undefined && s.tier !== 0 && s.tier !== 1 && s.tier !== 2) fail(source, `${where}.tier`, `expected 0, 1 or 2 (or no tier), got ${JSON.stringify(s.tier)}`);
    if (s.tier !== undefined && s.why === undefined) fail(source, `${where}.why`, 'a reviewed tier needs its reason');
    if (!Array.isArray(s.sources) || s.sources.length === 0) fail(source, `${where}.sources`, 'expected at least one source');
    for (const [i, key] of (s.sources as unknown[]).entries()) {
      if (typeof key !== 'string' || !sources.has(key)) fail(source, `${where}.sources[${i}]`, `${JSON.stringify(key)} is not one of the table's sources (${[...sources.keys()].join(', ')})`);
    }
    return {
      id,
      name,
      ...(s.tier === undefined ? {} : { tier: s.tier as number }),
      ...(s.why === undefined ? {} : { why: sentence(source, `${where}.why`, s.why) }),
    };
  });
  return { version, scopes };
}

export function renderDelegatedScopes(data: { file: string; text: string }): GeneratedFile[] {
  const { version, scopes } = parseDelegatedScopes(data.file, data.text);
  const content = [
    generatedHeader([data]),
    "import type { DelegatedScopeRecord } from './delegated-scope-record';",
    '',
    '/** Where the table came from. */',
    `export const DELEGATED_SCOPE_SOURCE = ${JSON.stringify({ file: data.file, version, scopes: scopes.length })};`,
    '',
    '/** The reviewed delegated Microsoft Graph scopes, in the order of the data: one a line, so a regenerated table diffs well. */',
    'export const DELEGATED_SCOPE_RECORDS: DelegatedScopeRecord[] = [',
    ...scopes.map((s) => `  ${JSON.stringify(s)},`),
    '];',
    '',
  ].join('\n');
  return [{ path: DELEGATED_SCOPES_MODULE, content }];
}
