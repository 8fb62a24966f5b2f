import { ScopeLevel } from '../../../src/model/scope-level';
import { AccessGraph } from '../../../src/review/graph/access-graph';
import { PrivilegeTier } from '../../../src/roles/privilege-tier';
import { cdktfShape, hclJson, ruleFindings, USER } from '../../policy/rule-fixtures';

const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const ROLE_MANAGEMENT = '9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8';
const UAI = 'resource "azurerm_user_assigned_identity" "api" {\n  name = "uai-api"\n  tags = { owner = "team-api" }\n}\n';

/** The graph of some HCL, read as hcl2json and as cdktf writes it: both must agree. */
async function graphOf(hcl: string): Promise<AccessGraph> {
  const document = await hclJson(hcl);
  const graph = AccessGraph.fromDocuments([{ file: 'main.tf', document }]);
  const cdktf = AccessGraph.fromDocuments([{ file: 'main.tf', document: cdktfShape(document) as Record<string, unknown> }]);
  expect(cdktf.directoryRoles).toEqual(graph.directoryRoles);
  expect(cdktf.appPermissions).toEqual(graph.appPermissions);
  return graph;
}

/** One app role assignment to the API identity, with a service principal declared as given. */
function appRole(servicePrincipal: string, resourceObjectId: string, appRoleId: string): string {
  return `${UAI}${servicePrincipal}
resource "azuread_app_role_assignment" "perm" {
  app_role_id         = ${appRoleId}
  principal_object_id = azurerm_user_assigned_identity.api.principal_id
  resource_object_id  = ${resourceObjectId}
}
`;
}

const PUBLISHED = 'data "azuread_application_published_app_ids" "well_known" {}\n';

