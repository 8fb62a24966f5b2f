/**
 * Writes docs/roles.md: every constant of the built-in catalogs (`BuiltInRole`, `DirectoryRole`,
 * `GraphPermission`) as a table, read from the classes themselves, so the page lists what the
 * code holds. API.md leaves these constants out (scripts/docgen.ts points here instead): 1,782
 * constants were two thirds of it. A test fails while the committed page differs:
 *
 *   npm run docs:roles
 */
import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { parseProvenance, SourceFile } from './role-catalog/entraops';
import { AppPermission } from '../src/roles/app-permission';
import { BuiltInRole } from '../src/roles/built-in-role.generated';
import { DirectoryRole } from '../src/roles/directory-role.generated';
import { EntraRole } from '../src/roles/entra-role';
import { EntraRoleCatalog } from '../src/roles/entra-role-catalog';
import { GraphPermissionCatalog } from '../src/roles/graph-permission-catalog';
import { GraphPermission } from '../src/roles/graph-permission.generated';
import { PrivilegeTier, tierLevel } from '../src/roles/privilege-tier';
import { Role } from '../src/roles/role';
import { RoleCatalog } from '../src/roles/role-catalog';

/** The page, relative to the repository root (API.md links to it from there). */
export const ROLE_REFERENCE_PAGE = 'docs/roles.md';

/** A catalog class whose constants API.md leaves out, and the section of the page that lists them. */
export interface CatalogSection {
  /** The class, as jsii names it (`BuiltInRole`). */
  readonly className: string;
  /** The section's heading. */
  readonly title: string;
  /** The section's anchor on the page. */
  readonly anchor: string;
}

export const CATALOG_SECTIONS: readonly CatalogSection[] = [
  { className: 'BuiltInRole', title: 'Azure built-in roles', anchor: 'azure-built-in-roles' },
  { className: 'DirectoryRole', title: 'Microsoft Entra directory roles', anchor: 'microsoft-entra-directory-roles' },
  { className: 'GraphPermission', title: 'Microsoft Graph application permissions', anchor: 'microsoft-graph-application-permissions' },
];

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

function tier(value: PrivilegeTier): string {
  return `${tierLevel(value)} (${value})`;
}

/**
 * The constant that names each catalog entry, by the entry itself: the static fields of the class.
 * An entry without one is an error, since the page promises a constant for each.
 */
function constants<T extends object>(owner: object, className: string, entries: readonly T[], key: (entry: T) => string): Map<T, string> {
  const names = new Map<T, string>();
  for (const [name, value] of Object.entries(owner)) {
    if (entries.includes(value as T)) names.set(value as T, `${className}.${name}`);
  }
  const missing = entries.filter((e) => !names.has(e)).map(key);
  if (missing.length) throw new Error(`${className} has no constant for ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`);
  return names;
}

function heading(section: CatalogSection, count: number): string[] {
  return [`## ${section.title} (${count}) <a id="${section.anchor}"></a>`, ''];
}

function azureRoles(section: CatalogSection): string[] {
  const roles = RoleCatalog.builtIn().roles;
  const names = constants<Role>(BuiltInRole, section.className, roles, (r) => r.name);
  return [
    ...heading(section, roles.length),
    'Plane: `control` for Azure Resource Manager operations, `data` for what lives inside a resource, both, or none.',
    '"Grants access" is `canGrantAccess`: the role can write role assignments, so its holder can give anyone any role at the scope.',
    '',
    '| constant | role | GUID | plane | tier | grants access |',
    '| --- | --- | --- | --- | --- | --- |',
    ...roles.map((r) => `| \`${names.get(r)}\` | ${cell(r.name)} | \`${r.guid}\` | ${r.plane} | ${tier(r.tier)} | ${r.canGrantAccess ? 'yes' : 'no'} |`),
    '',
  ];
}

function entraRoles(section: CatalogSection): string[] {
  const roles = EntraRoleCatalog.builtIn().roles;
  const names = constants<EntraRole>(DirectoryRole, section.className, roles, (r) => r.name);
  return [
    ...heading(section, roles.length),
    '"Privileged" is Microsoft\'s own flag for roles that can lead to tenant-wide compromise.',
    '',
    '| constant | role | template ID | privileged | tier |',
    '| --- | --- | --- | --- | --- |',
    ...roles.map((r) => `| \`${names.get(r)}\` | ${cell(r.name)} | \`${r.templateId}\` | ${r.isPrivileged ? 'yes' : 'no'} | ${tier(r.tier)} |`),
    '',
  ];
}

function graphPermissions(section: CatalogSection): string[] {
  const permissions = GraphPermissionCatalog.builtIn().permissions;
  const names = constants<AppPermission>(GraphPermission, section.className, permissions, (p) => p.name);
  return [
    ...heading(section, permissions.length),
    'Grant one with `identity.grantAppPermission(GraphPermission.USER_READ_ALL)`. The category is the entraops one.',
    '',
    '| constant | permission | app role ID | tier | category |',
    '| --- | --- | --- | --- | --- |',
    ...permissions.map((p) => `| \`${names.get(p)}\` | ${cell(p.name)} | \`${p.appRoleId}\` | ${tier(p.tier)} | ${cell(p.category)} |`),
    '',
  ];
}

/**
 * The page. The tiers are facts from the entraops classification, so its licence notice goes on
 * the page with them, as it does on every generated source file that carries them.
 */
export function renderRoleReference(provenanceSource: SourceFile, licence: SourceFile): string {
  const provenance = parseProvenance(provenanceSource);
  const [azure, entra, graph] = CATALOG_SECTIONS;
  return [
    '<!-- Generated by scripts/render-role-reference.ts from the catalogs in src/roles/*.generated.ts. Do not edit: run `npm run docs:roles`. -->',
    '# Built-in roles and permissions',
    '',
    'Every constant of the three built-in catalogs, with the facts the review judges it by. API.md documents the classes',
    '(`BuiltInRole.fromName()`, `DirectoryRole.fromTemplateId()`, `GraphPermission.all()`, ...) and leaves the constants to this page.',
    'The tier is the Enterprise Access Model tier (`PrivilegeTier`): 0 (ControlPlane) can take over the tenant or the Azure estate,',
    '1 (ManagementPlane) manages workloads and their data, 2 (UserAccess) is day-to-day use.',
    'To regenerate the catalogs from your own tenant\'s export, see [data/README.md](../data/README.md).',
    '',
    ...CATALOG_SECTIONS.map((s) => `- [${s.title}](#${s.anchor})`),
    '- [Licence of the tiers](#licence-of-the-tiers)',
    '',
    ...azureRoles(azure),
    ...entraRoles(entra),
    ...graphPermissions(graph),
    '## Licence of the tiers <a id="licence-of-the-tiers"></a>',
    '',
    `The privilege tiers are facts from ${provenance.repository} at commit ${provenance.commit}`,
    `(entraops classification), under the ${provenance.licence} licence (${provenance.licenceFile}):`,
    '',
    '```text',
    licence.text.trimEnd(),
    '```',
    '',
  ].join('\n');
}

/** The page from the committed data/entraops provenance and licence. */
export function renderCommittedRoleReference(root: string): string {
  const source = (file: string): SourceFile => ({ file, text: readFileSync(path.join(root, file), 'utf8') });
  return renderRoleReference(source('data/entraops/source.json'), source('data/entraops/LICENSE'));
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..');
  writeFileSync(path.join(root, ROLE_REFERENCE_PAGE), renderCommittedRoleReference(root));
  console.log(`wrote ${ROLE_REFERENCE_PAGE}`);
}
