import { entraGraphOf } from './entra-fixtures';
import { ChangeKind } from '../../../src/review/diff/change-kind';
import { renderDiffJson, renderDiffMarkdown } from '../../../src/review/diff/render-diff';
import { buildReport } from '../../../src/review/report/access-report';
import { renderReportJson, renderReportMarkdown } from '../../../src/review/report/render-report';
import { renderReportHtml } from '../../../src/review/report/render-report-html';
import { APPLICATION_DEFINED } from '../../../src/roles/permission-tier';
import { PrivilegeTier } from '../../../src/roles/privilege-tier';
import { ruleFindings } from '../../policy/rule-fixtures';
import { diffHcl } from '../diff/diff-fixtures';

const ORDERS_READ_ID = '6a1e6f2c-5d0b-4b9e-9a63-2f1d1a2b3c4d';
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const LABEL = 'application-defined (no directory privilege)';

/** The team's own API: an application registration with the app role Orders.Read, and its service principal. */
const ORDERS_API = `
resource "azuread_application" "orders" {
  display_name = "orders-api"
  app_role {
    allowed_member_types = ["Application"]
    description          = "Reads orders"
    display_name         = "Read orders"
    enabled              = true
    id                   = "${ORDERS_READ_ID}"
    value                = "Orders.Read"
  }
}
resource "azuread_service_principal" "orders" {
  client_id = azuread_application.orders.client_id
}
`;

const WORKER = `
resource "azurerm_user_assigned_identity" "worker" {
  name                = "uai-worker"
  resource_group_name = "rg-app"
  location            = "eastus"
  tags                = { owner = "team-orders" }
}
`;

/** An app role assignment of the worker identity, the role and its API written as given. */
function assignment(appRoleId: string, resourceObjectId = 'azuread_service_principal.orders.object_id', principal = 'azurerm_user_assigned_identity.worker.principal_id'): string {
  return `resource "azuread_app_role_assignment" "worker_orders" {
  app_role_id         = ${appRoleId}
  principal_object_id = ${principal}
  resource_object_id  = ${resourceObjectId}
}
`;
}

const GRANTED = ORDERS_API + WORKER + assignment('azuread_service_principal.orders.app_role_ids["Orders.Read"]');

