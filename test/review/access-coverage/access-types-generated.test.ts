import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { ACCESS_TYPES_DATA, ACCESS_TYPES_MODULE, renderAccessTypesModule } from '../../../scripts/render-access-types';
import { ACCESS_RESOURCE_TYPES } from '../../../src/review/graph/access-resource-types.generated';
import { READ_ACCESS_TYPES } from '../../../src/review/graph/read-access-types';

const ROOT = path.resolve(__dirname, '../../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/**
 * Every resource type a provider package's generated classes name, with its config's text (data
 * sources left out: their folders are `data-<provider>-...`; `data-factory` is a resource).
 */
function providerResourceConfigs(pkg: string): Map<string, string> {
  const lib = path.join(ROOT, 'node_modules', pkg, 'lib');
  const provider = pkg.replace('@cdktf/provider-', '');
  const types = new Map<string, string>();
  for (const dir of readdirSync(lib)) {
    if (dir.startsWith(`data-${provider}-`) || dir === 'provider' || dir === 'lazy-index') continue;
    let text: string;
    try {
      text = readFileSync(path.join(lib, dir, 'index.d.ts'), 'utf8');
    } catch {
      continue;
    }
    const match = /static readonly tfResourceType = "([a-z0-9_]+)"/.exec(text);
    if (match) types.set(match[1], text);
  }
  return types;
}

function providerResourceTypes(pkg: string): Set<string> {
  return new Set(providerResourceConfigs(pkg).keys());
}

/**
 * CI providers whose packages are not installed here: their types as the registry documentation
 * of integrations/github 6.x and microsoft/azuredevops 1.x names them.
 */
const CI_TYPES_FROM_REGISTRY_DOCS = [
  'github_actions_secret', 'github_actions_environment_secret', 'github_actions_organization_secret',
  'github_actions_variable', 'github_actions_environment_variable', 'github_actions_organization_variable',
  'azuredevops_variable_group', 'azuredevops_serviceendpoint_azurerm',
];

describe('the reviewed list of access resource types', () => {
  test('lists every azurerm resource whose schema has an identity block (whoever runs code on it acts as its identities)', () => {
    // `readonly identity?: DataFactoryIdentity;` in the resource's config: a block, not an identity's name in a string.
    const withIdentity = [...providerResourceConfigs('@cdktf/provider-azurerm')]
      .filter(([, text]) => /readonly identity\??: (?:cdktf\.IResolvable \| )?[A-Z][A-Za-z0-9]*Identity\b/.test(text)).map(([type]) => type);
    expect(withIdentity.length).toBeGreaterThan(130);
    expect(withIdentity).toEqual(expect.arrayContaining(['azurerm_data_factory', 'azurerm_data_protection_backup_vault', 'azurerm_data_share_account']));
    const listed = new Set(ACCESS_RESOURCE_TYPES.filter((e) => e.via === 'block:identity').map((e) => e.type));
    expect(withIdentity.filter((type) => !listed.has(type))).toEqual([]);
  });

  test('the committed module is what the data makes', () => {
    const expected = renderAccessTypesModule(read(ACCESS_TYPES_DATA));
    expect(read(ACCESS_TYPES_MODULE)).toEqual(expected);
  });

  test('names only resource types the providers have, each with a reason', () => {
    const azurerm = providerResourceTypes('@cdktf/provider-azurerm');
    const azuread = providerResourceTypes('@cdktf/provider-azuread');
    expect(azurerm.size).toBeGreaterThan(1000);
    expect(azuread.size).toBeGreaterThan(50);
    const unknown = ACCESS_RESOURCE_TYPES.filter((e) =>
      (e.type.startsWith('azurerm_') && !azurerm.has(e.type)) || (e.type.startsWith('azuread_') && !azuread.has(e.type))
      || (/^(github|azuredevops)_/.test(e.type) && !CI_TYPES_FROM_REGISTRY_DOCS.includes(e.type))
      || !/^(azurerm_|azuread_|azapi_(update_)?resource$|github_|azuredevops_)/.test(e.type));
    expect(unknown).toEqual([]);
    for (const e of ACCESS_RESOURCE_TYPES) {
      expect(e.reason.length).toBeGreaterThan(10);
      expect(e.via).toMatch(/^(resource|(block|attribute):[a-z_]+|body:[A-Za-z]+)$/);
      // A property of the ARM body is an azapi resource's only.
      if (e.via.startsWith('body:')) expect(e.type).toMatch(/^azapi_/);
      if (e.type.startsWith('azapi_') && e.via === 'resource') expect(e.armType).toMatch(/^Microsoft\.[A-Za-z]+\/[A-Za-z/]+$/);
    }
  });

  test('every type the graph reads is on the list: what is read and what carries access are one vocabulary', () => {
    const listed = new Set(ACCESS_RESOURCE_TYPES.map((e) => `${e.type}|${e.armType ?? ''}|${e.via}`));
    const missing = READ_ACCESS_TYPES.filter((r) => !listed.has(`${r.type}|${r.armType ?? ''}|${r.via}`));
    expect(READ_ACCESS_TYPES.length).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });
});
