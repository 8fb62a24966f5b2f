import { readFileSync } from 'fs';
import * as path from 'path';
import { parseEntraopsAzureRoles, parseEntraopsEntraRoles, parseGraphAppRoles, parseProvenance } from '../../scripts/role-catalog/entraops';
import { renderAzureTiers } from '../../scripts/role-catalog/render-azure-tiers';
import { renderEntraActionTiers } from '../../scripts/role-catalog/render-entra-tiers';
import { renderGraphPermissions } from '../../scripts/role-catalog/render-graph-permissions';
import { AppPermission, BuiltInRole, DirectoryRole, EntraRoleCatalog, GraphPermission, PrivilegeTier, Role, RoleCatalog } from '../../src';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const source = (file: string) => ({ file, text: read(file) });
const provenance = parseProvenance(source('data/entraops/source.json'));
const licence = source('data/entraops/LICENSE');

interface GraphAppRole {
  AppRoleId: string;
  AppRoleDisplayName: string;
  EAMTierLevelName: string;
}

describe('the committed entraops catalogs', () => {
  test('are exactly what the generator makes from data/entraops/graph-app-roles.json', () => {
    for (const file of renderGraphPermissions(source('data/entraops/graph-app-roles.json'), provenance, licence)) {
      expect({ path: file.path, content: read(file.path) }).toEqual(file);
    }
  });

  test('are exactly what the generator makes from data/azure-builtin-roles.json and data/entraops/azure-roles.json', () => {
    for (const file of renderAzureTiers(source('data/azure-builtin-roles.json'), source('data/entraops/azure-roles.json'), provenance, licence)) {
      expect({ path: file.path, content: read(file.path) }).toEqual(file);
    }
  });

  test('are exactly what the generator makes from data/entraops/entra-directory-roles.json (Entra action tiers)', () => {
    const files = renderEntraActionTiers(source('data/entraops/entra-directory-roles.json'), provenance, licence);
    expect(files.map((f) => f.path)).toEqual(['src/roles/entra-action-tiers.generated.ts']);
    for (const file of files) expect({ path: file.path, content: read(file.path) }).toEqual(file);
  });

  test('carry the source, the commit and the MIT licence notice in full, and the licence sits beside the data', () => {
    const notice = read('data/entraops/LICENSE');
    expect(notice).toMatch(/^MIT License/);
    for (const file of [
      'src/roles/graph-permission.generated.ts',
      'src/roles/graph-permissions.generated.ts',
      'src/roles/azure-role-tiers.generated.ts',
      'src/roles/azure-action-tiers.generated.ts',
      'src/roles/entra-action-tiers.generated.ts',
      'src/roles/entra-roles.generated.ts',
      'src/roles/directory-role.generated.ts',
    ]) {
      const text = read(file);
      expect(text).toContain('Cloud-Architekt/AzurePrivilegedIAM at commit f14538fd3a19497fa30f980d35e3456a202d01d4');
      expect(text).toContain(' * Copyright (c) 2024 Thomas Naunheim');
      expect(text).toContain(' * The above copyright notice and this permission notice shall be included in all');
    }
  });
});

describe('Microsoft Graph application permissions', () => {
  const exported: GraphAppRole[] = JSON.parse(read('data/entraops/graph-app-roles.json'));

  test('every permission of the data, under its name and its app role ID, with its tier', () => {
    expect(GraphPermission.all()).toHaveLength(709);
    for (const entry of exported) {
      const permission = GraphPermission.fromAppRoleId(entry.AppRoleId);
      expect(permission.name).toBe(entry.AppRoleDisplayName);
      expect(permission.tier).toBe(entry.EAMTierLevelName);
      expect(GraphPermission.fromName(entry.AppRoleDisplayName)).toBe(permission);
    }
    const count = (tier: PrivilegeTier) => GraphPermission.all().filter((p) => p.tier === tier).length;
    expect([count(PrivilegeTier.CONTROL_PLANE), count(PrivilegeTier.MANAGEMENT_PLANE), count(PrivilegeTier.USER_ACCESS)]).toEqual([209, 456, 44]);
  });

  test('User.Read.All and RoleManagement.ReadWrite.Directory', () => {
    expect(GraphPermission.USER_READ_ALL.name).toBe('User.Read.All');
    expect(GraphPermission.USER_READ_ALL.appRoleId).toBe('df021288-bdef-4463-88db-98f22de89214');
    expect(GraphPermission.USER_READ_ALL.tier).toBe(PrivilegeTier.USER_ACCESS);
    expect(GraphPermission.USER_READ_ALL.isMicrosoftGraph).toBe(true);
    expect(GraphPermission.USER_READ_ALL.resourceAppId).toBe('00000003-0000-0000-c000-000000000000');
    const roleManagement = GraphPermission.ROLE_MANAGEMENT_READ_WRITE_DIRECTORY;
    expect(roleManagement.appRoleId).toBe('9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8');
    expect(roleManagement.tier).toBe(PrivilegeTier.CONTROL_PLANE);
    expect(GraphPermission.fromName('rolemanagement.readwrite.directory')).toBe(roleManagement);
    expect(GraphPermission.fromAppRoleId('9E3F62CF-CA93-4989-B6CE-BF83C28F9FE8')).toBe(roleManagement);
  });

  test('an unknown name suggests the closest, an unknown ID says where it looked', () => {
    expect(() => GraphPermission.fromName('User.Read.Al')).toThrow(/Did you mean .*"User\.Read\.All"\?/);
    expect(() => GraphPermission.fromAppRoleId('0a0a0a0a-0000-4000-8000-000000000001')).toThrow(/among the 709 of data\/entraops\/graph-app-roles\.json/);
  });

  test('another API\'s permission is tier 0 unless its tier is given, and needs GUIDs', () => {
    const api = { resourceObjectId: 'AAAAAAAA-0000-1111-2222-BBBBBBBBBBBB', appRoleId: '0a0a0a0a-0000-4000-8000-000000000001' };
    const unknown = AppPermission.forApi(api);
    expect(unknown.tier).toBe(PrivilegeTier.CONTROL_PLANE);
    expect(unknown.name).toBe(api.appRoleId);
    expect(unknown.resourceObjectId).toBe('aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb');
    expect(unknown.isMicrosoftGraph).toBe(false);
    expect(AppPermission.forApi({ ...api, name: 'Orders.Read', tier: PrivilegeTier.USER_ACCESS }).tier).toBe(PrivilegeTier.USER_ACCESS);
    expect(() => AppPermission.forApi({ ...api, resourceObjectId: 'api://orders' })).toThrow(/resourceObjectId "api:\/\/orders" is not a GUID/);
    expect(() => AppPermission.forApi({ ...api, name: ' ' })).toThrow(/name is empty/);
  });
});

