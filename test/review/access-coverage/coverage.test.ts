import { RuleId } from '../../../src/model/rule-id';
import { Severity } from '../../../src/model/severity';
import { evaluate } from '../../../src/policy/evaluate';
import { AccessGraph } from '../../../src/review/graph/access-graph';
import { READ_ACCESS_TYPES } from '../../../src/review/graph/read-access-types';
import { buildReport } from '../../../src/review/report/access-report';
import { renderReportJson, renderReportMarkdown } from '../../../src/review/report/render-report';
import { hclJson, TODAY } from '../../policy/rule-fixtures';

const SUB = '11111111-2222-3333-4444-555555555555';

// The shapes real repositories use: a data-plane grant of a service, an azapi role assignment, a
// vault with inline access policies, a storage account with and without an identity.
const HCL = `
resource "azurerm_role_assignment" "reader" {
  scope                = "/subscriptions/${SUB}/resourceGroups/rg-app"
  role_definition_name = "Reader"
  principal_id         = "aaaaaaaa-1111-2222-3333-444444444444"
  principal_type       = "Group"
}
resource "azurerm_kusto_database_principal_assignment" "viewer" {
  name           = "viewer"
  resource_group_name = "rg-app"
  cluster_name   = "adx"
  database_name  = "db"
  tenant_id      = "tenant"
  principal_id   = "aaaaaaaa-1111-2222-3333-444444444444"
  principal_type = "Group"
  role           = "Viewer"
}
resource "azurerm_storage_account" "plain" {
  name = "stplain"
}
resource "azurerm_storage_account" "with_identity" {
  name = "stid"
  identity {
    type = "SystemAssigned"
  }
}
resource "azapi_resource" "by_variable" {
  type      = var.resource_type
  name      = "x"
  parent_id = "/subscriptions/${SUB}"
}
resource "azapi_resource" "network" {
  type      = "Microsoft.Network/virtualNetworks@2023-04-01"
  name      = "vnet"
  parent_id = "/subscriptions/${SUB}/resourceGroups/rg-app"
}
data "azurerm_key_vault_access_policy" "ignored" {
  name = "Key Management"
}
`;

async function graph(): Promise<AccessGraph> {
  return AccessGraph.fromDocuments([{ file: 'main.tf', document: await hclJson(HCL) }]);
}

