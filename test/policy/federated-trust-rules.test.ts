import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { cdktfShape, findingsOf, hclJson, ruleFindings, SUB } from './rule-fixtures';
import { METADATA_KEY } from '../../src/model/metadata';
import { AccessGraph } from '../../src/review/graph/access-graph';
import { cli } from '../cli/run-cli';

const RG = `/subscriptions/${SUB}/resourceGroups/rg-app`;
const VAULT = `${RG}/providers/Microsoft.KeyVault/vaults/kv-app`;
const GITHUB = '"https://token.actions.githubusercontent.com"';

/** A user-assigned identity holding `role` at `scope`, trusting `subject` of `issuer` (both HCL expressions). */
function identity(subject: string, role = 'Contributor', scope = `/subscriptions/${SUB}`, issuer = GITHUB): string {
  return `
variable "subject" {
  type = string
}
resource "azurerm_user_assigned_identity" "deploy" {
  name                = "uai-deploy"
  resource_group_name = "rg-identities"
  location            = "eastus"
  tags = {
    owner = "team-platform@contoso.example"
  }
}
resource "azurerm_role_assignment" "deploy" {
  scope                = "${scope}"
  role_definition_name = "${role}"
  principal_id         = azurerm_user_assigned_identity.deploy.principal_id
}
resource "azurerm_federated_identity_credential" "ci" {
  name                = "ci"
  resource_group_name = "rg-identities"
  parent_id           = azurerm_user_assigned_identity.deploy.id
  audience            = ["api://AzureADTokenExchange"]
  issuer              = ${issuer}
  subject             = ${subject}
}
`;
}

/** An application whose service principal holds a Microsoft Graph application permission, trusted by a flexible credential. */
function flexibleApplication(expression: string, appRoleId = '1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9'): string {
  return `
data "azuread_service_principal" "msgraph" {
  client_id = "00000003-0000-0000-c000-000000000000"
}
resource "azuread_application_registration" "deployer" {
  display_name = "deployer"
}
resource "azuread_service_principal" "deployer" {
  client_id = azuread_application_registration.deployer.client_id
}
resource "azuread_app_role_assignment" "graph" {
  app_role_id         = "${appRoleId}"
  principal_object_id = azuread_service_principal.deployer.object_id
  resource_object_id  = data.azuread_service_principal.msgraph.object_id
}
resource "azuread_application_flexible_federated_identity_credential" "ci" {
  application_id             = azuread_application_registration.deployer.id
  display_name               = "ci"
  audience                   = "api://AzureADTokenExchange"
  issuer                     = ${GITHUB}
  claims_matching_expression = "${expression}"
}
`;
}

/** The rule's findings as [severity, address, message]. */
async function judged(hcl: string) {
  return (await ruleFindings(hcl, 'AZA032')).map((f) => [f.severity, f.address, f.message]);
}

/** The graph of a configuration: a quiet test shows the credential and the grant were read, so silence is the rule's. */
async function graphOf(hcl: string): Promise<AccessGraph> {
  return AccessGraph.fromDocuments([{ file: 'main.tf', document: await hclJson(hcl) }]);
}

const CONTRIBUTOR_AT_SUB = 'managed identity uai-deploy, which holds "Contributor" at subscription 11111111-2222-3333-4444-555555555555 (tier 0)';

