/**
 * Turns an `az role definition list -o json` export and a Microsoft Graph
 * `roleManagement/directory/roleDefinitions` export into the committed TypeScript catalogs
 * under src/roles/. Pure functions, so a test can check that the committed files are exactly
 * what the data makes.
 */
import { entraopsNotice, EntraopsProvenance, parseEntraopsEntraRoles, SourceFile } from './entraops';
import { compareNames, constantsClassFile, docComment, generatedHeader, uniqueConstants } from './generated-file';
import { EntraRoleRecord } from '../../src/roles/entra-role-record';
import { tierOfLevel } from '../../src/roles/privilege-tier';
import { classifyPermissions } from '../../src/roles/role-classification';
import { RolePermission } from '../../src/roles/role-permission';
import { RoleRecord } from '../../src/roles/role-record';
import { tierOfActions } from '../../src/roles/tier-of-actions';

export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

interface AzCliPermission {
  actions?: string[];
  notActions?: string[];
  dataActions?: string[];
  notDataActions?: string[];
  condition?: string | null;
  conditionVersion?: string | null;
}

interface AzCliRoleDefinition {
  name: string;
  roleName: string;
  roleType?: string;
  description?: string | null;
  permissions: AzCliPermission[];
}

interface GraphRoleDefinition {
  templateId: string;
  displayName: string;
  description?: string | null;
  isPrivileged?: boolean;
  rolePermissions: { allowedResourceActions: string[]; condition?: string | null }[];
}

function fail(source: string, where: string, what: string): never {
  throw new Error(`${source}: ${where}: ${what}`);
}

function stringArray(source: string, where: string, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    fail(source, where, `expected an array of strings, got ${JSON.stringify(value)?.slice(0, 80)}`);
  }
  return value as string[];
}

/** Reads and checks `az role definition list -o json` output (built-in and custom roles). */
export function parseAzureRoleExport(source: string, text: string): RoleRecord[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    fail(source, 'not JSON', (e as Error).message);
  }
  if (!Array.isArray(parsed)) fail(source, 'top level', 'expected the JSON array `az role definition list -o json` prints');
  const seen = new Map<string, string>();
  const records = (parsed as AzCliRoleDefinition[]).map((role, index) => {
    const where = `[${index}]`;
    if (typeof role !== 'object' || role === null) fail(source, where, 'expected a role definition object');
    if (typeof role.name !== 'string' || !/^[0-9a-f-]{36}$/i.test(role.name)) {
      fail(source, `${where}.name`, `expected the role GUID, got ${JSON.stringify(role.name)}`);
    }
    if (typeof role.roleName !== 'string' || !role.roleName.trim()) {
      fail(source, `${where}.roleName`, 'expected a non-empty role name');
    }
    if (!Array.isArray(role.permissions)) fail(source, `${where}.permissions`, 'expected an array');
    const guid = role.name.toLowerCase();
    const duplicate = seen.get(guid) ?? seen.get(role.roleName.toLowerCase());
    if (duplicate) fail(source, where, `"${role.roleName}" repeats ${duplicate}`);
    seen.set(guid, `"${role.roleName}" (${guid})`);
    seen.set(role.roleName.toLowerCase(), `"${role.roleName}" (${guid})`);
    const permissions: RolePermission[] = role.permissions.map((p, i) => {
      const at = `${where}.permissions[${i}]`;
      return {
        actions: stringArray(source, `${at}.actions`, p.actions),
        notActions: stringArray(source, `${at}.notActions`, p.notActions),
        dataActions: stringArray(source, `${at}.dataActions`, p.dataActions),
        notDataActions: stringArray(source, `${at}.notDataActions`, p.notDataActions),
        ...(p.condition ? { condition: p.condition } : {}),
        ...(p.conditionVersion ? { conditionVersion: p.conditionVersion } : {}),
      };
    });
    return {
      guid,
      name: role.roleName,
      description: role.description ?? '',
      builtIn: (role.roleType ?? 'BuiltInRole') === 'BuiltInRole',
      permissions,
    };
  });
  return records.sort((a, b) => compareNames(a.name, b.name) || a.guid.localeCompare(b.guid));
}

export interface EntraRoleRecordSource {
  readonly templateId: string;
  readonly name: string;
  readonly description: string;
  readonly isPrivileged: boolean;
  readonly allowedActions: string[];
}