describe('coverage: access resources the review does not read are shown, never dropped', () => {
  test('each input part that carries access is counted once, read or not', async () => {
    const g = await graph();
    expect(g.coverage.map((c) => [c.origin.address, c.via, c.reviewed])).toEqual([
      ['azapi_resource.by_variable', 'resource', false],
      ['azurerm_kusto_database_principal_assignment.viewer', 'resource', false],
      ['azurerm_role_assignment.reader', 'resource', true],
      ['azurerm_storage_account.with_identity', 'block:identity', true],
    ]);
    // A storage account without an identity, a virtual network by azapi and a data source carry no access.
    expect(g.notReviewed.map((c) => c.origin.address)).toEqual(['azapi_resource.by_variable', 'azurerm_kusto_database_principal_assignment.viewer']);
    expect(g.notReviewed[0].reason).toBe('the ARM type (${var.resource_type}) cannot be read, so it may carry any access');
  });

  test('check: AZA015, a warning per resource, naming what it carries', async () => {
    const findings = evaluate(await graph(), { today: TODAY }).findings.filter((f) => f.ruleId === RuleId.NOT_REVIEWED);
    expect(findings.map((f) => [f.address, f.severity])).toEqual([
      ['azapi_resource.by_variable', Severity.WARNING],
      ['azurerm_kusto_database_principal_assignment.viewer', Severity.WARNING],
    ]);
    expect(findings[1].message).toBe('azurerm_kusto_database_principal_assignment carries access that this review does not read '
      + '(Azure Data Explorer: gives a principal a role on a database); no rule judged it.');
  });

  test('report: a "Not reviewed" section and the counts in the JSON totals', async () => {
    const report = buildReport(await graph());
    const markdown = renderReportMarkdown(report);
    expect(markdown).toContain('### Not reviewed\n\n2 access resource(s) of the input are not read by this review, so nothing above includes them (2 read).');
    expect(markdown).toContain('| azurerm_kusto_database_principal_assignment | Azure Data Explorer: gives a principal a role on a database. | `azurerm_kusto_database_principal_assignment.viewer` | `main.tf` |');
    const json = JSON.parse(renderReportJson(report));
    expect(json.totals.accessResources).toEqual({ reviewed: 2, notReviewed: 2 });
    expect(json.notReviewed.map((n: { address: string }) => n.address)).toEqual(['azapi_resource.by_variable', 'azurerm_kusto_database_principal_assignment.viewer']);
  });

  test('an input with nothing unread says so', async () => {
    const g = AccessGraph.fromDocuments([{ file: 'main.tf', document: await hclJson(HCL.split('resource "azurerm_kusto')[0]) }]);
    expect(g.coverage).toHaveLength(1);
    expect(renderReportMarkdown(buildReport(g))).toContain('### Not reviewed\n\nEvery access resource of the input was read (1).');
  });

  test('every type the graph says it reads becomes part of the graph, and counts as reviewed', () => {
    const resource: Record<string, Record<string, unknown>> = {};
    READ_ACCESS_TYPES.forEach((r, i) => {
      const body: Record<string, unknown> = { name: `x-${r.type}`, principal_id: 'aaaaaaaa-1111-2222-3333-444444444444', scope: `/subscriptions/${SUB}` };
      const [kind, key] = r.via.split(':');
      // Blocks are lists of objects; owners and members are lists of object IDs.
      if (kind === 'block') body[key] = [{ end_date: '2027-01-01T00:00:00Z' }];
      if (kind === 'attribute') body[key] = ['bbbbbbbb-1111-2222-3333-444444444444'];
      // A property of an azapi body: a web app whose ARM body gives it an identity of its own.
      if (kind === 'body') Object.assign(body, { type: 'Microsoft.Web/sites@2022-09-01', parent_id: `/subscriptions/${SUB}`, body: { [key]: { type: 'SystemAssigned' } } });
      if (r.type === 'azuread_application_owner') body.owner_object_id = 'bbbbbbbb-1111-2222-3333-444444444444';
      if (r.type === 'azuread_application_api_access') body.role_ids = ['df021288-bdef-4463-88db-98f22de89214'];
      if (r.type === 'azuread_administrative_unit_member') {
        Object.assign(body, { administrative_unit_object_id: '${azuread_administrative_unit.n0.object_id}', member_object_id: 'bbbbbbbb-1111-2222-3333-444444444444' });
      }
      if (r.type === 'azuread_group_member') {
        Object.assign(body, { group_object_id: 'cccccccc-1111-2222-3333-444444444444', member_object_id: 'bbbbbbbb-1111-2222-3333-444444444444' });
      }
      // azapi: one block per ARM type, as `type = "<ARM type>@<api version>"` writes it.
      if (r.armType !== undefined) Object.assign(body, { type: `${r.armType}@2022-04-01`, parent_id: `/subscriptions/${SUB}`, body: { properties: {} } });
      resource[r.type] = { ...resource[r.type], [`n${i}`]: body };
    });
    const g = AccessGraph.fromDocuments([{ file: 'main.tf', document: { resource } }]);
    const parts = [g.grants, g.eligibilities, g.policies, g.identities, g.credentials, g.roleDefinitions,
      g.directoryRoles, g.appPermissions, g.ownerships, g.groupMemberships, g.customDirectoryRoles, g.groupAssignments, g.groupPolicies,
      g.delegatedGrants, g.requestedPermissions, g.unitMemberships, g.directoryObjects.filter((o) => o.kind === 'user'), g.credentialStores];
    const read = new Set(parts.flat().map((x) => x.origin.address.split('.')[0]));
    expect(READ_ACCESS_TYPES.filter((r) => !read.has(r.type)).map((r) => r.type)).toEqual([]);
    expect(g.coverage).toHaveLength(READ_ACCESS_TYPES.length);
    expect(g.notReviewed).toEqual([]);
  });
});
