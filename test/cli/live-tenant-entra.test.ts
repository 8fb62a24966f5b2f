import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { findingsOf } from './json-findings';
import { cli } from './run-cli';
import { parseAppRoleAssignments } from '../../src/review/audit/parse-app-role-assignments';
import { parseDirectoryRoleAssignments } from '../../src/review/audit/parse-directory-roles';
import { parseRoleAssignmentList } from '../../src/review/audit/parse-role-assignments';
import { tenantEdgesOf } from '../../src/review/audit/tenant-edges';
import { AccessGraph } from '../../src/review/graph/access-graph';
import { hclJson } from '../policy/rule-fixtures';

/**
 * The Entra half of the tenant as it is: the directory roles the tenant holds (Microsoft Graph's
 * roleManagement/directory/roleAssignments) are edges of reach beside the code's. The contractor
 * case, with the account's identity holding Privileged Role Administrator in the directory instead
 * of Owner at the subscription.
 */

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'tenant', 'contractor');
const MAIN = path.join(FIXTURE, 'main.tf');
const IDENTITIES = path.join(FIXTURE, 'identities.json');
const IDENTITY = 'dddddddd-1234-5678-9abc-eeeeeeeeeeee';
const PRIVILEGED_ROLE_ADMINISTRATOR = 'e8611ab8-c189-46e8-94e1-60213ab1f814';
const IN_TENANT = '(in the tenant, not in this code)';
const CONTRACTOR_ID = 'cccccccc-7777-8888-9999-dddddddddddd';

function files(roles: object[], live: object[] = []): { live: string; roles: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'azure-access-entra-tenant-'));
  const written = { live: path.join(dir, 'live.json'), roles: path.join(dir, 'directory-roles.json') };
  writeFileSync(written.live, JSON.stringify(live));
  writeFileSync(written.roles, JSON.stringify({ '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#roleManagement/directory/roleAssignments', 'value': roles }));
  return written;
}

/** A role assignment as Graph lists it, of `roleDefinitionId` to `principalId` at the tenant. */
const roleAssignment = (principalId: string, roleDefinitionId: string, n = 1) => ({
  id: `lAPpYvVpN0KRkAEhdxReE-${n}`,
  principalId,
  directoryScopeId: '/',
  roleDefinitionId,
});