describe('Entra role tiers', () => {
  const { entraRoles } = parseEntraopsEntraRoles(source('data/entraops/entra-directory-roles.json'));

  test('the catalog holds the 145 roles entraops lists, the two newer ones included', () => {
    const catalog = EntraRoleCatalog.builtIn();
    expect(catalog.roles).toHaveLength(145);
    for (const role of entraRoles) expect(catalog.fromTemplateId(role.templateId).name).toBe(role.name);
    const lockbox = DirectoryRole.ENTRA_CUSTOMER_LOCKBOX_APPROVER;
    expect(lockbox.templateId).toBe('d35481f7-cda1-4fa2-8344-5a21f7f3724d');
    expect(lockbox.allowedActions).toEqual(['microsoft.directory/lockbox/requests/update']);
    expect(lockbox.description).toBe('');
    expect(lockbox.tier).toBe(PrivilegeTier.CONTROL_PLANE);
    expect(DirectoryRole.ENTRA_SOC_IDENTITY_RESPONDER.templateId).toBe('58f930cc-fcf4-4152-852c-1d7dbf502139');
    expect(DirectoryRole.ENTRA_SOC_IDENTITY_RESPONDER.inheritsFrom).toEqual(['88d8e3e3-8f55-4a1e-953a-9b9898b8876b']);
  });

  test.each([
    ['GLOBAL_ADMINISTRATOR', PrivilegeTier.CONTROL_PLANE],
    ['PRIVILEGED_ROLE_ADMINISTRATOR', PrivilegeTier.CONTROL_PLANE],
    ['APPLICATION_ADMINISTRATOR', PrivilegeTier.CONTROL_PLANE],
    ['DIRECTORY_READERS', PrivilegeTier.MANAGEMENT_PLANE],
    // Its own actions are tier 2, but it inherits Directory Readers' (tier 1) as Graph says.
    ['TENANT_CREATOR', PrivilegeTier.MANAGEMENT_PLANE],
    // entraops classifies the role itself as tier 0 though its actions are tier 1.
    ['DIRECTORY_SYNCHRONIZATION_ACCOUNTS', PrivilegeTier.CONTROL_PLANE],
  ])('%s is %s', (constant, tier) => {
    expect((DirectoryRole as unknown as Record<string, { tier: PrivilegeTier }>)[constant].tier).toBe(tier);
  });

  test('an action the classification does not list counts as tier 0, and is named', () => {
    // Graph lists self-service actions of User under a $ResourceIsSelf condition that entraops leaves out.
    expect(DirectoryRole.USER.unclassifiedActions).toContain('microsoft.directory/users/changePassword');
    expect(DirectoryRole.USER.tier).toBe(PrivilegeTier.CONTROL_PLANE);
    // A role with no action at all is unknown too.
    expect(DirectoryRole.DEVICE_JOIN.allowedActions).toEqual([]);
    expect(DirectoryRole.DEVICE_JOIN.tier).toBe(PrivilegeTier.CONTROL_PLANE);
  });

  test('no role is narrower than the tier entraops gives the role itself', () => {
    const level = (tier: PrivilegeTier) => [PrivilegeTier.CONTROL_PLANE, PrivilegeTier.MANAGEMENT_PLANE, PrivilegeTier.USER_ACCESS].indexOf(tier);
    for (const role of entraRoles.filter((r) => r.level !== undefined)) {
      const ours = level(DirectoryRole.fromTemplateId(role.templateId).tier);
      expect({ role: role.name, widerOrSame: ours <= role.level! }).toEqual({ role: role.name, widerOrSame: true });
    }
  });
});