describe('an app role of the configuration\'s own application is application-defined', () => {
  test.each([
    ['by name on its service principal', 'azuread_service_principal.orders.app_role_ids["Orders.Read"]'],
    ['by name on the application itself', 'azuread_application.orders.app_role_ids["Orders.Read"]'],
    ['by its ID, named from the application\'s app_role block', `"${ORDERS_READ_ID}"`],
  ])('%s', async (_, appRoleId) => {
    const g = await entraGraphOf(ORDERS_API + WORKER + assignment(appRoleId), ['appPermissions']);
    expect(g.appPermissions.map((p) => [p.api.kind, p.api.name, p.api.application, p.name, p.tier, p.permission])).toEqual([
      ['other', 'orders-api', 'azuread_application.orders', 'Orders.Read', APPLICATION_DEFINED, undefined],
    ]);
  });

  test('is no tier-0 finding: no AZA022 for the identity that holds it, nothing of AZA013 at tier 0', async () => {
    expect(await ruleFindings(GRANTED, 'AZA022')).toEqual([]);
    // Someone who can sign in as the holder reaches the role: a chain, graded as a note, not as tier 0.
    const owned = `${ORDERS_API}
resource "azuread_user" "alice" {
  user_principal_name = "alice@contoso.example"
  display_name        = "Alice"
}
resource "azuread_application" "worker" {
  display_name = "worker"
  owners       = [azuread_user.alice.object_id]
}
resource "azuread_service_principal" "worker" {
  client_id = azuread_application.worker.client_id
}
${assignment('azuread_service_principal.orders.app_role_ids["Orders.Read"]', undefined, 'azuread_service_principal.worker.object_id')}`;
    const chains = await ruleFindings(owned, 'AZA013');
    expect(chains.map((f) => f.severity)).toEqual(['info']);
    expect(chains[0].message).toContain('opens 1 escalation path, up to application-defined: orders-api application permission "Orders.Read" at orders-api.');
    expect(await ruleFindings(owned, 'AZA024')).toEqual([]);
  });

  test('the report shows it apart from tiers 0 to 2, in markdown, JSON and HTML', async () => {
    const report = buildReport(await entraGraphOf(GRANTED, ['appPermissions']));
    const [row] = report.rows;
    expect([row.role, row.scope, row.tier]).toEqual(['Orders.Read (application permission)', 'orders-api', LABEL]);
    expect(renderReportMarkdown(report)).toContain(`| uai-worker | managed-identity | Orders.Read (application permission) | unknown | \`orders-api\` | api | standing | never | ${LABEL} |`);
    expect((JSON.parse(renderReportJson(report)) as { rows: { tier?: string }[] }).rows.map((r) => r.tier)).toEqual([LABEL]);
    expect(renderReportHtml(report)).toContain(`<td>${LABEL}</td>`);
  });

  test('the diff adds it as a widening, not as a tier-0 escalation', async () => {
    const diff = await diffHcl(ORDERS_API + WORKER, GRANTED);
    expect(diff.changes).toEqual([expect.objectContaining({
      kind: ChangeKind.ADDED, roleKind: 'app-permission', role: 'Orders.Read (application permission)', tier: APPLICATION_DEFINED, roleCanGrantAccess: false, escalation: false,
    })]);
    expect(renderDiffMarkdown(diff)).toContain(`| added | managed identity \`uai-worker\` | Orders.Read (application permission), ${LABEL} | \`orders-api\` (API) |`);
    expect((JSON.parse(renderDiffJson(diff)) as { changes: { tier?: string }[] }).changes.map((c) => c.tier)).toEqual(['ApplicationDefined']);
  });

  test('a request for its app role by ID is named from the application and application-defined', async () => {
    const hcl = `${ORDERS_API}
resource "azuread_application" "portal" {
  display_name = "portal"
  required_resource_access {
    resource_app_id = azuread_application.orders.client_id
    resource_access {
      id   = "${ORDERS_READ_ID}"
      type = "Role"
    }
  }
}
`;
    const g = await entraGraphOf(hcl, ['requestedPermissions']);
    expect(g.requestedPermissions.map((r) => [r.api.name, r.name, r.tier, r.classified])).toEqual([['orders-api', 'Orders.Read', APPLICATION_DEFINED, true]]);
    expect(buildReport(g).requestedPermissions.map((r) => r.tier)).toEqual([LABEL]);
  });
  test('consent to its own delegated scopes is application-defined too, and so is the consent row', async () => {
    const hcl = `${ORDERS_API}
resource "azuread_application" "portal" {
  display_name = "portal"
}
resource "azuread_service_principal" "portal" {
  client_id = azuread_application.portal.client_id
}
resource "azuread_service_principal_delegated_permission_grant" "portal_orders" {
  service_principal_object_id          = azuread_service_principal.portal.object_id
  resource_service_principal_object_id = azuread_service_principal.orders.object_id
  claim_values                         = ["Orders.Read.Own"]
}
`;
    const g = await entraGraphOf(hcl, ['delegatedGrants']);
    expect(g.delegatedGrants.map((d) => [d.api.name, d.scopes, d.tier])).toEqual([
      ['orders-api', [{ name: 'Orders.Read.Own', tier: APPLICATION_DEFINED, classified: true }], APPLICATION_DEFINED],
    ]);
    expect(buildReport(g).rows.map((r) => r.tier)).toEqual([LABEL]);
  });
});