describe('check on top of the tenant\'s directory roles', () => {
  test('the account\'s identity holds Privileged Role Administrator in the tenant: the contractor\'s grant reaches it, the tenant\'s steps marked', async () => {
    const exports = files([roleAssignment(IDENTITY, PRIVILEGED_ROLE_ADMINISTRATOR)]);
    const { code, stdout } = await cli(['check', '--format', 'json', '--live-assignments', exports.live, '--identities', IDENTITIES,
      '--live-directory-roles', exports.roles, MAIN]);
    expect(code).toBe(1);
    const escalations = findingsOf(stdout, 'AZA013');
    expect(escalations.map((f) => f.address)).toEqual(['azurerm_role_assignment.contractor']);
    const message = escalations[0].message;
    expect(message).toContain('up to tier 0');
    expect(message).toContain(`runs a runbook as aa-ops on aa-ops (Microsoft.Automation/automationAccounts/runbooks/write) ${IN_TENANT}`);
    expect(message).toContain(`aa-ops holds the Entra role "Privileged Role Administrator" at the whole tenant (/) (BloodHound AZHasRole) ${IN_TENANT}`);
  });

  test('without the directory roles the same tenant opens nothing past the identity', async () => {
    const exports = files([roleAssignment(IDENTITY, PRIVILEGED_ROLE_ADMINISTRATOR)]);
    const { stdout } = await cli(['check', '--format', 'json', '--live-assignments', exports.live, '--identities', IDENTITIES, MAIN]);
    const findings = JSON.parse(stdout).findings as { ruleId: string }[];
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.filter((f) => f.ruleId === 'AZA013')).toEqual([]);
  });

  test('a directory role the code declares is the code\'s, not the tenant\'s too', async () => {
    const hcl = `${readFileSync(MAIN, 'utf8')}
resource "azuread_directory_role_assignment" "ops" {
  role_id             = "${PRIVILEGED_ROLE_ADMINISTRATOR}"
  principal_object_id = "${IDENTITY}"
}
`;
    const dir = mkdtempSync(path.join(tmpdir(), 'azure-access-entra-code-'));
    writeFileSync(path.join(dir, 'main.tf'), hcl);
    const exports = files([roleAssignment(IDENTITY, PRIVILEGED_ROLE_ADMINISTRATOR)]);
    const { stdout } = await cli(['check', '--format', 'json', '--live-assignments', exports.live, '--identities', IDENTITIES,
      '--live-directory-roles', exports.roles, dir]);
    const escalations = findingsOf(stdout, 'AZA013');
    expect(escalations.length).toBeGreaterThan(0);
    // The role is the code's own edge now: the step that holds it is not marked as the tenant's.
    const step = escalations.map((f) => f.message).find((m) => m.includes('holds the Entra role "Privileged Role Administrator"'));
    expect(step).toBeDefined();
    expect(step).not.toContain(`"Privileged Role Administrator" at the whole tenant (/) (BloodHound AZHasRole) ${IN_TENANT}`);
    // Not overlaid at all: the tenant's copy of the code's role is no second edge; another holder's is.
    const code = AccessGraph.fromDocuments([{ file: 'main.tf', document: await hclJson(hcl) }], new Map(), { forTenant: true });
    const live = {
      assignments: parseRoleAssignmentList('live.json', '[]'),
      directoryRoles: parseDirectoryRoleAssignments('roles.json', JSON.stringify({
        value: [roleAssignment(IDENTITY, PRIVILEGED_ROLE_ADMINISTRATOR), roleAssignment(CONTRACTOR_ID, PRIVILEGED_ROLE_ADMINISTRATOR, 2)],
      })),
    };
    expect(tenantEdgesOf(live, code).directoryRoles?.map((r) => r.principalId)).toEqual([CONTRACTOR_ID]);
  });

  test('--live-directory-roles without --live-assignments is a usage error', async () => {
    const exports = files([]);
    const { code, stderr } = await cli(['check', '--live-directory-roles', exports.roles, MAIN]);
    expect(code).toBe(2);
    expect(stderr).toContain('--live-directory-roles needs --live-assignments');
  });
});

describe('audit finds the tenant\'s own Entra escalations', () => {
  test('a user who runs runbooks as an identity that holds Privileged Role Administrator: AUD010 on the role, nearest the privileged end', async () => {
    const live = [JSON.parse(readFileSync(path.join(FIXTURE, 'legacy-operator.json'), 'utf8')) as { id: string }];
    const exports = files([roleAssignment(IDENTITY, PRIVILEGED_ROLE_ADMINISTRATOR)], live);
    const { stdout } = await cli(['audit', '--format', 'json', '--today', '2026-11-27', '--live-assignments', exports.live, '--identities', IDENTITIES,
      '--live-directory-roles', exports.roles]);
    const tenant = findingsOf(stdout, 'AUD010');
    // Removing either the user's assignment or the identity's role closes the path: the tie goes to the edge nearest its end.
    expect(tenant.map((f) => [f.address, f.file])).toEqual([['lAPpYvVpN0KRkAEhdxReE-1', exports.roles]]);
    expect(tenant[0].message).toContain('legacy.operator@contoso.example');
    expect(tenant[0].message).toContain('holds the Entra role "Privileged Role Administrator" at the whole tenant (/)');
    expect(tenant[0].message).not.toContain(IN_TENANT);
  });
});

