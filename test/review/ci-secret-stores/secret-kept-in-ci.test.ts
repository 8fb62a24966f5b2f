import { DEPLOY_APPLICATION, DEPLOY_PASSWORD, roleAssignment } from './store-fixtures';
import { evaluate } from '../../../src/policy/evaluate';
import { AccessGraph } from '../../../src/review/graph/access-graph';
import { readInputs } from '../../../src/review/reader/read-inputs';
import { hclJson, ruleFindings, SUB, TODAY } from '../../policy/rule-fixtures';
import { entraGraphOf } from '../graph/entra-fixtures';

/** An application with its service principal: Owner on a resource group (tier 0), Reader on the subscription. */
const APP = DEPLOY_APPLICATION
  + roleAssignment('owner', 'Owner', `"/subscriptions/${SUB}/resourceGroups/rg-app"`)
  + roleAssignment('reader', 'Reader', `"/subscriptions/${SUB}"`);
const PASSWORD = DEPLOY_PASSWORD;
const REPOSITORY = `
resource "github_repository" "infra" {
  name = "infra"
}
`;
const SIGNS_IN = 'signs in as application deploy, which holds "Owner" at rg-app and 1 other grant.';
const SECRET = 'application password of deploy (no end date written: Entra ends it two years after creation).';

function environment(reviewers: string): string {
  return `
resource "github_repository_environment" "prod" {
  repository  = github_repository.infra.name
  environment = "prod"
${reviewers}}
resource "github_actions_environment_secret" "prod" {
  repository      = github_repository.infra.name
  environment     = github_repository_environment.prod.environment
  secret_name     = "AZURE_CLIENT_SECRET"
  plaintext_value = azuread_application_password.deploy.value
}
`;
}

const REPOSITORY_SECRET = `
resource "github_actions_secret" "deploy" {
  repository      = github_repository.infra.name
  secret_name     = "AZURE_CLIENT_SECRET"
  plaintext_value = azuread_application_password.deploy.value
}
`;

function serviceConnection(credentials: string, scheme = ''): string {
  return `
resource "azuredevops_project" "platform" {
  name = "platform"
}
resource "azuredevops_serviceendpoint_azurerm" "prod" {
  project_id            = azuredevops_project.platform.id
  service_endpoint_name = "sc-prod"
${scheme}  credentials {
${credentials}  }
  azurerm_spn_tenantid      = "00000000-0000-0000-0000-000000000001"
  azurerm_subscription_id   = "${SUB}"
  azurerm_subscription_name = "prod"
}
`;
}

