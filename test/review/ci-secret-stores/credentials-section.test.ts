import { DEPLOY_APPLICATION, DEPLOY_PASSWORD, roleAssignment } from './store-fixtures';
import { AccessGraph } from '../../../src/review/graph/access-graph';
import { buildReport } from '../../../src/review/report/access-report';
import { renderReportMarkdown, renderReportJson } from '../../../src/review/report/render-report';
import { renderReportHtml } from '../../../src/review/report/render-report-html';
import { hclJson, SUB } from '../../policy/rule-fixtures';

const HCL = `${DEPLOY_APPLICATION}${roleAssignment('owner', 'Owner', `"/subscriptions/${SUB}/resourceGroups/rg-app"`)}${DEPLOY_PASSWORD}
resource "azuread_application_password" "unused" {
  application_id = azuread_application_registration.deploy.id
}
resource "github_repository_environment" "prod" {
  repository  = "infra"
  environment = "prod"
  reviewers {
    users = [1234567]
  }
}
resource "github_actions_secret" "deploy" {
  repository      = "infra"
  secret_name     = "AZURE_CLIENT_SECRET"
  plaintext_value = azuread_application_password.deploy.value
}
resource "github_actions_environment_secret" "prod" {
  repository      = "infra"
  environment     = "prod"
  secret_name     = "AZURE_CLIENT_SECRET"
  plaintext_value = azuread_application_password.deploy.value
}
resource "azuredevops_serviceendpoint_azurerm" "prod" {
  project_id            = "platform"
  service_endpoint_name = "sc-prod"
  credentials {
    serviceprincipalid  = azuread_application_registration.deploy.client_id
    serviceprincipalkey = var.deploy_key
  }
}
`;

async function report() {
  return buildReport(AccessGraph.fromDocuments([{ file: 'main.tf', document: await hclJson(HCL) }]));
}

describe('the report\'s Credentials section names the CI stores of each secret', () => {
  test('markdown: each store in the notes, with where it is and its address', async () => {
    const markdown = renderReportMarkdown(await report());
    const section = markdown.slice(markdown.indexOf('### Credentials'), markdown.indexOf('### Escalations'));
    expect(section.split('\n').filter((l) => l.startsWith('| application-password') || l.startsWith('| service-principal-password'))).toEqual([
      '| application-password | `deploy` | not written (Entra: two years after creation) |  | '
      + 'kept in GitHub Actions secret AZURE_CLIENT_SECRET of repository infra (`github_actions_secret.deploy`); '
      + 'kept in GitHub Actions secret AZURE_CLIENT_SECRET of environment prod of repository infra (behind required reviewers, `github_actions_environment_secret.prod`) '
      + '| `azuread_application_password.deploy` |',
      '| application-password | `deploy` | not written (Entra: two years after creation) |  |  | `azuread_application_password.unused` |',
      '| service-principal-password | `deploy` | not written (Entra: two years after creation) |  | '
      + 'kept in Azure DevOps service connection sc-prod of project platform (`azuredevops_serviceendpoint_azurerm.prod`) '
      + '| `azuredevops_serviceendpoint_azurerm.prod` |',
    ]);
    // Every store is an access resource the review read.
    expect(markdown).toContain('Every access resource of the input was read (');
  });

  test('JSON: stores with their kind, repository, environment or project, and address; none on a secret no store keeps', async () => {
    const credentials = JSON.parse(renderReportJson(await report())).credentials as { address: string; stores?: unknown[] }[];
    expect(credentials.map((c) => [c.address, c.stores])).toEqual([
      ['azuread_application_password.deploy', [
        {
          kind: 'github-actions-secret',
          store: 'GitHub Actions secret AZURE_CLIENT_SECRET of repository infra',
          name: 'AZURE_CLIENT_SECRET',
          repository: 'infra',
          address: 'github_actions_secret.deploy',
        },
        {
          kind: 'github-actions-environment-secret',
          store: 'GitHub Actions secret AZURE_CLIENT_SECRET of environment prod of repository infra',
          name: 'AZURE_CLIENT_SECRET',
          repository: 'infra',
          environment: 'prod',
          requiredReviewers: true,
          address: 'github_actions_environment_secret.prod',
        },
      ]],
      ['azuread_application_password.unused', undefined],
      ['azuredevops_serviceendpoint_azurerm.prod', [
        {
          kind: 'azure-devops-service-connection',
          store: 'Azure DevOps service connection sc-prod of project platform',
          name: 'sc-prod',
          project: 'platform',
          address: 'azuredevops_serviceendpoint_azurerm.prod',
        },
      ]],
    ]);
    expect(credentials.find((c) => c.address === 'azuread_application_password.unused')).not.toHaveProperty('stores');
  });

  test('HTML: the same notes', async () => {
    const html = renderReportHtml(await report());
    expect(html).toContain('kept in GitHub Actions secret AZURE_CLIENT_SECRET of repository infra (github_actions_secret.deploy)');
    expect(html).toContain('kept in Azure DevOps service connection sc-prod of project platform (azuredevops_serviceendpoint_azurerm.prod)');
  });
});