describe('the tenant\'s Microsoft Graph application permissions (--live-app-roles)', () => {
  const ROLE_MANAGEMENT = '9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8';
  const GRAPH_SP = '7408235b-7540-4850-82fe-a5f15ed019e2';
  const appRoles = (items: object[]) => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'azure-access-app-roles-')), 'app-roles.json');
    writeFileSync(file, JSON.stringify({ '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#servicePrincipals(\'7408235b\')/appRoleAssignedTo', 'value': items }));
    return file;
  };
  const grant = (principalId: string, appRoleId: string, resourceDisplayName = 'Microsoft Graph') => ({
    id: 'M1zrMCT-Z0a2-y-CW4DbZqP0pUZ1i0tAhV6-0ekdBzE',
    appRoleId,
    createdDateTime: '2024-02-02T10:00:00Z',
    principalDisplayName: 'aa-ops',
    principalId,
    principalType: 'ServicePrincipal',
    resourceDisplayName,
    resourceId: GRAPH_SP,
  });

  test('the account\'s identity holds RoleManagement.ReadWrite.Directory: the contractor\'s grant reaches every Entra role, the tenant\'s step marked', async () => {
    const exports = files([]);
    const { code, stdout } = await cli(['check', '--format', 'json', '--live-assignments', exports.live, '--identities', IDENTITIES,
      '--live-app-roles', appRoles([grant(IDENTITY, ROLE_MANAGEMENT)]), MAIN]);
    expect(code).toBe(1);
    const escalations = findingsOf(stdout, 'AZA013');
    expect(escalations.map((f) => f.address)).toEqual(['azurerm_role_assignment.contractor']);
    expect(escalations[0].message).toContain('up to tier 0');
    expect(escalations[0].message).toContain(`aa-ops holds the Microsoft Graph application permission "RoleManagement.ReadWrite.Directory" (BloodHound AZMGRoleManagement_ReadWrite_Directory) ${IN_TENANT}`);
  });

  test('audit: a user who runs runbooks as an identity that holds RoleManagement.ReadWrite.Directory in the tenant is AUD010', async () => {
    const live = [JSON.parse(readFileSync(path.join(FIXTURE, 'legacy-operator.json'), 'utf8')) as { id: string }];
    const exports = files([], live);
    const { stdout } = await cli(['audit', '--format', 'json', '--today', '2026-11-27', '--live-assignments', exports.live, '--identities', IDENTITIES,
      '--live-app-roles', appRoles([grant(IDENTITY, ROLE_MANAGEMENT)])]);
    const tenant = findingsOf(stdout, 'AUD010');
    expect(tenant).toHaveLength(1);
    expect(tenant[0].message).toContain('legacy.operator@contoso.example');
    expect(tenant[0].message).toContain('"RoleManagement.ReadWrite.Directory"');
    expect(tenant[0].message).toContain('up to tier 0');
  });

  test('an app role of another API is refused by its place, exit 2, nothing written', async () => {
    const exports = files([]);
    const { code, stdout, stderr } = await cli(['check', '--live-assignments', exports.live, '--live-app-roles', appRoles([grant(IDENTITY, ROLE_MANAGEMENT, 'Contoso Orders API')]), MAIN]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/app-roles\.json: \/value\/0\/resourceDisplayName: expected an app role of Microsoft Graph \(resourceDisplayName\), got "Contoso Orders API"/);
  });

  test('an app role ID that is no GUID is refused by its place', async () => {
    const exports = files([]);
    const { code, stderr } = await cli(['check', '--live-assignments', exports.live, '--live-app-roles', appRoles([grant(IDENTITY, 'RoleManagement.ReadWrite.Directory')]), MAIN]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/app-roles\.json: \/value\/0\/appRoleId: expected an object ID \(a GUID\), got "RoleManagement\.ReadWrite\.Directory"/);
  });

  test('a permission the code grants to the same object ID is the code\'s: its step is not marked as the tenant\'s', async () => {
    const hcl = `${readFileSync(MAIN, 'utf8')}
resource "azuread_app_role_assignment" "ops" {
  app_role_id         = "${ROLE_MANAGEMENT}"
  principal_object_id = "${IDENTITY}"
  resource_object_id  = "${GRAPH_SP}"
}
`;
    const dir = mkdtempSync(path.join(tmpdir(), 'azure-access-app-roles-code-'));
    writeFileSync(path.join(dir, 'main.tf'), hcl);
    const exports = files([]);
    const { stdout } = await cli(['check', '--format', 'json', '--live-assignments', exports.live, '--identities', IDENTITIES,
      '--live-app-roles', appRoles([grant(IDENTITY, ROLE_MANAGEMENT)]), dir]);
    const messages = (JSON.parse(stdout).findings as { message: string }[]).map((f) => f.message).filter((m) => m.includes('"RoleManagement.ReadWrite.Directory"'));
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) expect(message).not.toContain(`"RoleManagement.ReadWrite.Directory" (BloodHound AZMGRoleManagement_ReadWrite_Directory) ${IN_TENANT}`);
    // Not overlaid at all: the tenant's copy of the code's permission is no second edge.
    const code = AccessGraph.fromDocuments([{ file: 'main.tf', document: await hclJson(hcl) }], new Map(), { forTenant: true });
    const live = {
      assignments: parseRoleAssignmentList('live.json', '[]'),
      appRoleAssignments: parseAppRoleAssignments('app-roles.json', JSON.stringify({ value: [grant(IDENTITY, ROLE_MANAGEMENT), grant(CONTRACTOR_ID, ROLE_MANAGEMENT)] })),
    };
    expect(tenantEdgesOf(live, code).appPermissions?.map((p) => p.principalId)).toEqual([CONTRACTOR_ID]);
  });
});