/** Reads and checks a Graph `roleManagement/directory/roleDefinitions` response. */
export function parseEntraRoleExport(source: string, text: string): EntraRoleRecordSource[] {
  let parsed: { value?: GraphRoleDefinition[] };
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    fail(source, 'not JSON', (e as Error).message);
  }
  if (!parsed || !Array.isArray(parsed.value)) fail(source, 'top level', 'expected a Graph collection `{ "value": [...] }`');
  return parsed.value
    .map((role, index) => {
      const where = `value[${index}]`;
      if (typeof role.templateId !== 'string' || !/^[0-9a-f-]{36}$/i.test(role.templateId)) {
        fail(source, `${where}.templateId`, `expected a GUID, got ${JSON.stringify(role.templateId)}`);
      }
      if (!Array.isArray(role.rolePermissions)) fail(source, `${where}.rolePermissions`, 'expected an array');
      const actions = role.rolePermissions.flatMap((p, i) =>
        stringArray(source, `${where}.rolePermissions[${i}].allowedResourceActions`, p.allowedResourceActions),
      );
      return {
        templateId: role.templateId.toLowerCase(),
        name: role.displayName,
        description: role.description ?? '',
        isPrivileged: role.isPrivileged === true,
        allowedActions: [...new Set(actions)],
      };
    })
    .sort((a, b) => compareNames(a.name, b.name) || a.templateId.localeCompare(b.templateId));
}

function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

const JSON_TEXT_WHY = 'Held as JSON text: V8 parses JSON several times faster than the same object literal (the command loads it on every run).';

/**
 * Records as a JSON array in a raw template string, one record a line. JSON escapes are kept as
 * they are (String.raw); a record holding a backtick or `${` could not be written so, and is refused.
 */
function jsonLines(source: string, records: readonly object[]): string {
  const lines = records.map((r) => JSON.stringify(r));
  const unwritable = lines.findIndex((line) => line.includes('`') || line.includes('${'));
  if (unwritable >= 0) throw new Error(`${source}: record ${unwritable} holds a backtick or "\${", which the generated catalog cannot hold as raw JSON text`);
  return `JSON.parse(String.raw\`[\n${lines.join(',\n')}\n]\`)`;
}

/** src/roles/azure-roles.generated.ts and src/roles/built-in-role.generated.ts. */
export function renderAzureCatalog(source: string, text: string): GeneratedFile[] {
  const records = parseAzureRoleExport(source, text);
  const header = generatedHeader([{ file: source, text }]);
  const data = [
    header,
    "import { RoleRecord } from './role-record';",
    '',
    '/** Where the role catalog came from. */',
    `export const AZURE_ROLE_SOURCE = ${JSON.stringify({ file: source, roles: records.length })};`,
    '',
    '/**',
    ' * Every role of the export, sorted by name: one role a line, so a regenerated catalog diffs well.',
    ` * ${JSON_TEXT_WHY}`,
    ' */',
    `export const AZURE_ROLE_RECORDS: RoleRecord[] = ${jsonLines(source, records)};`,
    '',
  ].join('\n');

  const builtIns = records.filter((r) => r.builtIn);
  const constants = uniqueConstants(builtIns, (r) => r.name, source);
  const members = builtIns.map((record, i) => {
    const c = classifyPermissions(record.permissions);
    const doc = docComment(
      [
        `${record.name}: ${record.description}`,
        '',
        `GUID \`${record.guid}\`. Plane: ${c.plane}. Can grant access: ${yesNo(c.canGrantAccess)}.`,
        `Read-only: ${yesNo(c.isReadOnly)}. Wildcard control plane: ${yesNo(c.hasWildcardControlPlane)}.`,
      ],
      '  ',
    );
    return `${doc}\n  public static readonly ${constants[i]}: Role = RoleCatalog.builtIn().fromId('${record.guid}');`;
  });
  const constantsFile = constantsClassFile({
    header,
    imports: ["import { Role } from './role';", "import { RoleCatalog } from './role-catalog';"],
    doc: docComment(
      [
        `Azure's built-in RBAC roles (${builtIns.length}, from ${source}), one constant each.`,
        'Each is a `Role` whose classification is computed from its actions.',
      ],
      '',
    ),
    name: 'BuiltInRole',
    lookups: [
      [
        '  /**',
        '   * A built-in role by its exact name, ignoring case ("Key Vault Secrets User").',
        '   * An unknown name throws an error that suggests the closest names.',
        '   */',
        '  public static fromName(name: string): Role {',
        '    return RoleCatalog.builtIn().fromName(name);',
        '  }',
      ].join('\n'),
      [
        '  /**',
        '   * A built-in role by GUID or by role definition ID, bare or subscription-scoped.',
        '   */',
        '  public static fromId(id: string): Role {',
        '    return RoleCatalog.builtIn().fromId(id);',
        '  }',
      ].join('\n'),
    ],
    members,
  });
  return [
    { path: 'src/roles/azure-roles.generated.ts', content: data },
    { path: 'src/roles/built-in-role.generated.ts', content: constantsFile },
  ];
}

/** The entraops classification the Entra catalog is merged with and tiered by. */
export interface EntraopsInput {
  readonly roles: SourceFile;
  readonly provenance: EntraopsProvenance;
  readonly licence: SourceFile;
}

/**
 * The Entra catalog: every role of the Graph export (its description, isPrivileged and own
 * actions, as Graph gives them), joined by the roles only entraops lists (newer than the export;
 * entraops has no descriptions, so theirs is empty), each with its tier: the widest of its
 * actions' tiers (the export's actions, the ones entraops lists for it, and those of the role it
 * inherits from) and of the tier entraops gives the role itself. Unclassified counts as tier 0.
 */
