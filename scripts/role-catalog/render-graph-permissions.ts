/**
 * Turns data/entraops/graph-app-roles.json into src/roles/graph-permissions.generated.ts (the
 * records) and src/roles/graph-permission.generated.ts (`GraphPermission`, one constant each).
 */
import { entraopsNotice, EntraopsProvenance, parseGraphAppRoles, SourceFile } from './entraops';
import { compareNames, constantsClassFile, docComment, uniqueConstants } from './generated-file';
import type { GeneratedFile } from './render';
import { GraphPermissionRecord } from '../../src/roles/graph-permission-record';
import { MICROSOFT_GRAPH_APP_ID } from '../../src/roles/microsoft-graph';
import { tierOfLevel } from '../../src/roles/privilege-tier';

export function renderGraphPermissions(source: SourceFile, provenance: EntraopsProvenance, licence: SourceFile): GeneratedFile[] {
  const entries = parseGraphAppRoles(source);
  const other = entries.find((e) => e.appId !== MICROSOFT_GRAPH_APP_ID);
  if (other) {
    throw new Error(`${source.file}: "${other.name}" belongs to app ${other.appId}; only Microsoft Graph's (${MICROSOFT_GRAPH_APP_ID}) are catalogued.`);
  }
  const records: GraphPermissionRecord[] = entries
    .map((e) => ({ appRoleId: e.appRoleId, name: e.name, category: e.category, tier: e.level }))
    .sort((a, b) => compareNames(a.name, b.name) || a.appRoleId.localeCompare(b.appRoleId));
  const header = entraopsNotice([source], provenance, licence);
  const data = [
    header,
    "import { GraphPermissionRecord } from './graph-permission-record';",
    '',
    '/** Where the permission catalog came from. */',
    `export const GRAPH_PERMISSION_SOURCE = ${JSON.stringify({ file: source.file, permissions: records.length })};`,
    '',
    '/** Every Microsoft Graph application permission, sorted by name: one a line, so a regenerated catalog diffs well. */',
    'export const GRAPH_PERMISSION_RECORDS: GraphPermissionRecord[] = [',
    ...records.map((r) => `  ${JSON.stringify(r)},`),
    '];',
    '',
  ].join('\n');

  const constants = uniqueConstants(records, (r) => r.name, source.file);
  const members = records.map((r, i) => [
    docComment([`${r.name}: tier ${r.tier} (${tierOfLevel(r.tier)})${r.category ? `, ${r.category}` : ''}.`, '', `App role ID \`${r.appRoleId}\`.`], '  '),
    `  public static readonly ${constants[i]}: AppPermission = GraphPermissionCatalog.builtIn().fromAppRoleId('${r.appRoleId}');`,
  ].join('\n'));
  const classFile = constantsClassFile({
    header,
    imports: ["import { AppPermission } from './app-permission';", "import { GraphPermissionCatalog } from './graph-permission-catalog';"],
    doc: docComment([
      `Microsoft Graph's application permissions (${records.length}, from ${source.file}), one constant each,`,
      'with the privilege tier the entraops classification gives them. Grant one to a workload with',
      '`identity.grantAppPermission(GraphPermission.USER_READ_ALL)`.',
    ], ''),
    name: 'GraphPermission',
    lookups: [
      [
        '  /** A permission by its exact name, ignoring case ("User.Read.All"); an unknown name suggests close ones. */',
        '  public static fromName(name: string): AppPermission {',
        '    return GraphPermissionCatalog.builtIn().fromName(name);',
        '  }',
      ].join('\n'),
      [
        '  /** A permission by its app role ID (the `app_role_id` of an `azuread_app_role_assignment`). */',
        '  public static fromAppRoleId(appRoleId: string): AppPermission {',
        '    return GraphPermissionCatalog.builtIn().fromAppRoleId(appRoleId);',
        '  }',
      ].join('\n'),
      [
        '  /** Every permission of the catalog, sorted by name. */',
        '  public static all(): AppPermission[] {',
        '    return [...GraphPermissionCatalog.builtIn().permissions];',
        '  }',
      ].join('\n'),
    ],
    members,
  });
  return [
    { path: 'src/roles/graph-permissions.generated.ts', content: data },
    { path: 'src/roles/graph-permission.generated.ts', content: classFile },
  ];
}