describe('AZA032: a tier-0 or tier-1 identity trusts more than a deployment environment', () => {
  test('a pull_request subject on an identity holding Contributor at the subscription is an error, naming who gets in and what they get', async () => {
    expect(await judged(identity('"repo:contoso/infra:pull_request"'))).toEqual([[
      'error', 'azurerm_federated_identity_credential.ci',
      `federated credential trusts pull requests of contoso/infra: anyone who can open a pull request from a branch of contoso/infra can get a token of ${CONTRIBUTOR_AT_SUB}.`,
    ]]);
    const [finding] = await ruleFindings(identity('"repo:contoso/infra:pull_request"'), 'AZA032');
    expect(finding.fix).toContain('Trust a deployment environment with required reviewers');
  });

  test('a pull_request subject on an identity with Reader on one resource group is not this rule\'s finding (tier 2)', async () => {
    const hcl = identity('"repo:contoso/infra:pull_request"', 'Reader', RG);
    const graph = await graphOf(hcl);
    expect(graph.credentials.map((c) => [c.kind, c.subject])).toEqual([['federated', 'repo:contoso/infra:pull_request']]);
    expect(graph.grants.map((g) => [g.role.name, g.scope.value])).toEqual([['Reader', RG]]);
    expect(await judged(hcl)).toEqual([]);
    // The tier decides, not the subject: Contributor on the same resource group makes it an error.
    expect((await judged(identity('"repo:contoso/infra:pull_request"', 'Contributor', RG))).map(([severity]) => severity)).toEqual(['error']);
  });

  test('an environment subject on a tier-0 identity is not this rule\'s finding; the grant still is another rule\'s', async () => {
    const hcl = identity('"repo:contoso/ordering-api:environment:prod"');
    expect(await judged(hcl)).toEqual([]);
    const ids = findingsOf(await hclJson(hcl)).map((f) => f.ruleId);
    expect(ids).toContain('AZA004');
    expect(ids).not.toContain('AZA032');
    // The subject decides, not the identity: the same identity trusting a branch of the repository is a finding.
    expect((await judged(identity('"repo:contoso/ordering-api:ref:refs/heads/main"'))).map(([severity]) => severity)).toEqual(['warning']);
  });

  test('a branch subject on a tier-1 identity (Key Vault Secrets User on one vault) is a warning', async () => {
    expect(await judged(identity('"repo:contoso/infra:ref:refs/heads/main"', 'Key Vault Secrets User', VAULT))).toEqual([[
      'warning', 'azurerm_federated_identity_credential.ci',
      'federated credential trusts branch main of contoso/infra: whoever can push to that branch of contoso/infra can get a token of '
        + 'managed identity uai-deploy, which holds "Key Vault Secrets User" at kv-app (tier 1).',
    ]]);
  });

  test('a tag subject is a warning; on a tier-2 identity, branch and tag are quiet', async () => {
    const tag = '"repo:contoso/infra:ref:refs/tags/v1.2.0"';
    expect((await judged(identity(tag))).map(([severity, , message]) => [severity, (message as string).split(':')[0]]))
      .toEqual([['warning', 'federated credential trusts tag v1.2.0 of contoso/infra']]);
    expect(await judged(identity(tag, 'Reader', RG))).toEqual([]);
    expect(await judged(identity('"repo:contoso/infra:ref:refs/heads/main"', 'Reader', RG))).toEqual([]);
  });

  test('a subject known only at apply counts as the widest: an error', async () => {
    expect(await judged(identity('var.subject'))).toEqual([[
      'error', 'azurerm_federated_identity_credential.ci',
      'federated credential trusts a subject known only at apply (${var.subject}): every workload https://token.actions.githubusercontent.com gives a token to '
        + `(unknown counts as the widest) can get a token of ${CONTRIBUTOR_AT_SUB}.`,
    ]]);
  });

  test('an environment or branch known only at apply is still one; a context known only at apply is the widest', async () => {
    expect(await judged(identity('"repo:contoso/infra:environment:\${var.subject}"'))).toEqual([]);
    expect((await judged(identity('"repo:contoso/infra:ref:refs/heads/\${var.subject}"'))).map(([severity, , message]) => [severity, (message as string).split(':')[0]]))
      .toEqual([['warning', 'federated credential trusts branch (known only at apply) of contoso/infra']]);
    expect((await judged(identity('"repo:contoso/infra:\${var.subject}"'))).map(([severity]) => severity)).toEqual(['error']);
  });

  test('a GitHub subject that names no environment, branch, tag or pull request (a customized claim) is an error', async () => {
    const findings = await judged(identity('"repo:contoso/infra:job_workflow_ref:contoso/infra/.github/workflows/deploy.yml@refs/heads/main"'));
    expect(findings.map(([severity, , message]) => [severity, (message as string).split(': ')[1]])).toEqual([[
      'error', 'any workflow run of contoso/infra (pull requests included) can get a token of managed identity uai-deploy, which holds "Contributor" at subscription 11111111-2222-3333-4444-555555555555 (tier 0).',
    ]]);
  });

  test('a wildcard in a flexible credential\'s expression, on an application holding a tier-0 Graph permission, is an error', async () => {
    expect(await judged(flexibleApplication("claims['sub'] matches 'repo:contoso/*'"))).toEqual([[
      'error', 'azuread_application_flexible_federated_identity_credential.ci',
      "federated credential trusts every subject matching 'repo:contoso/*': every workload whose subject matches 'repo:contoso/*' (a wildcard) can get a token of "
        + 'application deployer, which holds "Application.ReadWrite.All (application permission)" at Microsoft Graph (tier 0).',
    ]]);
  });

  test('a flexible credential: an exact environment is quiet, a branch pattern with a wildcard an error, no clause on sub an error', async () => {
    expect(await judged(flexibleApplication("claims['sub'] eq 'repo:contoso/infra:environment:prod'"))).toEqual([]);
    const wildcardBranch = await judged(flexibleApplication("claims['sub'] matches 'repo:contoso/infra:ref:refs/heads/*'"));
    expect(wildcardBranch.map(([severity]) => severity)).toEqual(['error']);
    const exactPullRequest = await judged(flexibleApplication("claims['sub'] eq 'repo:contoso/infra:pull_request'"));
    expect(exactPullRequest.map(([severity, , message]) => [severity, (message as string).split(':')[0]]))
      .toEqual([['error', 'federated credential trusts pull requests of contoso/infra']]);
    // Each clause joined by `and` narrows: a wildcard on another claim leaves the environment on sub in force.
    expect(await judged(flexibleApplication(
      "claims['sub'] eq 'repo:contoso/infra:environment:prod' and claims['job_workflow_ref'] matches 'contoso/infra/.github/workflows/*'"))).toEqual([]);
    const noSubject = await judged(flexibleApplication("claims['job_workflow_ref'] matches 'contoso/infra/.github/workflows/deploy.yml@*'"));
    expect(noSubject.map(([severity, , message]) => [severity, (message as string).split(': ')[0]])).toEqual([[
      'error', "federated credential trusts any subject (claims['job_workflow_ref'] matches 'contoso/infra/.github/workflows/deploy.yml@*' has no clause on sub)",
    ]]);
  });

  test('a flexible credential on an application holding a tier-2 Graph permission (User.Read.All) is quiet', async () => {
    const hcl = flexibleApplication("claims['sub'] matches 'repo:contoso/*'", 'df021288-bdef-4463-88db-98f22de89214');
    expect((await graphOf(hcl)).appPermissions.map((p) => p.permission?.name)).toEqual(['User.Read.All']);
    expect(await judged(hcl)).toEqual([]);
    const tier1 = flexibleApplication("claims['sub'] matches 'repo:contoso/*'", 'dc5007c0-2d7d-4c42-879c-2dab87571379');
    expect((await judged(tier1)).map(([severity, , message]) => [severity, (message as string).split(', which ')[1]]))
      .toEqual([['error', 'holds "IdentityRiskyUser.Read.All (application permission)" at Microsoft Graph (tier 1).']]);
  });

  test('Kubernetes service accounts, Azure DevOps service connections and Terraform Cloud applies are not this rule\'s findings', async () => {
    const quiet = [
      ['"system:serviceaccount:platform:ops-operator"', 'azurerm_kubernetes_cluster.aks.oidc_issuer_url'],
      ['"sc://contoso/infra/prod-deploy"', '"https://vstoken.dev.azure.com/00000000-0000-0000-0000-000000000001"'],
      ['"organization:contoso:project:infra:workspace:prod:run_phase:apply"', '"https://app.terraform.io"'],
    ];
    for (const [subject, issuer] of quiet) {
      const hcl = identity(subject, 'Contributor', `/subscriptions/${SUB}`, issuer);
      expect((await graphOf(hcl)).credentials.map((c) => c.subject)).toEqual([JSON.parse(subject)]);
      expect([subject, await judged(hcl)]).toEqual([subject, []]);
    }
    // The same identity trusting a GitHub pull request is a finding: the issuer and subject decide.
    expect((await judged(identity('"repo:contoso/infra:pull_request"'))).map(([severity]) => severity)).toEqual(['error']);
  });

  test('a Terraform Cloud apply of a workspace the configuration declares with auto-apply on is judged as a plan would be', async () => {
    const apply = identity('"organization:contoso:project:infra:workspace:prod:run_phase:apply"', 'Contributor', `/subscriptions/${SUB}`, '"https://app.terraform.io"');
    const workspace = (autoApply: string) => `
resource "tfe_workspace" "prod" {
  name         = "prod"
  organization = "contoso"
  auto_apply   = ${autoApply}
}
`;
    const [auto] = await ruleFindings(apply + workspace('true'), 'AZA032');
    expect([auto.severity, auto.message.split(': ')[0]]).toEqual(['warning',
      'federated credential trusts applies of workspace prod of contoso, which this configuration declares with auto-apply on']);
    // Unknown until apply counts as on; off, an apply waits for someone to confirm it.
    expect((await ruleFindings(apply + workspace('var.auto_apply'), 'AZA032')).map((f) => f.severity)).toEqual(['warning']);
    expect(await ruleFindings(apply + workspace('false'), 'AZA032')).toEqual([]);
  });

  test('a Terraform Cloud plan and a GitLab branch are warnings, each with its own fix', async () => {
    const plan = await ruleFindings(identity('"organization:contoso:project:infra:workspace:prod:run_phase:plan"', 'Contributor', `/subscriptions/${SUB}`,
      '"https://app.terraform.io"'), 'AZA032');
    expect(plan.map((f) => [f.severity, f.message.split(': ')[0]])).toEqual([['warning', 'federated credential trusts plans of workspace prod of contoso']]);
    expect(plan[0].fix).toContain('run_phase:apply');
    const gitlab = await ruleFindings(identity('"project_path:contoso/infra:ref_type:branch:ref:main"', 'Contributor', `/subscriptions/${SUB}`,
      '"https://gitlab.com"'), 'AZA032');
    expect(gitlab.map((f) => [f.severity, f.message.split(': ')[0]])).toEqual([['warning', 'federated credential trusts branch main of contoso/infra']]);
    expect(gitlab[0].fix).toContain('GitLab puts no environment in the subject');
  });

  test('azapi: a credential on an azapi identity is judged the same, its flexible expression read from the body', async () => {
    const azapi = (properties: string) => `
resource "azapi_resource" "uai" {
  type      = "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31"
  name      = "uai-deploy"
  parent_id = "${RG}"
  location  = "eastus"
}
resource "azurerm_role_assignment" "deploy" {
  scope                = "${RG}"
  role_definition_name = "Owner"
  principal_id         = azapi_resource.uai.output.properties.principalId
}
resource "azapi_resource" "fic" {
  type      = "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2025-01-31-preview"
  name      = "ci"
  parent_id = azapi_resource.uai.id
  body = {
    properties = {
      issuer    = "https://token.actions.githubusercontent.com"
      audiences = ["api://AzureADTokenExchange"]
${properties}
    }
  }
}
`;
    const wildcard = azapi("      claimsMatchingExpression = {\n        value           = \"claims['sub'] matches 'repo:contoso/*'\"\n        languageVersion = 1\n      }");
    expect((await graphOf(wildcard)).credentials.map((c) => [c.origin.address, c.claimsMatchingExpression]))
      .toEqual([['azapi_resource.fic', "claims['sub'] matches 'repo:contoso/*'"]]);
    expect((await judged(wildcard)).map(([severity, address, message]) => [severity, address, (message as string).split(', which ')[1]]))
      .toEqual([['error', 'azapi_resource.fic', 'holds "Owner" at rg-app (tier 0).']]);
    expect(await judged(azapi('      subject = "repo:contoso/infra:environment:prod"'))).toEqual([]);
  });

  test('an identity this configuration does not declare is named, as a warning: what it holds cannot be seen, so no tier is claimed', async () => {
    const hcl = `
resource "azurerm_federated_identity_credential" "ci" {
  name                = "ci"
  resource_group_name = "rg-identities"
  parent_id           = "/subscriptions/${SUB}/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-elsewhere"
  audience            = ["api://AzureADTokenExchange"]
  issuer              = ${GITHUB}
  subject             = "repo:contoso/infra:pull_request"
}
`;
    const [finding] = await ruleFindings(hcl, 'AZA032');
    expect(finding.severity).toBe('warning');
    expect(finding.message).toContain('which this configuration does not declare: what it holds cannot be seen here.');
  });

  test('an application declared without its service principal is said to be that, not an undeclared identity', async () => {
    const hcl = `
resource "azuread_application_registration" "reader" {
  display_name = "ci-reader"
}
resource "azuread_application_federated_identity_credential" "pr" {
  application_id = azuread_application_registration.reader.id
  display_name   = "pr"
  audiences      = ["api://AzureADTokenExchange"]
  issuer         = ${GITHUB}
  subject        = "repo:contoso/infra:pull_request"
}
`;
    const [finding] = await ruleFindings(hcl, 'AZA032');
    expect([finding.severity, finding.message]).toEqual(['warning', 'federated credential trusts pull requests of contoso/infra: anyone who can open a pull '
      + 'request from a branch of contoso/infra can get a token of the application ci-reader, whose service principal this configuration does not declare: '
      + 'what it holds cannot be seen here.']);
  });

  test('an environment the configuration declares without required reviewers is judged as a branch; with reviewers it is quiet', async () => {
    const owner = identity('"repo:contoso/infra:environment:prod"', 'Owner', `/subscriptions/${SUB}/resourceGroups/rg-app`);
    const environment = (reviewers: string) => `
resource "github_repository_environment" "prod" {
  repository  = "infra"
  environment = "prod"
${reviewers}
}
`;
    const [open] = await ruleFindings(owner + environment(''), 'AZA032');
    expect([open.severity, open.message]).toEqual(['warning', 'federated credential trusts environment prod of contoso/infra, which this configuration declares '
      + 'without required reviewers: any job of contoso/infra can get a token of managed identity uai-deploy, which holds "Owner" at rg-app (tier 0).']);
    expect(await ruleFindings(owner + environment('  reviewers {\n    users = [12345]\n  }'), 'AZA032')).toEqual([]);
    // Not declared here: its reviewers may be set in GitHub; the environment subject is the shape the rule asks for.
    expect(await ruleFindings(owner, 'AZA032')).toEqual([]);
  });

  test('a tier-0 role held through a group the identity is a standing member of counts', async () => {
    const hcl = identity('"repo:contoso/infra:pull_request"', 'Reader', RG) + `
resource "azuread_group" "deployers" {
  display_name     = "deployers"
  security_enabled = true
}
resource "azuread_group_member" "deploy" {
  group_object_id  = azuread_group.deployers.object_id
  member_object_id = azurerm_user_assigned_identity.deploy.principal_id
}
resource "azurerm_role_assignment" "deployers" {
  scope                = "${RG}"
  role_definition_name = "Owner"
  principal_id         = azuread_group.deployers.object_id
}
`;
    const findings = await judged(hcl);
    expect(findings.map(([severity, , message]) => [severity, (message as string).split(', which ')[1]])).toEqual([['error', 'holds "Owner" at rg-app (tier 0) and 1 other grant.']]);
  });

  test('a suppression with a reason, recorded in the JSON, accepts the finding', async () => {
    const document = cdktfShape(await hclJson(identity('"repo:contoso/infra:pull_request"'))) as any;
    expect(findingsOf(document).map((f) => f.ruleId)).toContain('AZA032');
    document.resource.azurerm_federated_identity_credential.ci['//'] = { [METADATA_KEY]: { suppressions: [{ ruleId: 'AZA032', reason: 'the preview environment' }] } };
    expect(findingsOf(document).map((f) => f.ruleId)).not.toContain('AZA032');
  });
});

