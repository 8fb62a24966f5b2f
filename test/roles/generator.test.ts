import { constantName } from '../../scripts/role-catalog/constant-name';
import { parseAzureRoleExport, renderAzureCatalog } from '../../scripts/role-catalog/render';

describe('constant names', () => {
  test.each([
    ['Key Vault Secrets User', 'KEY_VAULT_SECRETS_USER'],
    ['AcrPull', 'ACR_PULL'],
    ['Advisor Recommendations Contributor (Assessments and Reviews)', 'ADVISOR_RECOMMENDATIONS_CONTRIBUTOR_ASSESSMENTS_AND_REVIEWS'],
    ['API Management Service Reader Role', 'API_MANAGEMENT_SERVICE_READER_ROLE'],
    ['3D Tiles Reader', 'ROLE_3_D_TILES_READER'],
  ])('%s → %s', (name, constant) => {
    expect(constantName(name)).toBe(constant);
  });
});

describe('a tenant export with custom roles', () => {
  const exported = JSON.stringify([
    {
      assignableScopes: ['/subscriptions/11111111-2222-3333-4444-555555555555'],
      description: 'Deploys the ordering app',
      id: '/subscriptions/11111111-2222-3333-4444-555555555555/providers/Microsoft.Authorization/roleDefinitions/0a0a0a0a-0000-4000-8000-000000000001',
      name: '0a0a0a0a-0000-4000-8000-000000000001',
      permissions: [{ actions: ['Microsoft.Web/sites/*'], notActions: [], dataActions: [], notDataActions: [], condition: null, conditionVersion: null }],
      roleName: 'Ordering Deployer',
      roleType: 'CustomRole',
      type: 'Microsoft.Authorization/roleDefinitions',
    },
    {
      assignableScopes: ['/'],
      description: 'View all resources',
      name: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
      permissions: [{ actions: ['*/read'], notActions: [], dataActions: [], notDataActions: [] }],
      roleName: 'Reader',
      roleType: 'BuiltInRole',
    },
  ]);

  test('keeps custom roles in the catalog data, and only built-ins as constants', () => {
    const [data, constants] = renderAzureCatalog('tenant.json', exported);
    expect(data.content).toContain('"name":"Ordering Deployer"');
    expect(data.content).toContain('"builtIn":false');
    expect(constants.content).toContain('public static readonly READER: Role');
    expect(constants.content).not.toContain('ORDERING_DEPLOYER');
  });

  test('output does not depend on the order of the export', () => {
    const reversed = JSON.stringify(JSON.parse(exported).reverse());
    const strip = (text: string) => text.replace(/sha256 [0-9a-f]+/, '');
    expect(renderAzureCatalog('t.json', reversed).map((f) => strip(f.content))).toEqual(
      renderAzureCatalog('t.json', exported).map((f) => strip(f.content)),
    );
  });
});

describe('a bad export is refused with the file and the place', () => {
  test.each([
    ['not json', /t\.json: not JSON/],
    ['{"value": []}', /t\.json: top level: expected the JSON array/],
    ['[{"name": "x", "roleName": "R", "permissions": []}]', /t\.json: \[0\]\.name: expected the role GUID, got "x"/],
    ['[{"name": "0a0a0a0a-0000-4000-8000-000000000001", "roleName": "R", "permissions": [{"actions": "*"}]}]', /\[0\]\.permissions\[0\]\.actions: expected an array of strings/],
    [
      '[{"name": "0a0a0a0a-0000-4000-8000-000000000001", "roleName": "R", "permissions": []}, {"name": "0a0a0a0a-0000-4000-8000-000000000002", "roleName": "r", "permissions": []}]',
      /\[1\]: "r" repeats "R"/,
    ],
  ])('%s', (text, message) => {
    expect(() => parseAzureRoleExport('t.json', text)).toThrow(message);
  });
});
