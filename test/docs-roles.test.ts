import { readFileSync } from 'fs';
import * as path from 'path';
import { CATALOG_SECTIONS, renderCommittedRoleReference, ROLE_REFERENCE_PAGE } from '../scripts/render-role-reference';
import { BuiltInRole, DirectoryRole, EntraRoleCatalog, GraphPermission, RoleCatalog } from '../src';

const ROOT = path.resolve(__dirname, '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const page = read(ROLE_REFERENCE_PAGE);
/** The rows of the section with this anchor. */
const rows = (anchor: string) => {
  const start = page.indexOf(`<a id="${anchor}"></a>`);
  const end = page.indexOf('\n## ', start);
  return page.slice(start, end).split('\n').filter((line) => line.startsWith('| `'));
};

describe('docs/roles.md', () => {
  test('is exactly what scripts/render-role-reference.ts makes of the catalogs (npm run docs:roles writes it)', () => {
    expect(page).toBe(renderCommittedRoleReference(ROOT));
  });

  test('has one row per catalog entry, each naming the constant that holds it', () => {
    const [azure, entra, graph] = CATALOG_SECTIONS.map((s) => rows(s.anchor));
    expect(azure).toHaveLength(RoleCatalog.builtIn().roles.length);
    expect(entra).toHaveLength(EntraRoleCatalog.builtIn().roles.length);
    expect(graph).toHaveLength(GraphPermission.all().length);
    expect(azure.length).toBeGreaterThan(900);
    expect(azure).toContain(`| \`BuiltInRole.KEY_VAULT_SECRETS_USER\` | Key Vault Secrets User | \`${BuiltInRole.KEY_VAULT_SECRETS_USER.guid}\` | data | 1 (ManagementPlane) | no |`);
    expect(azure).toContain(`| \`BuiltInRole.OWNER\` | Owner | \`${BuiltInRole.OWNER.guid}\` | control | 0 (ControlPlane) | yes |`);
    expect(entra).toContain(`| \`DirectoryRole.GLOBAL_ADMINISTRATOR\` | Global Administrator | \`${DirectoryRole.GLOBAL_ADMINISTRATOR.templateId}\` | yes | 0 (ControlPlane) |`);
    expect(graph.find((r) => r.startsWith('| `GraphPermission.USER_READ_ALL` | User.Read.All | `df021288-bdef-4463-88db-98f22de89214` |'))).toBeDefined();
  });

  test('carries the entraops licence notice beside the tiers it reproduces', () => {
    const licence = read('data/entraops/LICENSE').trimEnd();
    expect(page).toContain('## Licence of the tiers');
    expect(page).toContain(licence);
    expect(page).toContain('Cloud-Architekt/AzurePrivilegedIAM at commit');
  });

});