describe('a client secret the configuration creates and keeps in CI: AZA005 on the secret names each store', () => {
  test('a repository secret: whoever can run a workflow there signs in as the principal, named by its widest grant', async () => {
    const hcl = APP + PASSWORD + REPOSITORY + REPOSITORY_SECRET;
    const g = await entraGraphOf(hcl, ['credentialStores', 'credentials']);
    expect(g.credentialStores.map((s) => [s.kind, s.name, s.repository, s.credential, s.origin.address])).toEqual([
      ['github-actions-secret', 'AZURE_CLIENT_SECRET', 'infra', 'azuread_application_password.deploy', 'github_actions_secret.deploy'],
    ]);
    // The grants the widest is chosen from, scopes asserted: Owner (tier 0) is wider than Reader at a wider scope.
    expect(g.grants.map((x) => [x.role.name, x.scope.value])).toEqual([
      ['Owner', `/subscriptions/${SUB}/resourceGroups/rg-app`], ['Reader', `/subscriptions/${SUB}`],
    ]);
    const findings = await ruleFindings(hcl, 'AZA005');
    // One root cause, one finding: on the secret, none on the store.
    expect(findings.map((f) => [f.address, f.message])).toEqual([[
      'azuread_application_password.deploy',
      `${SECRET} Kept in GitHub Actions secret AZURE_CLIENT_SECRET of repository infra: whoever can run a workflow there ${SIGNS_IN}`,
    ]]);
    expect(findings[0].fix).toContain('azuread_application_federated_identity_credential');
    expect(findings[0].fix).toContain('then delete the secret and where it is kept: github_actions_secret.deploy.');
    expect(findings[0].fix).toContain('suppress AZA005 with a reason and an `until` date');
  });

  test('each store is a code flow of the finding: the store, then the secret it keeps', async () => {
    const graph = AccessGraph.fromDocuments([{ file: 'main.tf', document: await hclJson(APP + PASSWORD + REPOSITORY + REPOSITORY_SECRET) }]);
    const finding = evaluate(graph, { today: TODAY }).findings.find((f) => f.ruleId === 'AZA005');
    expect(finding?.flows?.map((flow) => flow.steps.map((s) => [s.where.address, s.message]))).toEqual([[
      ['github_actions_secret.deploy', 'GitHub Actions secret AZURE_CLIENT_SECRET of repository infra: whoever can run a workflow there can use it'],
      ['azuread_application_password.deploy', 'the secret it keeps signs in as application deploy'],
    ]]);
  });

  test('an environment secret behind required reviewers is narrower than a repository secret, and the finding says so', async () => {
    const hcl = APP + PASSWORD + REPOSITORY + environment('  reviewers {\n    users = [1234567]\n  }\n');
    const g = await entraGraphOf(hcl, ['credentialStores']);
    expect(g.credentialStores.map((s) => [s.kind, s.repository, s.environment, s.requiredReviewers, s.credential])).toEqual([
      ['github-actions-environment-secret', 'infra', 'prod', true, 'azuread_application_password.deploy'],
    ]);
    expect((await ruleFindings(hcl, 'AZA005')).map((f) => f.message)).toEqual([
      `${SECRET} Kept in GitHub Actions secret AZURE_CLIENT_SECRET of environment prod of repository infra: `
      + `a workflow there that a required reviewer approved (narrower than a repository secret) ${SIGNS_IN}`,
    ]);
  });

  test('an environment without required reviewers (or with reviewers that cannot be read) is as wide as a repository secret', async () => {
    for (const reviewers of ['', '  reviewers {\n    users = var.approvers\n  }\n']) {
      const messages = (await ruleFindings(APP + PASSWORD + REPOSITORY + environment(reviewers), 'AZA005')).map((f) => f.message);
      expect(messages).toEqual([
        `${SECRET} Kept in GitHub Actions secret AZURE_CLIENT_SECRET of environment prod of repository infra: `
        + `whoever can run a workflow there (no required reviewers: as wide as a repository secret) ${SIGNS_IN}`,
      ]);
    }
  });

  test('an environment the configuration does not declare: its reviewers cannot be seen, and the finding says so', async () => {
    const hcl = `${APP}${PASSWORD}${REPOSITORY}
resource "github_actions_environment_secret" "prod" {
  repository      = github_repository.infra.name
  environment     = "prod"
  secret_name     = "AZURE_CLIENT_SECRET"
  plaintext_value = azuread_application_password.deploy.value
}
`;
    expect((await ruleFindings(hcl, 'AZA005')).map((f) => f.message)).toEqual([
      `${SECRET} Kept in GitHub Actions secret AZURE_CLIENT_SECRET of environment prod of repository infra: whoever can run a workflow there `
      + `(the environment is not declared here, so its reviewers cannot be seen: counted as none, as wide as a repository secret) ${SIGNS_IN}`,
    ]);
  });

  test('kept in several stores: one finding naming each, and who can use it', async () => {
    const hcl = APP + PASSWORD + REPOSITORY + REPOSITORY_SECRET + environment('  reviewers {\n    teams = [42]\n  }\n');
    expect((await ruleFindings(hcl, 'AZA005')).map((f) => f.message)).toEqual([
      `${SECRET} Kept in 2 CI stores: GitHub Actions secret AZURE_CLIENT_SECRET of repository infra (whoever can run a workflow there), `
      + 'GitHub Actions secret AZURE_CLIENT_SECRET of environment prod of repository infra '
      + '(a workflow there that a required reviewer approved; narrower than a repository secret). '
      + `Whoever can use one ${SIGNS_IN}`,
    ]);
  });

  test('an organization secret shared with selected repositories, and an Azure DevOps variable group open to every pipeline', async () => {
    const hcl = `${APP}${PASSWORD}
resource "github_actions_organization_secret" "deploy" {
  secret_name             = "AZURE_CLIENT_SECRET"
  visibility              = "selected"
  selected_repository_ids = [1, 2]
  plaintext_value         = azuread_application_password.deploy.value
}
resource "azuredevops_variable_group" "deploy" {
  project_id   = "platform"
  name         = "deploy"
  allow_access = true
  variable {
    name  = "clientId"
    value = azuread_application_registration.deploy.client_id
  }
  variable {
    name         = "clientSecret"
    secret_value = azuread_application_password.deploy.value
    is_secret    = true
  }
}
`;
    const g = await entraGraphOf(hcl, ['credentialStores']);
    // One store per variable: the client ID is no secret, so that one keeps no credential.
    expect(g.credentialStores.map((s) => [s.kind, s.name, s.visibility ?? s.variableGroup, s.credential])).toEqual([
      ['github-actions-organization-secret', 'AZURE_CLIENT_SECRET', 'selected', 'azuread_application_password.deploy'],
      ['azure-devops-variable-group', 'clientId', 'deploy', undefined],
      ['azure-devops-variable-group', 'clientSecret', 'deploy', 'azuread_application_password.deploy'],
    ]);
    expect((await ruleFindings(hcl, 'AZA005')).map((f) => f.message)).toEqual([
      `${SECRET} Kept in 2 CI stores: GitHub Actions organization secret AZURE_CLIENT_SECRET (whoever can run a workflow in a repository it is shared with), `
      + 'Azure DevOps variable clientSecret of variable group deploy (project platform) (every pipeline of the project). '
      + `Whoever can use one ${SIGNS_IN}`,
    ]);
  });

  test('what the principal holds counts its directory roles and the grants of groups it is a member of: the widest is named', async () => {
    const hcl = `${PASSWORD}${REPOSITORY}${REPOSITORY_SECRET}${DEPLOY_APPLICATION}
resource "azuread_group" "deployers" {
  display_name     = "deployers"
  security_enabled = true
  members          = [azuread_service_principal.deploy.object_id]
}
${roleAssignment('group_reader', 'Reader', `"/subscriptions/${SUB}"`, 'azuread_group.deployers.object_id')}
resource "azuread_directory_role_assignment" "app_admin" {
  role_id             = "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3"
  principal_object_id = azuread_service_principal.deploy.object_id
}
`;
    const g = await entraGraphOf(hcl, ['directoryRoles', 'groupMemberships']);
    expect(g.grants.map((x) => [x.principal.name, x.role.name, x.scope.value])).toEqual([['deployers', 'Reader', `/subscriptions/${SUB}`]]);
    expect(g.directoryRoles.map((d) => [d.principal.name, d.role.name, d.scope.value])).toEqual([['deploy', 'Application Administrator', '/']]);
    expect((await ruleFindings(hcl, 'AZA005')).map((f) => f.message)).toEqual([
      `${SECRET} Kept in GitHub Actions secret AZURE_CLIENT_SECRET of repository infra: whoever can run a workflow there signs in as application deploy, `
      + 'which holds "Application Administrator (directory role)" at / (tenant) and 1 other grant.',
    ]);
  });

  test('a principal the configuration gives nothing, or an application without a declared service principal, is said so', async () => {
    const hcl = `${PASSWORD}${REPOSITORY}${REPOSITORY_SECRET}
resource "azuread_application_registration" "deploy" {
  display_name = "deploy"
}
`;
    expect((await ruleFindings(hcl, 'AZA005')).map((f) => f.message)).toEqual([
      `${SECRET} Kept in GitHub Actions secret AZURE_CLIENT_SECRET of repository infra: whoever can run a workflow there `
      + 'signs in as the service principal of deploy, which holds no grant this configuration declares.',
    ]);
  });

  test('through a local, as azure/login JSON credentials: the evaluator resolves it and the store keeps the secret', async () => {
    const documents = await readInputs(['test/fixtures/ci-secret-stores/through-locals'], { env: {} });
    const graph = AccessGraph.fromDocuments(documents.map((d) => ({ file: d.file, document: d.document })));
    expect(graph.credentialStores.map((s) => [s.name, s.credential])).toEqual([['AZURE_CREDENTIALS', 'azuread_application_password.deploy']]);
    expect(graph.grants.map((x) => [x.role.name, x.scope.value])).toEqual([['Contributor', `/subscriptions/${SUB}/resourceGroups/rg-app`]]);
    const messages = evaluate(graph, { today: TODAY }).findings.filter((f) => f.ruleId === 'AZA005').map((f) => f.message);
    expect(messages).toEqual([
      `${SECRET} Kept in GitHub Actions secret AZURE_CREDENTIALS of repository infra: whoever can run a workflow there `
      + 'signs in as application deploy, which holds "Contributor" at rg-app.',
    ]);
  });
});

