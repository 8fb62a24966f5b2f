import { ruleFindings, USER } from './rule-fixtures';
import { entraGraphOf } from '../review/graph/entra-fixtures';

const SUB = '11111111-2222-3333-4444-555555555555';
const GRAPH = 'data "azuread_service_principal" "msgraph" {\n  client_id = "00000003-0000-0000-c000-000000000000"\n}\n';

/** An application with its service principal, owned by the user, and what the service principal holds. */
function ownedApp(holds: string, owners = `owners = ["${USER}"]`): string {
  return `${GRAPH}
resource "azuread_application" "deployer" {
  display_name = "deployer"
  ${owners}
}
resource "azuread_service_principal" "deployer" {
  client_id = azuread_application.deployer.client_id
}
${holds}
`;
}

const READER = `
resource "azurerm_role_assignment" "reader" {
  scope                = "/subscriptions/${SUB}"
  role_definition_name = "Reader"
  principal_id         = azuread_service_principal.deployer.object_id
}
`;
const USER_ACCESS_ADMIN = READER.replace('"reader"', '"uaa"').replace('Reader', 'User Access Administrator');
const ROLE_MANAGEMENT = `
resource "azuread_app_role_assignment" "rm" {
  app_role_id         = data.azuread_service_principal.msgraph.app_role_ids["RoleManagement.ReadWrite.Directory"]
  principal_object_id = azuread_service_principal.deployer.object_id
  resource_object_id  = data.azuread_service_principal.msgraph.object_id
}
`;
const GLOBAL_ADMIN = `
resource "azuread_directory_role_assignment" "ga" {
  role_id             = "62e90394-69f5-4237-9190-012177145e10"
  principal_object_id = azuread_service_principal.deployer.object_id
}
`;

describe('AZA024: an owner of a privileged application or service principal', () => {
  test('owner of an application whose service principal holds only Reader: silent', async () => {
    const g = await entraGraphOf(ownedApp(READER), ['ownerships', 'directoryObjects']);
    expect(g.ownerships).toHaveLength(1);
    expect(g.grants.map((x) => x.role.name)).toEqual(['Reader']);
    expect(await ruleFindings(ownedApp(READER), 'AZA024')).toEqual([]);
  });

  test('owner of an application whose service principal holds a role that can grant access, a tier-0 Graph permission and a tier-0 Entra role', async () => {
    const hcl = ownedApp(`${USER_ACCESS_ADMIN}${ROLE_MANAGEMENT}${GLOBAL_ADMIN}`);
    expect((await ruleFindings(hcl, 'AZA024')).map((f) => [f.severity, f.address, f.message])).toEqual([[
      'error', 'azuread_application.deployer',
      `principal of unknown kind ${USER} owns application deployer, whose service principal application deployer holds `
        + 'the tier-0 Entra role "Global Administrator", the tier-0 Microsoft Graph permission "RoleManagement.ReadWrite.Directory", '
        + `"User Access Administrator" at /subscriptions/${SUB}, which can grant access: an owner can add a secret and sign in as it.`,
    ]]);
  });

  test('azuread_application_owner, and an owner of the service principal itself', async () => {
    const owner = `${ROLE_MANAGEMENT}
resource "azuread_application_owner" "ci" {
  application_id  = azuread_application.deployer.id
  owner_object_id = "${USER}"
}
`;
    const byResource = await ruleFindings(ownedApp(owner, ''), 'AZA024');
    expect(byResource.map((f) => f.address)).toEqual(['azuread_application_owner.ci']);
    const spOwned = ownedApp(ROLE_MANAGEMENT, '').replace('client_id = azuread_application.deployer.client_id', `client_id = azuread_application.deployer.client_id\n  owners = ["${USER}"]`);
    expect((await ruleFindings(spOwned, 'AZA024')).map((f) => f.message)).toEqual([
      `principal of unknown kind ${USER} owns service principal azuread_service_principal.deployer, which holds the tier-0 Microsoft Graph permission `
        + '"RoleManagement.ReadWrite.Directory": an owner can add a secret and sign in as it.',
    ]);
  });

  test('an application whose service principal the configuration does not declare is left to reach', async () => {
    const noSp = `resource "azuread_application" "lonely" {\n  display_name = "lonely"\n  owners = ["${USER}"]\n}\n`;
    expect((await entraGraphOf(noSp, ['ownerships'])).ownerships).toHaveLength(1);
    expect(await ruleFindings(noSp, 'AZA024')).toEqual([]);
  });
});
