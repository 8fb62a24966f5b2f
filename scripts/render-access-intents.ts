/**
 * Renders data/access-intents.json as src/grants/access-intents.generated.ts: the `Access` enum
 * and the table `grantOn` picks a role from. The package ships lib/ only, never data/, so the
 * table travels as code. Each row's role must be in the built-in catalog under that GUID and
 * name, and its operations must belong to the resource provider of every resource type the row
 * accepts (a data role on another provider's resource grants nothing: rule AZA018); otherwise
 * generation fails. It also writes the table into README.md. A test fails while the module or
 * the README's table differs from what this makes of the data; `npm run generate:access-intents`
 * rewrites both.
 */
import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { resourceProviderOf, scopeFactsOf } from '../src/model/terraform-types';
import { BuiltInRole } from '../src/roles/built-in-role.generated';

export const ACCESS_INTENTS_DATA = 'data/access-intents.json';
export const ACCESS_INTENTS_MODULE = 'src/grants/access-intents.generated.ts';

interface IntentEntry {
  readonly access: string;
  readonly summary: string;
  readonly resourceTypes: string[];
  readonly role: { readonly name: string; readonly id: string };
  readonly source: string;
}

export interface AccessIntentsData {
  readonly version: string;
  readonly intents: IntentEntry[];
}

export function parseAccessIntents(text: string): AccessIntentsData {
  return JSON.parse(text) as AccessIntentsData;
}

/** Throws, naming the row, when a row does not hold against the catalog and the provider table. */
export function checkAccessIntents(data: AccessIntentsData): void {
  const seen = new Set<string>();
  for (const row of data.intents) {
    const where = `${ACCESS_INTENTS_DATA}: ${row.access}`;
    if (!/^[A-Z][A-Z0-9_]*$/.test(row.access)) throw new Error(`${where}: the access name must be UPPER_SNAKE_CASE (it becomes an enum member)`);
    if (seen.has(row.access)) throw new Error(`${where}: listed twice`);
    seen.add(row.access);
    if (!row.source.startsWith('https://learn.microsoft.com/')) throw new Error(`${where}: the source must be Microsoft's documentation (https://learn.microsoft.com/...), got ${row.source}`);
    if (row.resourceTypes.length === 0) throw new Error(`${where}: no resource types`);
    let role;
    try {
      role = BuiltInRole.fromId(row.role.id);
    } catch {
      throw new Error(`${where}: role ${row.role.id} ("${row.role.name}") is not in the built-in catalog (src/roles/built-in-role.generated.ts)`);
    }
    if (role.name !== row.role.name) throw new Error(`${where}: role ${row.role.id} is "${role.name}" in the built-in catalog, not "${row.role.name}"`);
    if (role.canGrantAccess) throw new Error(`${where}: "${role.name}" can grant access; an intent's role never can`);
    // The role's data actions when it has any (AcrPull and AcrPush hold control-plane actions only).
    const operations = role.effectiveDataActions.length > 0 ? role.effectiveDataActions : role.effectiveActions;
    const providers = new Set(operations.map((o) => o.split('/')[0].toLowerCase()));
    for (const type of row.resourceTypes) {
      if (scopeFactsOf(type, false, () => false) === undefined) throw new Error(`${where}: ${type} is not a scope Scope.of() accepts`);
      const provider = resourceProviderOf(type);
      if (provider === undefined) throw new Error(`${where}: ${type} has no known resource provider (src/model/terraform-types.ts), so AZA018 could not judge the grant`);
      if (!providers.has(provider.toLowerCase())) throw new Error(`${where}: "${role.name}" holds no ${provider} operation, so it grants nothing on ${type}`);
    }
  }
}

export function renderAccessIntentsModule(text: string): string {
  const data = parseAccessIntents(text);
  checkAccessIntents(data);
  const members = data.intents.flatMap((row) => [
    '  /**',
    `   * ${row.summary}`,
    '   *',
    `   * Role: ${row.role.name} (\`${row.role.id}\`), on ${row.resourceTypes.map((t) => `\`${t}\``).join(', ')}.`,
    `   * @see ${row.source}`,
    '   */',
    `  ${row.access} = ${JSON.stringify(row.access)},`,
  ]);
  const rows = data.intents.map((row) => `  [Access.${row.access}, ${JSON.stringify({
    roleId: row.role.id,
    roleName: row.role.name,
    resourceTypes: row.resourceTypes,
    source: row.source,
  })}],`);
  return [
    `// Generated from ${ACCESS_INTENTS_DATA} by scripts/render-access-intents.ts.`,
    '// Do not edit: change the data, then run `npm run generate:access-intents`.',
    '/* eslint-disable */',
    '',
    '/**',
    ' * A job a workload does on a resource, for `identity.grantOn(resource, access)`: each picks the',
    ' * least-privileged built-in role for that job on the resource\'s type.',
    ' */',
    'export enum Access {',
    ...members,
    '}',
    '',
    '/** One row of the table: the role an access is granted as, and where it applies. */',
    'export interface AccessIntent {',
    '  readonly roleId: string;',
    '  readonly roleName: string;',
    '  /** The azurerm types (resources and data sources) the role grants something on. */',
    '  readonly resourceTypes: readonly string[];',
    '  readonly source: string;',
    '}',
    '',
    `/** The table of ${ACCESS_INTENTS_DATA} (version ${data.version}). */`,
    'export const ACCESS_INTENTS: ReadonlyMap<Access, AccessIntent> = new Map<Access, AccessIntent>([',
    ...rows,
    ']);',
    '',
  ].join('\n');
}

export const ACCESS_TABLE_HEADER = '| `Access` | role | granted on | source |';

/** The README's table of the intents: the same rows, for people choosing an Access. */
export function renderAccessTable(text: string): string {
  const data = parseAccessIntents(text);
  checkAccessIntents(data);
  return [
    ACCESS_TABLE_HEADER,
    '| --- | --- | --- | --- |',
    ...data.intents.map((row) =>
      `| \`${row.access}\` | ${row.role.name} | ${row.resourceTypes.map((t) => `\`${t}\``).join(', ')} | [learn.microsoft.com](${row.source}) |`),
    '',
  ].join('\n');
}

/** README.md with its access table replaced by `table` (from the header line to the blank line after). */
export function withAccessTable(readme: string, table: string): string {
  const start = readme.indexOf(ACCESS_TABLE_HEADER);
  if (start < 0) throw new Error(`README.md has no access table (a line starting "${ACCESS_TABLE_HEADER}").`);
  const end = readme.indexOf('\n\n', start);
  return readme.slice(0, start) + table + readme.slice(end + 1);
}

if (require.main === module) {
  const root = path.join(__dirname, '..');
  const text = readFileSync(path.join(root, ACCESS_INTENTS_DATA), 'utf8');
  writeFileSync(path.join(root, ACCESS_INTENTS_MODULE), renderAccessIntentsModule(text));
  const readme = path.join(root, 'README.md');
  writeFileSync(readme, withAccessTable(readFileSync(readme, 'utf8'), renderAccessTable(text)));
}