describe('Azure role tiers', () => {
  const { azureRoles } = parseEntraopsAzureRoles(source('data/entraops/azure-roles.json'));

  test.each([
    ['OWNER', PrivilegeTier.CONTROL_PLANE],
    ['CONTRIBUTOR', PrivilegeTier.CONTROL_PLANE],
    ['USER_ACCESS_ADMINISTRATOR', PrivilegeTier.CONTROL_PLANE],
    ['VIRTUAL_MACHINE_CONTRIBUTOR', PrivilegeTier.MANAGEMENT_PLANE],
    ['KEY_VAULT_SECRETS_USER', PrivilegeTier.MANAGEMENT_PLANE],
    ['READER', PrivilegeTier.USER_ACCESS],
  ])('%s is %s', (constant, tier) => {
    expect((BuiltInRole as unknown as Record<string, Role>)[constant].tier).toBe(tier);
  });

  test('every built-in role has the tier entraops gives it; the four it leaves unclassified (no actions) count as tier 0', () => {
    const byGuid = new Map(azureRoles.map((r) => [r.guid, r]));
    const unclassified: string[] = [];
    for (const role of RoleCatalog.builtIn().roles) {
      const classified = byGuid.get(role.guid)!;
      if (classified.level === undefined) {
        unclassified.push(role.name);
        expect(role.tier).toBe(PrivilegeTier.CONTROL_PLANE);
      } else {
        const expected = [PrivilegeTier.CONTROL_PLANE, PrivilegeTier.MANAGEMENT_PLANE, PrivilegeTier.USER_ACCESS][classified.level];
        expect({ role: role.name, tier: role.tier }).toEqual({ role: role.name, tier: expected });
      }
    }
    expect(unclassified).toHaveLength(4);
  });

  test('a custom role is judged by its operations; one the classification does not list counts as tier 0', () => {
    const custom = (actions: string[], dataActions: string[] = []) =>
      Role.custom({ guid: '0a0a0a0a-0000-4000-8000-000000000001', name: 'Custom', permissions: [{ actions, notActions: [], dataActions, notDataActions: [] }] }).tier;
    expect(custom(['*/read'])).toBe(PrivilegeTier.USER_ACCESS);
    expect(custom(['*/read'], ['Microsoft.KeyVault/vaults/secrets/getSecret/action'])).toBe(PrivilegeTier.MANAGEMENT_PLANE);
    expect(custom(['MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS/WRITE'])).toBe(PrivilegeTier.CONTROL_PLANE);
    expect(custom(['Contoso.Orders/orders/write'])).toBe(PrivilegeTier.CONTROL_PLANE);
    expect(custom([])).toBe(PrivilegeTier.CONTROL_PLANE);
  });
});

describe('a bad entraops file is refused with the file and the place', () => {
  test.each([
    ['[{"AppId":"00000003-0000-0000-c000-000000000000","AppRoleId":"x","AppRoleDisplayName":"A.Read","EAMTierLevelTagValue":"1"}]', /g\.json: \[0\]\.AppRoleId: expected a GUID/],
    ['[{"AppId":"00000003-0000-0000-c000-000000000000","AppRoleId":"0a0a0a0a-0000-4000-8000-000000000001","AppRoleDisplayName":"A.Read","EAMTierLevelTagValue":"3"}]', /\[0\]\.EAMTierLevelTagValue: expected "0", "1", "2" or "Unclassified", got "3"/],
    [
      '[{"AppId":"00000003-0000-0000-c000-000000000000","AppRoleId":"0a0a0a0a-0000-4000-8000-000000000001","AppRoleDisplayName":"A.Read","EAMTierLevelTagValue":"1"},' +
        '{"AppId":"00000003-0000-0000-c000-000000000000","AppRoleId":"0a0a0a0a-0000-4000-8000-000000000002","AppRoleDisplayName":"a.read","EAMTierLevelTagValue":"1"}]',
      /\[1\]: "a\.read" \(0a0a0a0a-0000-4000-8000-000000000002\) repeats "A\.Read"/,
    ],
  ])('%s', (text, message) => {
    expect(() => parseGraphAppRoles({ file: 'g.json', text })).toThrow(message);
  });

  test('an Azure operation classified twice with different tiers', () => {
    const role = (guid: string, tier: string) =>
      `{"RoleId":"${guid}","RoleName":"R${tier}","RolePermissions":[{"AuthorizedResourceAction":"Microsoft.Web/sites/write","ActionType":"Action","EAMTierLevelTagValue":"${tier}"}],"Classification":null}`;
    const text = `[${role('0a0a0a0a-0000-4000-8000-000000000001', '1')},${role('0a0a0a0a-0000-4000-8000-000000000002', '0')}]`;
    expect(() => parseEntraopsAzureRoles({ file: 'a.json', text })).toThrow(/a\.json: \[1\]: a:microsoft\.web\/sites\/write is classified both 1 and 0/);
  });
});