describe('Microsoft Graph is recognised however its service principal is written', () => {
  const ways: [string, string, string][] = [
    ['a data source by client_id', `data "azuread_service_principal" "msgraph" {\n  client_id = "${GRAPH_APP_ID}"\n}`, 'data.azuread_service_principal.msgraph.object_id'],
    ['a resource by client_id from published_app_ids["MicrosoftGraph"]',
      `${PUBLISHED}resource "azuread_service_principal" "msgraph" {\n  client_id = data.azuread_application_published_app_ids.well_known.result["MicrosoftGraph"]\n  use_existing = true\n}`,
      'azuread_service_principal.msgraph.object_id'],
    ['a data source by client_id from published_app_ids.MicrosoftGraph',
      `${PUBLISHED}data "azuread_service_principal" "msgraph" {\n  client_id = data.azuread_application_published_app_ids.well_known.result.MicrosoftGraph\n}`,
      'data.azuread_service_principal.msgraph.object_id'],
    ['a data source by its display name', 'data "azuread_service_principal" "msgraph" {\n  display_name = "Microsoft Graph"\n}', 'data.azuread_service_principal.msgraph.id'],
    ['a data source by application_id (azuread 2.x)', `data "azuread_service_principal" "msgraph" {\n  application_id = "${GRAPH_APP_ID}"\n}`, 'data.azuread_service_principal.msgraph.object_id'],
  ];

  test.each(ways)('%s, with the app role by its GUID', async (_, sp, resource) => {
    const [p] = (await graphOf(appRole(sp, resource, `"${ROLE_MANAGEMENT}"`))).appPermissions;
    expect([p.api.kind, p.api.name, p.name, p.appRoleId, p.tier, p.known, p.principal.kind])
      .toEqual(['microsoft-graph', 'Microsoft Graph', 'RoleManagement.ReadWrite.Directory', ROLE_MANAGEMENT, PrivilegeTier.CONTROL_PLANE, true, 'managed-identity']);
  });

  test.each(ways)('%s, with the app role by app_role_ids["..."]', async (_, sp, resource) => {
    const address = resource.replace(/\.(object_id|id)$/, '');
    const [p] = (await graphOf(appRole(sp, resource, `${address}.app_role_ids["Mail.Read"]`))).appPermissions;
    expect([p.api.kind, p.name, p.appRoleId, p.tier, p.known]).toEqual(['microsoft-graph', 'Mail.Read', '810c84a8-4a9e-49e6-bf7d-12d183f40d01', PrivilegeTier.MANAGEMENT_PLANE, true]);
  });

  test('a literal object ID names no API (object IDs differ by tenant), but a Graph app role ID is the same everywhere', async () => {
    const g = await graphOf(appRole('', '"aaaaaaaa-0000-4000-8000-000000000001"', `"${ROLE_MANAGEMENT}"`));
    const [p] = g.appPermissions;
    expect([p.api.kind, p.name, p.tier]).toEqual(['unknown', 'RoleManagement.ReadWrite.Directory', PrivilegeTier.CONTROL_PLANE]);
    const [finding] = await ruleFindings(appRole('', '"aaaaaaaa-0000-4000-8000-000000000001"', `"${ROLE_MANAGEMENT}"`), 'AZA022');
    expect(finding.message).toBe('managed identity uai-api holds the Microsoft Graph application permission "RoleManagement.ReadWrite.Directory" (tier 0).');
  });

  test('an app role that cannot be read counts as tier 0, on Graph or on an API that cannot be read', async () => {
    const onGraph = appRole(`data "azuread_service_principal" "msgraph" {\n  client_id = "${GRAPH_APP_ID}"\n}`, 'data.azuread_service_principal.msgraph.object_id', 'var.app_role');
    const [p] = (await graphOf(onGraph)).appPermissions;
    expect([p.api.kind, p.name, p.tier, p.known]).toEqual(['microsoft-graph', '${var.app_role}', PrivilegeTier.CONTROL_PLANE, false]);
    expect((await ruleFindings(onGraph, 'AZA022')).map((f) => f.message))
      .toEqual(['managed identity uai-api holds the app role "${var.app_role}" of Microsoft Graph, which cannot be read, so it counts as tier 0.']);
    const unknownApi = appRole('', 'var.api', '"bbbbbbbb-0000-4000-8000-000000000002"');
    expect((await ruleFindings(unknownApi, 'AZA022')).map((f) => f.message))
      .toEqual(['managed identity uai-api holds the app role "bbbbbbbb-0000-4000-8000-000000000002" of an API that cannot be read (${var.api}), which cannot be read, so it counts as tier 0.']);
  });

  test('another API of the configuration is no Microsoft Graph: its roles are read, and no Graph rule judges them', async () => {
    const api = 'resource "azuread_application" "orders" {\n  display_name = "orders-api"\n}\nresource "azuread_service_principal" "orders" {\n  client_id = azuread_application.orders.client_id\n}';
    const hcl = appRole(api, 'azuread_service_principal.orders.object_id', 'azuread_service_principal.orders.app_role_ids["Orders.ReadWrite"]');
    const [p] = (await graphOf(hcl)).appPermissions;
    expect([p.api.kind, p.api.name, p.name, p.permission]).toEqual(['other', 'orders-api', 'Orders.ReadWrite', undefined]);
    // A GUID of Graph's on another API is that API's role, not Graph's.
    const byGuid = appRole(api, 'azuread_service_principal.orders.object_id', `"${ROLE_MANAGEMENT}"`);
    expect((await graphOf(byGuid)).appPermissions[0].permission).toBeUndefined();
    for (const rule of ['AZA022', 'AZA023']) {
      expect(await ruleFindings(hcl, rule)).toEqual([]);
      expect(await ruleFindings(byGuid, rule)).toEqual([]);
    }
  });

  test('a tier-1 permission named on the Graph service principal warns (AZA023), and only that', async () => {
    const hcl = appRole(`data "azuread_service_principal" "msgraph" {\n  client_id = "${GRAPH_APP_ID}"\n}`, 'data.azuread_service_principal.msgraph.object_id',
      'data.azuread_service_principal.msgraph.app_role_ids["Mail.Read"]');
    expect((await ruleFindings(hcl, 'AZA023')).map((f) => [f.severity, f.message]))
      .toEqual([['warning', 'managed identity uai-api holds the Microsoft Graph application permission "Mail.Read" (tier 1).']]);
    expect(await ruleFindings(hcl, 'AZA022')).toEqual([]);
  });
});