describe('what the review cannot see is an application of the tenant stays tier 0', () => {
  test('a Microsoft Graph application permission missing from the catalog', async () => {
    const graph = `data "azuread_service_principal" "msgraph" {\n  client_id = "${GRAPH_APP_ID}"\n}\n`;
    for (const appRoleId of ['data.azuread_service_principal.msgraph.app_role_ids["Orders.Read"]', '"bbbbbbbb-0000-4000-8000-000000000002"']) {
      const hcl = graph + WORKER + assignment(appRoleId, 'data.azuread_service_principal.msgraph.object_id');
      const [p] = (await entraGraphOf(hcl, ['appPermissions'])).appPermissions;
      expect([p.api.kind, p.tier, p.known]).toEqual(['microsoft-graph', PrivilegeTier.CONTROL_PLANE, false]);
      expect((await ruleFindings(hcl, 'AZA022')).map((f) => f.severity)).toEqual(['error']);
    }
  });

  test('an app role whose API cannot be told, and another API named only by its client ID (it may be one of Microsoft\'s)', async () => {
    const unknownApi = WORKER + assignment(`"${ORDERS_READ_ID}"`, 'var.api_object_id');
    const [unknown] = (await entraGraphOf(unknownApi, ['appPermissions'])).appPermissions;
    expect([unknown.api.kind, unknown.tier]).toEqual(['unknown', PrivilegeTier.CONTROL_PLANE]);
    // Exchange Online's client ID: a first-party API the catalog does not grade, so not application-defined.
    const exchange = 'data "azuread_service_principal" "exchange" {\n  client_id = "00000002-0000-0ff1-ce00-000000000000"\n}\n'
      + WORKER + assignment('data.azuread_service_principal.exchange.app_role_ids["full_access_as_app"]', 'data.azuread_service_principal.exchange.object_id');
    const [other] = (await entraGraphOf(exchange, ['appPermissions'])).appPermissions;
    expect([other.api.kind, other.api.application, other.tier]).toEqual(['other', undefined, PrivilegeTier.CONTROL_PLANE]);
    expect(buildReport(await entraGraphOf(exchange, ['appPermissions'])).rows[0].tier).toBe('tier 0 (ControlPlane)');
  });
});

describe('delegated sign-in scopes requested by ID', () => {
  const SIGN_IN = [
    ['openid', '37f7f235-527c-4136-accd-4a02d197296e'],
    ['profile', '14dad69e-099b-42c9-810b-d002981feec1'],
    ['email', '64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0'],
    ['offline_access', '7427e0e9-2fba-42fe-b0c0-848c9e6a8182'],
    ['User.Read', 'e1fe6dd8-ba31-4d61-89e7-88639da4683d'],
  ];
  const requesting = (ids: string[]) => `
resource "azuread_application" "web" {
  display_name = "orders-web"
  required_resource_access {
    resource_app_id = "${GRAPH_APP_ID}"
${ids.map((id) => `    resource_access {\n      id   = "${id}"\n      type = "Scope"\n    }`).join('\n')}
  }
}
`;

  test('are named and tier 2: no AZA029, and the report lists them by name', async () => {
    const hcl = requesting(SIGN_IN.map(([, id]) => id));
    const g = await entraGraphOf(hcl, ['requestedPermissions']);
    expect(g.requestedPermissions.map((r) => [r.name, r.kind, r.tier, r.classified])).toEqual(
      SIGN_IN.map(([name]) => [name, 'delegated', PrivilegeTier.USER_ACCESS, true]),
    );
    expect(await ruleFindings(hcl, 'AZA029')).toEqual([]);
    const markdown = renderReportMarkdown(buildReport(g));
    for (const [name] of SIGN_IN) expect(markdown).toContain(`| azuread_application.web | Microsoft Graph | delegated | \`${name}\` | tier 2 (UserAccess) |`);
  });

  test('a scope ID the reviewed table does not list is still AZA029, by its ID', async () => {
    const unknown = 'cccccccc-0000-4000-8000-00000000000c';
    const findings = await ruleFindings(requesting([SIGN_IN[0][1], unknown]), 'AZA029');
    expect(findings.map((f) => f.message)).toEqual([
      `azuread_application.web requests the delegated scope "${unknown}" of Microsoft Graph, which cannot be classified, so it counts as tier 0; not granted by this configuration.`,
    ]);
  });
});
