/**
 * Reads and checks the entraops classification (data/entraops/, from
 * Cloud-Architekt/AzurePrivilegedIAM, MIT licence): the tier of every Microsoft Graph application
 * permission, of every Entra role action and of every Azure role action. Everything generated
 * from it carries {@link entraopsNotice}, because the MIT licence asks that its notice go with
 * every copy of the facts, and the package ships lib/ without data/.
 */
import { generatedHeaderLines } from './generated-file';

/** A file as the generator reads it: its path (relative to the repository) and its text. */
export interface SourceFile {
  readonly file: string;
  readonly text: string;
}

/** data/entraops/source.json: where the copy came from, for the generated headers. */
export interface EntraopsProvenance {
  readonly repository: string;
  readonly commit: string;
  readonly licence: string;
  readonly licenceFile: string;
}

export interface GraphAppRoleSource {
  readonly appId: string;
  readonly appRoleId: string;
  readonly name: string;
  readonly category: string;
  /** 0, 1 or 2. */
  readonly level: number;
}

export interface EntraopsEntraRole {
  readonly templateId: string;
  readonly name: string;
  readonly isPrivileged: boolean;
  readonly inheritsFrom: string[];
  /** The role's actions as entraops lists them (never null). */
  readonly actions: string[];
  /** The role-level tier entraops gives, when it gives one (not "Unclassified"). */
  readonly level?: number;
}

export interface EntraopsAzureRole {
  readonly guid: string;
  readonly name: string;
  readonly level?: number;
}

export interface EntraopsClassification {
  readonly entraRoles: EntraopsEntraRole[];
  /** Lower-cased Entra action → level. */
  readonly entraActions: Map<string, number>;
  readonly azureRoles: EntraopsAzureRole[];
  /** `a:` or `d:` (action or data action) and the lower-cased operation → level. */
  readonly azureActions: Map<string, number>;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fail(source: string, where: string, what: string): never {
  throw new Error(`${source}: ${where}: ${what}`);
}

function jsonArray(source: SourceFile): Record<string, unknown>[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(source.text);
  } catch (e) {
    fail(source.file, 'not JSON', (e as Error).message);
  }
  if (!Array.isArray(parsed)) fail(source.file, 'top level', 'expected a JSON array');
  return parsed.map((item, i) => {
    if (typeof item !== 'object' || item === null) fail(source.file, `[${i}]`, 'expected an object');
    return item as Record<string, unknown>;
  });
}

function guid(source: string, where: string, value: unknown): string {
  if (typeof value !== 'string' || !GUID.test(value)) fail(source, where, `expected a GUID, got ${JSON.stringify(value)}`);
  return value.toLowerCase();
}

function nonEmpty(source: string, where: string, value: unknown): string {
  if (typeof value !== 'string' || !value.trim()) fail(source, where, 'expected a non-empty string');
  return value;
}

/** "0", "1", "2" → a level; "Unclassified" (and nothing) → undefined; anything else is refused. */
function level(source: string, where: string, value: unknown): number | undefined {
  if (value === undefined || value === null || value === 'Unclassified') return undefined;
  if (value === '0' || value === '1' || value === '2') return Number(value);
  fail(source, where, `expected "0", "1", "2" or "Unclassified", got ${JSON.stringify(value)}`);
}

export function parseProvenance(source: SourceFile): EntraopsProvenance {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(source.text);
  } catch (e) {
    fail(source.file, 'not JSON', (e as Error).message);
  }
  return {
    repository: nonEmpty(source.file, 'repository', parsed.repository),
    commit: nonEmpty(source.file, 'commit', parsed.commit),
    licence: nonEmpty(source.file, 'licence', parsed.licence),
    licenceFile: nonEmpty(source.file, 'licenceFile', parsed.licenceFile),
  };
}

/** Classification_MsGraphAppRoles.json: one entry per application permission. */
export function parseGraphAppRoles(source: SourceFile): GraphAppRoleSource[] {
  const seen = new Map<string, string>();
  return jsonArray(source).map((entry, i) => {
    const where = `[${i}]`;
    const name = nonEmpty(source.file, `${where}.AppRoleDisplayName`, entry.AppRoleDisplayName);
    const appRoleId = guid(source.file, `${where}.AppRoleId`, entry.AppRoleId);
    const tier = level(source.file, `${where}.EAMTierLevelTagValue`, entry.EAMTierLevelTagValue);
    if (tier === undefined) fail(source.file, `${where}.EAMTierLevelTagValue`, `"${name}" has no tier`);
    for (const key of [appRoleId, name.toLowerCase()]) {
      const other = seen.get(key);
      if (other) fail(source.file, where, `"${name}" (${appRoleId}) repeats ${other}`);
      seen.set(key, `"${name}" (${appRoleId})`);
    }
    return {
      appId: guid(source.file, `${where}.AppId`, entry.AppId),
      appRoleId,
      name,
      category: typeof entry.Category === 'string' ? entry.Category : '',
      level: tier,
    };
  });
}