describe('Entra directory roles are read with their role, holder and scope', () => {
  const SP = 'resource "azuread_service_principal" "deployer" {\n  client_id = "dddddddd-0000-4000-8000-000000000004"\n}\n';

  test('a role by template ID, by an azuread_directory_role reference (template_id or display_name), and as a role member', async () => {
    const hcl = `${SP}
resource "azuread_directory_role" "pra" {
  template_id = "e8611ab8-c189-46e8-94e1-60213ab1f814"
}
resource "azuread_directory_role" "apps" {
  display_name = "Application Administrator"
}
resource "azuread_directory_role_assignment" "literal" {
  role_id             = "62e90394-69f5-4237-9190-012177145e10"
  principal_object_id = "${USER}"
}
resource "azuread_directory_role_assignment" "by_name" {
  role_id             = azuread_directory_role.apps.template_id
  principal_object_id = azuread_service_principal.deployer.object_id
  directory_scope_id  = "/administrativeUnits/aaaaaaaa-0000-4000-8000-000000000005"
}
resource "azuread_directory_role_member" "member" {
  role_object_id   = azuread_directory_role.pra.object_id
  member_object_id = azuread_service_principal.deployer.object_id
}
`;
    const g = await graphOf(hcl);
    expect(g.directoryRoles.map((d) => [d.origin.address, d.via, d.role.name, d.role.tier, d.principal.kind, d.scope.value, d.scope.level])).toEqual([
      ['azuread_directory_role_assignment.by_name', 'role-assignment', 'Application Administrator', PrivilegeTier.CONTROL_PLANE, 'application',
        '/administrativeUnits/aaaaaaaa-0000-4000-8000-000000000005', ScopeLevel.RESOURCE_GROUP],
      ['azuread_directory_role_assignment.literal', 'role-assignment', 'Global Administrator', PrivilegeTier.CONTROL_PLANE, 'unknown', '/', ScopeLevel.ROOT],
      ['azuread_directory_role_member.member', 'role-member', 'Privileged Role Administrator', PrivilegeTier.CONTROL_PLANE, 'application', '/', ScopeLevel.ROOT],
    ]);
    expect((await ruleFindings(hcl, 'AZA021')).map((f) => f.message)).toEqual([
      'application azuread_service_principal.deployer holds the Entra role "Application Administrator" standing at administrative unit /administrativeUnits/aaaaaaaa-0000-4000-8000-000000000005.',
      `principal of unknown kind ${USER} holds the Entra role "Global Administrator" standing at the whole tenant (/).`,
      'application azuread_service_principal.deployer holds the Entra role "Privileged Role Administrator" standing as a member of the activated role at the whole tenant (/).',
    ]);
    // Only the workload's roles are AZA022's; the person's is AZA021's alone.
    expect((await ruleFindings(hcl, 'AZA022')).map((f) => f.address)).toEqual([
      'azuread_directory_role_assignment.by_name', 'azuread_directory_role_member.member',
    ]);
  });

  test('an administrative unit by reference is one; a role or scope that cannot be read counts as the widest', async () => {
    const hcl = `
resource "azuread_administrative_unit" "hr" {
  display_name = "HR"
}
resource "azuread_directory_role_assignment" "unit" {
  role_id             = "fe930be7-5e62-47db-91af-98c3a49a38b1"
  principal_object_id = "${USER}"
  directory_scope_id  = "/administrativeUnits/\${azuread_administrative_unit.hr.object_id}"
}
resource "azuread_directory_role_assignment" "unread" {
  role_id             = "aaaaaaaa-0000-4000-8000-000000000006"
  principal_object_id = "${USER}"
  directory_scope_id  = var.scope
}
resource "azuread_directory_role_assignment" "readers" {
  role_id             = "88d8e3e3-8f55-4a1e-953a-9b9898b8876b"
  principal_object_id = "${USER}"
}
`;
    const g = await graphOf(hcl);
    // hcl2json orders blocks by name.
    expect(g.directoryRoles.map((d) => [d.role.name, d.role.known, d.role.tier, d.scope.level])).toEqual([
      ['Directory Readers', true, PrivilegeTier.MANAGEMENT_PLANE, ScopeLevel.ROOT],
      ['User Administrator', true, PrivilegeTier.CONTROL_PLANE, ScopeLevel.RESOURCE_GROUP],
      ['aaaaaaaa-0000-4000-8000-000000000006', false, PrivilegeTier.CONTROL_PLANE, ScopeLevel.UNKNOWN],
    ]);
    expect((await ruleFindings(hcl, 'AZA021')).map((f) => f.message)).toEqual([
      `principal of unknown kind ${USER} holds the Entra role "User Administrator" standing at administrative unit HR.`,
      `principal of unknown kind ${USER} holds the Entra role "aaaaaaaa-0000-4000-8000-000000000006" (the role cannot be read or classified, so it counts as tier 0) `
        + 'standing at a directory scope that cannot be read (${var.scope}; unknown counts as the whole tenant).',
    ]);
  });

  test('the Entra resources now read count as reviewed, not as AZA015', async () => {
    const hcl = appRole('', 'var.api', 'var.role') + `resource "azuread_directory_role_member" "m" {\n  role_object_id = var.role\n  member_object_id = "${USER}"\n}\n`;
    const g = await graphOf(hcl);
    expect(g.notReviewed).toEqual([]);
    expect(g.coverage.map((c) => [c.type, c.reviewed])).toEqual([['azuread_app_role_assignment', true], ['azuread_directory_role_member', true], ['azurerm_user_assigned_identity', true]]);
  });
});
