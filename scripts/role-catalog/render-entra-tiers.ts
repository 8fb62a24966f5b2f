/**
 * The privilege tier of every Entra role action entraops classifies, from
 * data/entraops/entra-directory-roles.json: src/roles/entra-action-tiers.generated.ts, which
 * custom directory roles (`azuread_custom_directory_role`) are judged by at run time; loaded
 * only then, so importing the library stays cheap.
 */
import { entraopsNotice, EntraopsProvenance, parseEntraopsEntraRoles, SourceFile } from './entraops';
import { GeneratedFile } from './render';

export function renderEntraActionTiers(entraopsEntra: SourceFile, provenance: EntraopsProvenance, licence: SourceFile): GeneratedFile[] {
  const { entraActions } = parseEntraopsEntraRoles(entraopsEntra);
  const keys = [...entraActions.keys()].sort();
  const table = [
    entraopsNotice([entraopsEntra], provenance, licence),
    '/**',
    ` * The tier level of every Entra role action entraops classifies (${keys.length}), lower-cased`,
    ' * (`microsoft.directory/applications/credentials/update`). Custom directory roles are judged by',
    ' * it; an action not listed counts as tier 0.',
    ' */',
    'export const ENTRA_ACTION_TIERS: Record<string, number> = {',
    ...keys.map((k) => `  ${JSON.stringify(k)}: ${entraActions.get(k)},`),
    '};',
    '',
  ].join('\n');
  return [{ path: 'src/roles/entra-action-tiers.generated.ts', content: table }];
}
