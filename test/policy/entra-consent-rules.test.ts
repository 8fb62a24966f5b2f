import { ruleFindings, USER } from './rule-fixtures';
import { PrivilegeTier } from '../../src/roles/privilege-tier';
import { entraGraphOf } from '../review/graph/entra-fixtures';

const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
/** Files.Read's delegated scope ID (Microsoft Graph permissions reference): a real scope the reviewed table does not list. */
const FILES_READ_SCOPE = '10465720-29dd-4523-a11a-6a75c743c9d9';
const APP = `
data "azuread_application_published_app_ids" "well_known" {}
data "azuread_service_principal" "msgraph" {
  client_id = data.azuread_application_published_app_ids.well_known.result["MicrosoftGraph"]
}
resource "azuread_application" "portal" {
  display_name = "portal"
}
resource "azuread_service_principal" "portal" {
  client_id = azuread_application.portal.client_id
}
`;

/** A delegated permission grant of the portal on Microsoft Graph, with these claims and arguments. */
function consent(claims: string, extra = ''): string {
  return `${APP}
resource "azuread_service_principal_delegated_permission_grant" "portal" {
  service_principal_object_id          = azuread_service_principal.portal.object_id
  resource_service_principal_object_id = data.azuread_service_principal.msgraph.object_id
  claim_values                         = ${claims}
${extra}
}
`;
}

describe('delegated permission grants: admin consent, read as grants', () => {
  test('are read with the client, the API, each scope\'s tier, and whether they are tenant-wide', async () => {
    const g = await entraGraphOf(consent('["Directory.ReadWrite.All", "Mail.Read", "User.Read"]'), ['delegatedGrants']);
    const [grant] = g.delegatedGrants;
    expect([grant.client.name, grant.api.kind, grant.user, grant.tier]).toEqual(['portal', 'microsoft-graph', undefined, PrivilegeTier.CONTROL_PLANE]);
    expect(grant.scopes).toEqual([
      { name: 'Directory.ReadWrite.All', tier: PrivilegeTier.CONTROL_PLANE, classified: true },
      { name: 'Mail.Read', tier: PrivilegeTier.MANAGEMENT_PLANE, classified: true },
      // Signing a user in and reading their own profile: tier 2.
      { name: 'User.Read', tier: PrivilegeTier.USER_ACCESS, classified: true },
    ]);
    expect(g.notReviewed).toEqual([]);
    // A consent is no app role: nothing of it is among the application permissions.
    expect(g.appPermissions).toEqual([]);
  });

  test('AZA028 fires on tenant-wide consent to a tier-0 scope, naming it', async () => {
    expect((await ruleFindings(consent('["RoleManagement.ReadWrite.Directory", "Mail.Read"]'), 'AZA028')).map((f) => [f.severity, f.message])).toEqual([[
      'error',
      'application portal is consented, for every user in the tenant, the tier-0 scope(s) "RoleManagement.ReadWrite.Directory" of Microsoft Graph.',
    ]]);
  });

  test('AZA028 counts unclassified and unreadable scopes as tier 0, and says so', async () => {
    expect((await ruleFindings(consent('["Tasks.Read"]'), 'AZA028')).map((f) => f.message)).toEqual([
      'application portal is consented, for every user in the tenant, the tier-0 scope(s) "Tasks.Read" (neither the reviewed scope table nor an application '
        + 'permission of that name classifies it, so it counts as tier 0) of Microsoft Graph.',
    ]);
    // The sign-in scopes every application asks for are tier 2: consent to them is no finding.
    expect(await ruleFindings(consent('["openid", "profile", "email", "offline_access", "User.Read"]'), 'AZA028')).toEqual([]);
    expect((await ruleFindings(consent('var.scopes'), 'AZA028')).map((f) => f.message)).toEqual([
      'application portal is consented, for every user in the tenant, scopes that cannot be read ("${var.scopes}"), so they count as tier 0, of Microsoft Graph.',
    ]);
  });

  test('AZA028 is silent for consent to one user, and for tenant-wide consent to tier-1 scopes only', async () => {
    const oneUser = consent('["Directory.ReadWrite.All"]', `  user_object_id = "${USER}"`);
    expect((await entraGraphOf(oneUser, ['delegatedGrants'])).delegatedGrants[0].user?.key).toBe(USER);
    expect(await ruleFindings(oneUser, 'AZA028')).toEqual([]);
    expect(await ruleFindings(consent('["Mail.Read", "Sites.Read.All"]'), 'AZA028')).toEqual([]);
    const byReference = consent('["Directory.ReadWrite.All"]', '  user_object_id = azuread_user.alice.object_id')
      + 'resource "azuread_user" "alice" {\n  user_principal_name = "alice@contoso.example"\n  display_name = "Alice"\n}\n';
    expect((await entraGraphOf(byReference, ['delegatedGrants'])).delegatedGrants[0].tenantWide).toBe(false);
    expect(await ruleFindings(byReference, 'AZA028')).toEqual([]);
  });

  test('AZA028 counts a user_object_id that cannot be read as every user: null would consent for all', async () => {
    const unread = consent('["Directory.ReadWrite.All"]', '  user_object_id = var.user');
    expect((await ruleFindings(unread, 'AZA028')).map((f) => f.message)).toEqual([
      'application portal is consented, for every user in the tenant (its user_object_id ${var.user} cannot be read, so it counts as none), '
        + 'the tier-0 scope(s) "Directory.ReadWrite.All" of Microsoft Graph.',
    ]);
  });
});