export function mergeEntraRoles(graphFile: string, graphText: string, entraops: SourceFile): EntraRoleRecord[] {
  const exported = parseEntraRoleExport(graphFile, graphText);
  const { entraRoles, entraActions } = parseEntraopsEntraRoles(entraops);
  const classified = new Map(entraRoles.map((r) => [r.templateId, r]));
  const listed = new Set(exported.map((r) => r.templateId));
  const added: EntraRoleRecordSource[] = entraRoles
    .filter((r) => !listed.has(r.templateId))
    .map((r) => ({ templateId: r.templateId, name: r.name, description: '', isPrivileged: r.isPrivileged, allowedActions: r.actions }));
  const all = [...exported, ...added].sort((a, b) => compareNames(a.name, b.name) || a.templateId.localeCompare(b.templateId));
  const names = new Map<string, string>();
  for (const role of all) {
    const other = names.get(role.name.toLowerCase());
    if (other) fail(entraops.file, role.name, `the role name is also used by ${other}; the two sources disagree`);
    names.set(role.name.toLowerCase(), role.templateId);
  }
  const ownActions = new Map(all.map((r) => [r.templateId, [...new Set([...r.allowedActions, ...(classified.get(r.templateId)?.actions ?? [])])]]));
  return all.map((role) => {
    const facts = classified.get(role.templateId);
    const inheritsFrom = facts?.inheritsFrom ?? [];
    const actions = [...new Set([...ownActions.get(role.templateId)!, ...inheritsFrom.flatMap((id) => ownActions.get(id) ?? [])])];
    const { level, unclassified } = tierOfActions(
      actions.map((a) => a.toLowerCase()),
      (key) => entraActions.get(key),
      facts?.level === undefined ? [] : [facts.level],
    );
    const unclassifiedActions = actions.filter((a) => unclassified.includes(a.toLowerCase())).sort();
    return {
      ...role,
      ...(inheritsFrom.length ? { inheritsFrom } : {}),
      tier: level,
      ...(unclassifiedActions.length ? { unclassifiedActions } : {}),
    };
  });
}

/** src/roles/entra-roles.generated.ts and src/roles/directory-role.generated.ts. */
export function renderEntraCatalog(source: string, text: string, entraops: EntraopsInput): GeneratedFile[] {
  const records = mergeEntraRoles(source, text, entraops.roles);
  const fromGraph = new Set(parseEntraRoleExport(source, text).map((r) => r.templateId));
  const header = entraopsNotice([{ file: source, text }, entraops.roles], entraops.provenance, entraops.licence);
  const data = [
    header,
    "import { EntraRoleRecord } from './entra-role-record';",
    '',
    `export const ENTRA_ROLE_SOURCE = ${JSON.stringify({ file: source, classification: entraops.roles.file, roles: records.length })};`,
    '',
    `/** Every directory role, sorted by name: one role a line. ${JSON_TEXT_WHY} */`,
    `export const ENTRA_ROLE_RECORDS: EntraRoleRecord[] = ${jsonLines(source, records)};`,
    '',
  ].join('\n');
  const constants = uniqueConstants(records, (r) => r.name, source);
  const members = records.map((record, i) => {
    const doc = docComment(
      [
        record.description ? `${record.name}: ${record.description}` : `${record.name}.`,
        '',
        `Template ID \`${record.templateId}\`. Privileged: ${yesNo(record.isPrivileged)}. Tier: ${record.tier} (${tierOfLevel(record.tier)}).`,
        ...(fromGraph.has(record.templateId) ? [] : [`Listed by ${entraops.roles.file} only (newer than ${source}): no description.`]),
      ],
      '  ',
    );
    return `${doc}\n  public static readonly ${constants[i]}: EntraRole = EntraRoleCatalog.builtIn().fromTemplateId('${record.templateId}');`;
  });
  const constantsFile = constantsClassFile({
    header,
    imports: ["import { EntraRole } from './entra-role';", "import { EntraRoleCatalog } from './entra-role-catalog';"],
    doc: docComment(
      [
        `Microsoft Entra built-in directory roles (${records.length}, from ${source} and ${entraops.roles.file}), one constant each.`,
        'Use them with directory-role eligibility (PIM for Entra roles).',
      ],
      '',
    ),
    name: 'DirectoryRole',
    lookups: [
      [
        '  /** A directory role by its exact display name, ignoring case ("Global Administrator"). */',
        '  public static fromName(name: string): EntraRole {',
        '    return EntraRoleCatalog.builtIn().fromName(name);',
        '  }',
      ].join('\n'),
      [
        '  /** A directory role by its template ID. */',
        '  public static fromTemplateId(templateId: string): EntraRole {',
        '    return EntraRoleCatalog.builtIn().fromTemplateId(templateId);',
        '  }',
      ].join('\n'),
    ],
    members,
  });
  return [
    { path: 'src/roles/entra-roles.generated.ts', content: data },
    { path: 'src/roles/directory-role.generated.ts', content: constantsFile },
  ];
}
