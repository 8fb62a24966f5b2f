import { entraGraphOf } from './entra-fixtures';
import { ruleFindings } from '../../policy/rule-fixtures';

const HCL = `
resource "azuread_application_registration" "deployer" {
  display_name = "deployer"
}
resource "azuread_application_federated_identity_credential" "main" {
  application_id = azuread_application_registration.deployer.id
  display_name   = "main"
  audiences      = ["api://AzureADTokenExchange"]
  issuer         = "https://token.actions.githubusercontent.com"
  subject        = "repo:contoso/app:ref:refs/heads/main"
}
resource "azuread_application_flexible_federated_identity_credential" "branches" {
  application_id             = azuread_application_registration.deployer.id
  display_name               = "branches"
  audience                   = "api://AzureADTokenExchange"
  issuer                     = "https://token.actions.githubusercontent.com"
  claims_matching_expression = "claims['sub'] matches 'repo:contoso/app:ref:refs/heads/*'"
}
`;

describe('federated credentials of applications, the flexible variant included', () => {
  test('both are read as federated credentials of the application; the flexible one with its expression, not a subject', async () => {
    const g = await entraGraphOf(HCL, ['credentials']);
    expect(g.credentials.map((c) => [c.origin.address, c.kind, c.owner, c.issuer, c.subject, c.claimsMatchingExpression])).toEqual([
      ['azuread_application_federated_identity_credential.main', 'federated', '${azuread_application_registration.deployer.id}',
        'https://token.actions.githubusercontent.com', 'repo:contoso/app:ref:refs/heads/main', undefined],
      ['azuread_application_flexible_federated_identity_credential.branches', 'federated', '${azuread_application_registration.deployer.id}',
        'https://token.actions.githubusercontent.com', undefined, "claims['sub'] matches 'repo:contoso/app:ref:refs/heads/*'"],
    ]);
    expect(g.notReviewed).toEqual([]);
  });

  test('a federated credential is no secret: AZA005 stays silent for both', async () => {
    expect(await ruleFindings(HCL, 'AZA005')).toEqual([]);
  });
});