describe('azure-access check over HCL and JSON reports AZA032', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'aza032-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('HCL: a pull request trust on a Contributor identity fails the check; an environment trust passes it', async () => {
    writeFileSync(path.join(dir, 'main.tf'), identity('"repo:contoso/infra:pull_request"', 'Contributor', RG));
    const failing = await cli(['check', '--format', 'json', '--today', '2026-11-27', dir]);
    const out = JSON.parse(failing.stdout);
    expect(out.findings.filter((f: { ruleId: string }) => f.ruleId === 'AZA032').map((f: { severity: string; address: string }) => [f.severity, f.address]))
      .toEqual([['error', 'azurerm_federated_identity_credential.ci']]);
    expect(failing.code).toBe(1);
    writeFileSync(path.join(dir, 'main.tf'), identity('"repo:contoso/infra:environment:prod"', 'Contributor', RG));
    const passing = JSON.parse((await cli(['check', '--format', 'json', '--today', '2026-11-27', dir])).stdout);
    expect(passing.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['AZA004']);
  });

  test('JSON: a branch trust is a warning, and the command does not fail on it alone', async () => {
    const file = path.join(dir, 'main.tf.json');
    writeFileSync(file, JSON.stringify(await hclJson(identity('"repo:contoso/infra:ref:refs/heads/main"', 'Key Vault Secrets User', VAULT))));
    const result = await cli(['check', '--format', 'json', '--today', '2026-11-27', file]);
    const out = JSON.parse(result.stdout);
    expect(out.findings.map((f: { ruleId: string; severity: string }) => [f.ruleId, f.severity])).toEqual([['AZA032', 'warning']]);
    expect(result.code).toBe(0);
  });
});