describe('an Entra holding the code declares for a principal it names by reference', () => {
  // The code gives its own identity a Graph permission and a directory role by reference; once
  // applied, the exports list both by the identity's object ID. They are the code's, not twice.
  const OBJECT_ID = 'dddddddd-1234-5678-9abc-eeeeeeeeeeee';
  const hcl = `
resource "azurerm_resource_group" "ops" {
  name     = "rg-ops"
  location = "westeurope"
}
data "azuread_service_principal" "msgraph" {
  client_id = "00000003-0000-0000-c000-000000000000"
}
resource "azurerm_user_assigned_identity" "ops" {
  name                = "uai-ops"
  resource_group_name = azurerm_resource_group.ops.name
  location            = "westeurope"
}
resource "azuread_app_role_assignment" "ops_roles" {
  app_role_id         = data.azuread_service_principal.msgraph.app_role_ids["RoleManagement.ReadWrite.Directory"]
  principal_object_id = azurerm_user_assigned_identity.ops.principal_id
  resource_object_id  = data.azuread_service_principal.msgraph.object_id
}
resource "azuread_directory_role_assignment" "ops" {
  role_id             = "${PRIVILEGED_ROLE_ADMINISTRATOR}"
  principal_object_id = azurerm_user_assigned_identity.ops.principal_id
}
resource "azurerm_role_assignment" "contractor" {
  scope                = azurerm_resource_group.ops.id
  role_definition_name = "Contributor"
  principal_id         = "${CONTRACTOR_ID}"
  principal_type       = "User"
}
`;

  test('check finds the same root causes and paths with the exports as without', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'azure-access-by-reference-'));
    writeFileSync(path.join(dir, 'main.tf'), hcl);
    const identities = path.join(dir, 'identities.json');
    writeFileSync(identities, JSON.stringify({
      value: [{
        id: OBJECT_ID,
        alternativeNames: ['isExplicit=True', '/subscriptions/11111111-2222-3333-4444-555555555555/resourcegroups/rg-ops/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-ops'],
        appId: '44445555-eeee-6666-ffff-7777aaaa8888',
        displayName: 'uai-ops',
        servicePrincipalType: 'ManagedIdentity',
      }],
    }));
    const appRoles = path.join(dir, 'app-roles.json');
    writeFileSync(appRoles, JSON.stringify({
      value: [{
        id: 'x1',
        appRoleId: '9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8',
        principalId: OBJECT_ID,
        principalType: 'ServicePrincipal',
        principalDisplayName: 'uai-ops',
        resourceDisplayName: 'Microsoft Graph',
        resourceId: '7408235b-7540-4850-82fe-a5f15ed019e2',
      }],
    }));
    const exports = files([roleAssignment(OBJECT_ID, PRIVILEGED_ROLE_ADMINISTRATOR)]);
    const escalationsOf = async (args: string[]) => findingsOf((await cli(['check', '--format', 'json', ...args, path.join(dir, 'main.tf')])).stdout, 'AZA013');
    const alone = await escalationsOf([]);
    expect(alone.length).toBeGreaterThan(0);
    const onTenant = await escalationsOf(['--live-assignments', exports.live, '--identities', identities, '--live-app-roles', appRoles,
      '--live-directory-roles', exports.roles]);
    expect(onTenant).toEqual(alone);
    expect(onTenant.some((f) => f.message.includes(IN_TENANT))).toBe(false);
  });
});