interface ClassifiedAction {
  readonly key: string;
  readonly level?: number;
}

function classifiedActions(
  source: string,
  where: string,
  value: unknown,
  keyOf: (entry: Record<string, unknown>, at: string) => string | undefined,
): ClassifiedAction[] {
  if (!Array.isArray(value)) fail(source, where, 'expected an array');
  return value.flatMap((entry: Record<string, unknown>, i) => {
    const at = `${where}[${i}]`;
    if (typeof entry !== 'object' || entry === null) fail(source, at, 'expected an object');
    const key = keyOf(entry, at);
    // entraops writes one null action, Unclassified, for roles that list none (Device Join).
    return key === undefined ? [] : [{ key, level: level(source, `${at}.EAMTierLevelTagValue`, entry.EAMTierLevelTagValue) }];
  });
}

/** Adds an action's level to the table; the same action classified twice must agree. */
function addLevel(source: string, where: string, table: Map<string, number>, action: ClassifiedAction): void {
  if (action.level === undefined) return;
  const known = table.get(action.key);
  if (known !== undefined && known !== action.level) {
    fail(source, where, `${action.key} is classified both ${known} and ${action.level}`);
  }
  table.set(action.key, action.level);
}

/** Classification_EntraIdDirectoryRoles.json: every Entra role, with a tier for each of its actions. */
export function parseEntraopsEntraRoles(entra: SourceFile): Pick<EntraopsClassification, 'entraRoles' | 'entraActions'> {
  const entraActions = new Map<string, number>();
  const entraRoles = jsonArray(entra).map((role, i): EntraopsEntraRole => {
    const where = `[${i}]`;
    const actions = classifiedActions(entra.file, `${where}.RolePermissions`, role.RolePermissions, (entry) =>
      entry.AuthorizedResourceAction === null ? undefined : nonEmpty(entra.file, `${where}.RolePermissions`, entry.AuthorizedResourceAction),
    );
    actions.forEach((a) => addLevel(entra.file, where, entraActions, { key: a.key.toLowerCase(), level: a.level }));
    const inherits = role.InheritsPermissionsFrom ?? [];
    if (!Array.isArray(inherits)) fail(entra.file, `${where}.InheritsPermissionsFrom`, 'expected an array of template IDs');
    const classification = role.Classification as Record<string, unknown> | undefined;
    return {
      templateId: guid(entra.file, `${where}.RoleId`, role.RoleId),
      name: nonEmpty(entra.file, `${where}.RoleName`, role.RoleName),
      isPrivileged: role.isPrivileged === true,
      inheritsFrom: inherits.map((id, j) => guid(entra.file, `${where}.InheritsPermissionsFrom[${j}]`, id)),
      actions: [...new Set(actions.map((a) => a.key))],
      level: level(entra.file, `${where}.Classification`, classification?.EAMTierLevelTagValue),
    };
  });
  return { entraRoles, entraActions };
}

/** Classification_AzureResources.json: every Azure built-in role, with a tier for each of its operations. */
export function parseEntraopsAzureRoles(azure: SourceFile): Pick<EntraopsClassification, 'azureRoles' | 'azureActions'> {
  const azureActions = new Map<string, number>();
  const azureRoles = jsonArray(azure).map((role, i): EntraopsAzureRole => {
    const where = `[${i}]`;
    const actions = classifiedActions(azure.file, `${where}.RolePermissions`, role.RolePermissions, (entry, at) => {
      const plane = entry.ActionType === 'DataAction' ? 'd' : entry.ActionType === 'Action' ? 'a' : fail(azure.file, `${at}.ActionType`, 'expected Action or DataAction');
      return `${plane}:${nonEmpty(azure.file, `${at}.AuthorizedResourceAction`, entry.AuthorizedResourceAction).toLowerCase()}`;
    });
    actions.forEach((a) => addLevel(azure.file, where, azureActions, a));
    const classification = role.Classification as Record<string, unknown> | null | undefined;
    return {
      guid: guid(azure.file, `${where}.RoleId`, role.RoleId),
      name: nonEmpty(azure.file, `${where}.RoleName`, role.RoleName),
      level: level(azure.file, `${where}.Classification`, classification?.EAMTierLevelTagValue),
    };
  });
  return { azureRoles, azureActions };
}

/**
 * The comment every file generated from entraops starts with: which files, from where, at which
 * commit, and the MIT licence in full (its condition: the notice goes with every copy).
 */
export function entraopsNotice(sources: SourceFile[], provenance: EntraopsProvenance, licence: SourceFile): string {
  return [
    ...generatedHeaderLines(sources),
    '/*',
    ` * The privilege tiers are facts from ${provenance.repository} at commit ${provenance.commit}`,
    ` * (entraops classification), under the ${provenance.licence} licence (${provenance.licenceFile}):`,
    ' *',
    ...licence.text.trimEnd().split('\n').map((line) => ` * ${line}`.trimEnd()),
    ' */',
    '',
  ].join('\n');
}
