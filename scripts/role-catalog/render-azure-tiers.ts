/**
 * The privilege tier of Azure roles, from data/entraops/azure-roles.json:
 * src/roles/azure-role-tiers.generated.ts (every built-in role of the export, by GUID) and
 * src/roles/azure-action-tiers.generated.ts (every classified operation, which custom roles are
 * judged by at run time; loaded only then, so importing the library stays cheap).
 */
import { entraopsNotice, EntraopsProvenance, parseEntraopsAzureRoles, SourceFile } from './entraops';
import { GeneratedFile, parseAzureRoleExport } from './render';
import { azureActionKeys, tierOfActions } from '../../src/roles/tier-of-actions';

export function renderAzureTiers(
  azureExport: SourceFile,
  entraopsAzure: SourceFile,
  provenance: EntraopsProvenance,
  licence: SourceFile,
): GeneratedFile[] {
  const { azureActions, azureRoles } = parseEntraopsAzureRoles(entraopsAzure);
  const roleLevels = new Map(azureRoles.filter((r) => r.level !== undefined).map((r) => [r.guid, r.level!]));
  const builtIns = parseAzureRoleExport(azureExport.file, azureExport.text).filter((r) => r.builtIn);
  const tiers = builtIns.map((record) => {
    const own = roleLevels.get(record.guid);
    const { level, unclassified } = tierOfActions(azureActionKeys(record.permissions), (k) => azureActions.get(k), own === undefined ? [] : [own]);
    return { record, level, unclassified };
  });
  const byRole = [
    entraopsNotice([azureExport, entraopsAzure], provenance, licence),
    '/**',
    ` * The privilege tier level (0 ControlPlane, 1 ManagementPlane, 2 UserAccess) of every built-in role (${tiers.length}),`,
    ' * by GUID: the widest of its operations\' tiers and of the tier entraops gives the role itself. An',
    ' * operation entraops does not classify, or a role with none, counts as 0 (unknown is the wider case).',
    ' */',
    'export const BUILT_IN_ROLE_TIERS: Record<string, number> = {',
    ...tiers.map((t) => `  ${JSON.stringify(t.record.guid)}: ${t.level}, // ${t.record.name.replace(/\s+/g, ' ')}${t.unclassified.length ? ` (unclassified: ${t.unclassified.length})` : ''}`),
    '};',
    '',
  ].join('\n');
  const keys = [...azureActions.keys()].sort();
  const table = [
    entraopsNotice([entraopsAzure], provenance, licence),
    '/**',
    ` * The tier level of every Azure operation entraops classifies (${keys.length}): \`a:\` control-plane actions,`,
    ' * `d:` data actions, lower-cased, spelt as the roles spell them (wildcards included). Custom roles',
    ' * are judged by it; an operation not listed counts as tier 0.',
    ' */',
    'export const AZURE_ACTION_TIERS: Record<string, number> = {',
    ...keys.map((k) => `  ${JSON.stringify(k)}: ${azureActions.get(k)},`),
    '};',
    '',
  ].join('\n');
  return [
    { path: 'src/roles/azure-role-tiers.generated.ts', content: byRole },
    { path: 'src/roles/azure-action-tiers.generated.ts', content: table },
  ];
}