describe('Azure DevOps service connections', () => {
  test('a key the configuration does not create is a service principal secret: AZA005 on the connection itself', async () => {
    const hcl = APP + serviceConnection('    serviceprincipalid  = azuread_application_registration.deploy.client_id\n    serviceprincipalkey = var.deploy_key\n');
    const g = await entraGraphOf(hcl, ['credentialStores', 'credentials']);
    expect(g.credentials.map((c) => [c.kind, c.owner, c.origin.address])).toEqual([
      ['service-principal-password', '${azuread_application_registration.deploy.client_id}', 'azuredevops_serviceendpoint_azurerm.prod'],
    ]);
    expect(g.credentialStores.map((s) => [s.kind, s.name, s.project, s.credential])).toEqual([
      ['azure-devops-service-connection', 'sc-prod', 'platform', 'azuredevops_serviceendpoint_azurerm.prod'],
    ]);
    const findings = await ruleFindings(hcl, 'AZA005');
    expect(findings.map((f) => [f.address, f.message])).toEqual([[
      'azuredevops_serviceendpoint_azurerm.prod',
      'service principal password of deploy (no end date written: Entra ends it two years after creation). '
      + `Kept in Azure DevOps service connection sc-prod of project platform: a pipeline authorized to use it ${SIGNS_IN}`,
    ]]);
    expect(findings[0].fix).toContain('service_endpoint_authentication_scheme = "WorkloadIdentityFederation"');
  });

  test('a key that is the configuration\'s own client secret: one finding, on the secret, naming the connection', async () => {
    const hcl = APP + PASSWORD
      + serviceConnection('    serviceprincipalid  = azuread_application_registration.deploy.client_id\n    serviceprincipalkey = azuread_application_password.deploy.value\n');
    const findings = await ruleFindings(hcl, 'AZA005');
    expect(findings.map((f) => [f.address, f.message])).toEqual([[
      'azuread_application_password.deploy',
      `${SECRET} Kept in Azure DevOps service connection sc-prod of project platform: a pipeline authorized to use it ${SIGNS_IN}`,
    ]]);
  });
});