describe('requested permissions: what an application asks for, never a grant', () => {
  const requesting = (access: string) => `${APP.replace('resource "azuread_application" "portal" {\n  display_name = "portal"\n}', `resource "azuread_application" "portal" {
  display_name = "portal"
  required_resource_access {
    resource_app_id = "${GRAPH_APP_ID}"
${access}
  }
}`)}`;
  const access = (id: string, type: string) => `    resource_access {\n      id   = ${id}\n      type = "${type}"\n    }`;

  test('are read and named through the catalog, by ID or by name, and counted nowhere as held', async () => {
    const hcl = requesting([
      access('"9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8"', 'Role'),
      access('data.azuread_service_principal.msgraph.app_role_ids["User.Read.All"]', 'Role'),
      access('data.azuread_service_principal.msgraph.oauth2_permission_scope_ids["Mail.Read"]', 'Scope'),
      access('"e1fe6dd8-ba31-4d61-89e7-88639da4683d"', 'Scope'),
      access(`"${FILES_READ_SCOPE}"`, 'Scope'),
    ].join('\n'));
    const g = await entraGraphOf(hcl, ['requestedPermissions']);
    expect(g.requestedPermissions.map((r) => [r.application, r.api.kind, r.kind, r.name, r.tier, r.classified])).toEqual([
      ['azuread_application.portal', 'microsoft-graph', 'application', 'RoleManagement.ReadWrite.Directory', PrivilegeTier.CONTROL_PLANE, true],
      ['azuread_application.portal', 'microsoft-graph', 'application', 'User.Read.All', PrivilegeTier.USER_ACCESS, true],
      ['azuread_application.portal', 'microsoft-graph', 'delegated', 'Mail.Read', PrivilegeTier.MANAGEMENT_PLANE, true],
      // User.Read by its ID is named and rated by the reviewed scope table (data/graph-delegated-scopes.json).
      ['azuread_application.portal', 'microsoft-graph', 'delegated', 'User.Read', PrivilegeTier.USER_ACCESS, true],
      // A scope ID the table does not list cannot be named, and counts as tier 0.
      ['azuread_application.portal', 'microsoft-graph', 'delegated', FILES_READ_SCOPE, PrivilegeTier.CONTROL_PLANE, false],
    ]);
    expect([g.appPermissions, g.delegatedGrants, g.grants]).toEqual([[], [], []]);
    expect((await ruleFindings(hcl, 'AZA029')).map((f) => [f.severity, f.message])).toEqual([
      ['info', 'azuread_application.portal requests the application permission "RoleManagement.ReadWrite.Directory" of Microsoft Graph; not granted by this configuration.'],
      ['info', `azuread_application.portal requests the delegated scope "${FILES_READ_SCOPE}" of Microsoft Graph, which cannot be classified, `
        + 'so it counts as tier 0; not granted by this configuration.'],
    ]);
    // A request is never a held permission: the rules about held permissions stay silent.
    for (const rule of ['AZA022', 'AZA023', 'AZA028']) expect(await ruleFindings(hcl, rule)).toEqual([]);
  });

  test('azuread_application_api_access is read the same way; a tier-1 or tier-2 request is no AZA029', async () => {
    const hcl = `${APP}
resource "azuread_application_api_access" "graph" {
  application_id = azuread_application.portal.id
  api_client_id  = data.azuread_application_published_app_ids.well_known.result["MicrosoftGraph"]
  role_ids       = [data.azuread_service_principal.msgraph.app_role_ids["User.Read.All"]]
  scope_ids      = [data.azuread_service_principal.msgraph.oauth2_permission_scope_ids["Mail.Read"]]
}
`;
    const g = await entraGraphOf(hcl, ['requestedPermissions']);
    expect(g.requestedPermissions.map((r) => [r.application, r.kind, r.name, r.tier])).toEqual([
      ['azuread_application.portal', 'application', 'User.Read.All', PrivilegeTier.USER_ACCESS],
      ['azuread_application.portal', 'delegated', 'Mail.Read', PrivilegeTier.MANAGEMENT_PLANE],
    ]);
    expect(g.notReviewed).toEqual([]);
    expect(await ruleFindings(hcl, 'AZA029')).toEqual([]);
  });
});