describe('the tenant\'s group members (--live-group-members)', () => {
  const GROUP = 'abababab-1111-2222-3333-444444444444';
  const groups = (members: object[], roleAssignable = true) => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'azure-access-groups-')), 'groups.json');
    writeFileSync(file, JSON.stringify({
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#groups(id,displayName,isAssignableToRole,members(id,displayName))',
      'value': [{ id: GROUP, displayName: 'ops-admins', isAssignableToRole: roleAssignable, members }],
    }));
    return file;
  };
  const member = (id: string, type = '#microsoft.graph.servicePrincipal') => ({ '@odata.type': type, 'id': id, 'displayName': 'aa-ops' });
  // In the tenant, the group holds Owner at the subscription; the account's identity was added to it by hand.
  const groupOwner = () => [{
    ...JSON.parse(readFileSync(path.join(FIXTURE, 'live.json'), 'utf8'))[0],
    id: '/subscriptions/11111111-2222-3333-4444-555555555555/providers/Microsoft.Authorization/roleAssignments/30000000-aaaa-bbbb-cccc-0000000000aa',
    principalId: GROUP,
    principalName: 'ops-admins',
    principalType: 'Group',
  }];

  test('the account\'s identity is a member of a group that holds Owner: the contractor\'s grant reaches Owner, both tenant steps marked', async () => {
    const exports = files([], groupOwner());
    const { stdout, stderr } = await cli(['check', '--format', 'json', '--live-assignments', exports.live, '--identities', IDENTITIES,
      '--live-group-members', groups([member(IDENTITY)]), MAIN]);
    expect(stderr).toBe('');
    const escalations = findingsOf(stdout, 'AZA013');
    expect(escalations.map((f) => f.address)).toEqual(['azurerm_role_assignment.contractor']);
    expect(escalations[0].message).toContain('"Owner" at subscription 11111111-2222-3333-4444-555555555555');
    expect(escalations[0].message).toContain(`aa-ops is a member of the group "ops-admins" (BloodHound AZMemberOf) ${IN_TENANT}`);
  });

  test('audit: a user who runs runbooks as a member of that group is AUD010, the path through the membership', async () => {
    const exports = files([], [...groupOwner(), JSON.parse(readFileSync(path.join(FIXTURE, 'legacy-operator.json'), 'utf8'))]);
    const { stdout } = await cli(['audit', '--format', 'json', '--today', '2026-11-27', '--live-assignments', exports.live, '--identities', IDENTITIES,
      '--live-group-members', groups([member(IDENTITY)])]);
    const tenant = findingsOf(stdout, 'AUD010');
    expect(tenant).toHaveLength(1);
    expect(tenant[0].message).toContain('legacy.operator@contoso.example');
    expect(tenant[0].message).toContain('is a member of the group "ops-admins"');
  });

  test('without the members the group\'s Owner is no one\'s the contractor reaches', async () => {
    const exports = files([], groupOwner());
    const { stdout } = await cli(['check', '--format', 'json', '--live-assignments', exports.live, '--identities', IDENTITIES, MAIN]);
    const findings = JSON.parse(stdout).findings as { ruleId: string }[];
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.filter((f) => f.ruleId === 'AZA013')).toEqual([]);
  });

  test('a group listed with the 20 members $expand gives at most: its other members are named as not reviewed', async () => {
    const exports = files([], groupOwner());
    const twenty = Array.from({ length: 20 }, (_, i) => member(`abababab-0000-0000-0000-${String(i).padStart(12, '0')}`, '#microsoft.graph.user'));
    const { stderr } = await cli(['check', '--format', 'json', '--live-assignments', exports.live, '--live-group-members', groups(twenty), MAIN]);
    expect(stderr).toContain(`group "ops-admins" (${GROUP}) listed with the 20 members $expand gives at most: its other members`);
  });

  test('a group without its members expanded is refused by its place', async () => {
    const exports = files([]);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'azure-access-groups-')), 'groups.json');
    writeFileSync(file, JSON.stringify({ value: [{ id: GROUP, displayName: 'ops-admins' }] }));
    const { code, stderr } = await cli(['check', '--live-assignments', exports.live, '--live-group-members', file, MAIN]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/groups\.json: \/value\/0\/members: expected an array \(the group's members: export with \$expand=members\), got nothing/);
  });
});