describe('what keeps no secret stays quiet', () => {
  test('a federated credential used from CI, the GitHub secret holding only the client ID: no AZA005', async () => {
    const hcl = `${APP}${REPOSITORY}
resource "azuread_application_federated_identity_credential" "main" {
  application_id = azuread_application_registration.deploy.id
  display_name   = "main"
  audiences      = ["api://AzureADTokenExchange"]
  issuer         = "https://token.actions.githubusercontent.com"
  subject        = "repo:contoso/infra:ref:refs/heads/main"
}
resource "github_actions_secret" "client_id" {
  repository      = github_repository.infra.name
  secret_name     = "AZURE_CLIENT_ID"
  plaintext_value = azuread_application_registration.deploy.client_id
}
`;
    const g = await entraGraphOf(hcl, ['credentialStores', 'credentials']);
    expect(g.credentialStores.map((s) => [s.kind, s.name, s.credential])).toEqual([['github-actions-secret', 'AZURE_CLIENT_ID', undefined]]);
    expect(g.credentials.map((c) => c.kind)).toEqual(['federated']);
    expect(g.notReviewed).toEqual([]);
    expect(await ruleFindings(hcl, 'AZA005')).toEqual([]);
  });

  test('a workload identity federation service connection has no key: read, no credential, no AZA005', async () => {
    const hcl = APP + serviceConnection('    serviceprincipalid = azuread_application_registration.deploy.client_id\n',
      '  service_endpoint_authentication_scheme = "WorkloadIdentityFederation"\n');
    const g = await entraGraphOf(hcl, ['credentialStores', 'credentials']);
    expect(g.credentialStores.map((s) => [s.kind, s.name, s.servicePrincipalId, s.credential])).toEqual([
      ['azure-devops-service-connection', 'sc-prod', '${azuread_application_registration.deploy.client_id}', undefined],
    ]);
    expect(g.credentials).toEqual([]);
    expect(g.notReviewed).toEqual([]);
    expect(await ruleFindings(hcl, 'AZA005')).toEqual([]);
  });

  test('a repository secret of an unrelated value, or of the secret\'s key ID, keeps no credential: AZA005 says only the secret', async () => {
    const hcl = `${APP}${PASSWORD}${REPOSITORY}
resource "github_actions_secret" "slack" {
  repository      = github_repository.infra.name
  secret_name     = "SLACK_TOKEN"
  plaintext_value = var.slack_token
}
resource "github_actions_variable" "key_id" {
  repository    = github_repository.infra.name
  variable_name = "SECRET_KEY_ID"
  value         = azuread_application_password.deploy.key_id
}
`;
    const g = await entraGraphOf(hcl, ['credentialStores']);
    expect(g.credentialStores.map((s) => [s.kind, s.name, s.credential])).toEqual([
      ['github-actions-secret', 'SLACK_TOKEN', undefined],
      ['github-actions-variable', 'SECRET_KEY_ID', undefined],
    ]);
    expect((await ruleFindings(hcl, 'AZA005')).map((f) => f.message)).toEqual([SECRET]);
  });
});
