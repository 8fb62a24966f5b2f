import { declaredGraph, expectRefused, fixtureText, SUB } from './audit-fixtures';
import { Finding } from '../../../src/model/finding';
import { Severity } from '../../../src/model/severity';
import { AuditRuleId } from '../../../src/review/audit/audit-rule-ids';
import { auditFederatedCredentials, LiveFederatedCredentials } from '../../../src/review/audit/federated-credential-findings';
import {
  applicationFederatedCredentials, parseApplicationFederatedCredentials, parseIdentityFederatedCredentials,
} from '../../../src/review/audit/parse-federated-credentials';

const APPLICATIONS = 'graph-applications-federated-credentials.json';
const IDENTITIES = 'az-identity-federated-credential-list.json';
const ARM_LIST = 'arm-identity-federated-credentials-list.json';
const GITHUB = 'https://token.actions.githubusercontent.com';
const PIPELINE = '44445555-eeee-6666-ffff-7777aaaa8888';
const IDENTITY = `/subscriptions/${SUB}/resourcegroups/rg-contoso-app/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-contoso-app`;

const applicationsJson = () => JSON.parse(fixtureText(APPLICATIONS));
const identitiesJson = () => JSON.parse(fixtureText(IDENTITIES));

describe('federated credentials of applications (Microsoft Graph applications with $expand=federatedIdentityCredentials)', () => {
  test('each application with its credentials: issuer, subject, audiences, and whose they are', () => {
    const parsed = parseApplicationFederatedCredentials(APPLICATIONS, fixtureText(APPLICATIONS));
    expect(parsed.items.map((a) => [a.place, a.id, a.appId, a.displayName, a.credentials.length])).toEqual([
      ['/value/0', 'bcd7c908-1c4d-4d48-93ee-ff38349a75c8', '55556666-ffff-7777-aaaa-8888bbbb9999', 'contoso-tenant-sync', 1],
      ['/value/1', PIPELINE, '22223333-cccc-4444-dddd-5555eeee6666', 'contoso-deploy-pipeline', 2],
      ['/value/2', '66667777-aaaa-8888-bbbb-9999cccc0000', '77778888-bbbb-9999-cccc-0000dddd1111', 'contoso-reporting', 0],
    ]);
    const credentials = applicationFederatedCredentials(parsed);
    expect(credentials[0]).toEqual({
      file: APPLICATIONS,
      place: '/value/0/federatedIdentityCredentials/0',
      id: 'bdad0963-4a7a-43ae-b569-e67e1da3f2c0',
      name: 'testing',
      issuer: 'https://login.microsoftonline.com/3d1e2be9-a10a-4a0c-8380-7ce190f98ed9/v2.0',
      subject: 'a7d388c3-5e3f-4959-ac7d-786b3383006a',
      description: 'This is my test  federated identity credential 03',
      audiences: ['api://AzureADTokenExchange'],
      owner: { kind: 'application', id: 'bcd7c908-1c4d-4d48-93ee-ff38349a75c8', appId: '55556666-ffff-7777-aaaa-8888bbbb9999', displayName: 'contoso-tenant-sync' },
    });
    expect(credentials.map((c) => [c.place, c.name, c.subject, c.owner.id])).toEqual([
      ['/value/0/federatedIdentityCredentials/0', 'testing', 'a7d388c3-5e3f-4959-ac7d-786b3383006a', 'bcd7c908-1c4d-4d48-93ee-ff38349a75c8'],
      ['/value/1/federatedIdentityCredentials/0', 'infra-production', 'repo:contoso/infra:environment:production', PIPELINE],
      ['/value/1/federatedIdentityCredentials/1', 'infra-pull-requests', 'repo:contoso/infra:pull_request', PIPELINE],
    ]);
  });

  test('a flexible credential (beta) is read by its expression, with no subject', () => {
    const json = applicationsJson();
    json.value[1].federatedIdentityCredentials[1].subject = null;
    json.value[1].federatedIdentityCredentials[1].claimsMatchingExpression = { value: "claims['sub'] matches 'repo:contoso/*'", languageVersion: 1 };
    const [, , flexible] = applicationFederatedCredentials(parseApplicationFederatedCredentials(APPLICATIONS, JSON.stringify(json)));
    expect([flexible.subject, flexible.claimsMatchingExpression]).toEqual([undefined, "claims['sub'] matches 'repo:contoso/*'"]);
  });

  test.each([
    ['a page', (json: any) => json],
    ['an array of pages', (json: any) => [{ value: json.value.slice(0, 1) }, { value: json.value.slice(1) }]],
    ['a plain array of applications', (json: any) => json.value],
  ])('%s gives the same credentials', (_shape, shape) => {
    const text = JSON.stringify(shape(applicationsJson()));
    const credentials = applicationFederatedCredentials(parseApplicationFederatedCredentials(APPLICATIONS, text));
    expect(credentials.map((c) => [c.id, c.owner.id])).toEqual([
      ['bdad0963-4a7a-43ae-b569-e67e1da3f2c0', 'bcd7c908-1c4d-4d48-93ee-ff38349a75c8'],
      ['50000000-aaaa-bbbb-cccc-000000000001', PIPELINE],
      ['50000000-aaaa-bbbb-cccc-000000000002', PIPELINE],
    ]);
  });

  test.each([
    ['an application listed without $expand', (j: any) => { delete j.value[2].federatedIdentityCredentials; }, '/value/2/federatedIdentityCredentials', /\$expand=federatedIdentityCredentials/],
    ['an appId that is no GUID', (j: any) => { j.value[0].appId = 'contoso-tenant-sync'; }, '/value/0/appId', /object ID/],
    ['a credential without an issuer', (j: any) => { delete j.value[1].federatedIdentityCredentials[0].issuer; }, '/value/1/federatedIdentityCredentials/0/issuer', /string/],
    ['a credential with neither subject nor expression', (j: any) => { j.value[1].federatedIdentityCredentials[1].subject = null; },
      '/value/1/federatedIdentityCredentials/1/subject', /subject or a claimsMatchingExpression .*neither/],
    ['a credential with both', (j: any) => { j.value[1].federatedIdentityCredentials[1].claimsMatchingExpression = { value: "claims['sub'] eq 'x'" }; },
      '/value/1/federatedIdentityCredentials/1/claimsMatchingExpression', /both/],
    ['an expression without its value', (j: any) => { j.value[1].federatedIdentityCredentials[1].subject = null; j.value[1].federatedIdentityCredentials[1].claimsMatchingExpression = {}; },
      '/value/1/federatedIdentityCredentials/1/claimsMatchingExpression/value', /string/],
    ['audiences that are not strings', (j: any) => { j.value[0].federatedIdentityCredentials[0].audiences = [1]; }, '/value/0/federatedIdentityCredentials/0/audiences/0', /string/],
    ['a credential ID that is no GUID', (j: any) => { j.value[1].federatedIdentityCredentials[0].id = 'infra-production'; }, '/value/1/federatedIdentityCredentials/0/id', /GUID/],
  ])('%s is an InputError with file and JSON pointer', (_what, spoil, place, message) => {
    expectRefused(APPLICATIONS, applicationsJson(), spoil, parseApplicationFederatedCredentials, place, message);
  });
});

describe('federated credentials of user-assigned identities (az identity federated-credential list, ARM list)', () => {
  test('az: the flattened credentials, each with the identity its ID is under', () => {
    const parsed = parseIdentityFederatedCredentials(IDENTITIES, fixtureText(IDENTITIES));
    expect(parsed.items.map((c) => [c.place, c.name, c.subject, c.claimsMatchingExpression])).toEqual([
      ['/0', 'github-main', 'repo:contoso/app:ref:refs/heads/main', undefined],
      ['/1', 'github-any-repo', undefined, "claims['sub'] matches 'repo:contoso/*'"],
    ]);
    expect(parsed.items[0]).toEqual({
      file: IDENTITIES,
      place: '/0',
      id: `${IDENTITY}/federatedIdentityCredentials/github-main`,
      name: 'github-main',
      issuer: GITHUB,
      subject: 'repo:contoso/app:ref:refs/heads/main',
      audiences: ['api://AzureADTokenExchange'],
      owner: { kind: 'user-assigned-identity', id: IDENTITY, subscriptionId: SUB, resourceGroup: 'rg-contoso-app', name: 'id-contoso-app' },
    });
  });

  test('ARM: Microsoft\'s documented list, its properties under "properties", and its nextLink kept', () => {
    const parsed = parseIdentityFederatedCredentials(ARM_LIST, fixtureText(ARM_LIST));
    expect(parsed.items).toEqual([{
      file: ARM_LIST,
      place: '/value/0',
      id: '/subscriptions/subid/resourcegroups/rgName/providers/Microsoft.ManagedIdentity/userAssignedIdentities/identityName/federatedIdentityCredentials/ficResourceName',
      name: 'ficResourceName',
      issuer: 'https://oidc.prod-aks.azure.com/TenantGUID/IssuerGUID',
      subject: 'system:serviceaccount:ns:svcaccount',
      audiences: ['api://AzureADTokenExchange'],
      owner: {
        kind: 'user-assigned-identity',
        id: '/subscriptions/subid/resourcegroups/rgName/providers/Microsoft.ManagedIdentity/userAssignedIdentities/identityName',
        subscriptionId: 'subid',
        resourceGroup: 'rgName',
        name: 'identityName',
      },
    }]);
    expect(parsed.nextLink).toMatch(/federatedIdentityCredentials\?api-version=2023-01-31/);
  });

  test.each([
    ['a plain array, as az prints it', (items: any[]) => items],
    ['a page', (items: any[]) => ({ value: items })],
    ['an array of pages, one an identity', (items: any[]) => [{ value: items.slice(0, 1) }, { value: items.slice(1) }]],
  ])('%s gives the same credentials', (_shape, shape) => {
    const parsed = parseIdentityFederatedCredentials(IDENTITIES, JSON.stringify(shape(identitiesJson())));
    expect(parsed.items.map((c) => [c.id, c.owner.kind === 'user-assigned-identity' ? c.owner.name : c.owner.id])).toEqual([
      [`${IDENTITY}/federatedIdentityCredentials/github-main`, 'id-contoso-app'],
      [`${IDENTITY}/federatedIdentityCredentials/github-any-repo`, 'id-contoso-app'],
    ]);
  });

  test.each([
    ['an ID that is no identity\'s credential', (j: any) => { j[0].id = IDENTITY; }, '/0/id', /federatedIdentityCredentials\/<name>/],
    ['a credential of another type', (j: any) => { j[1].type = 'Microsoft.Authorization/roleAssignments'; }, '/1/type', /expected type/],
    ['no name', (j: any) => { delete j[0].name; }, '/0/name', /string/],
    ['neither subject nor expression', (j: any) => { j[1].claimsMatchingExpression = null; }, '/1/subject', /neither/],
    ['properties that are no object', (j: any) => { j[0].properties = 'x'; }, '/0/properties', /object/],
    ['an issuer under properties that is no string', (j: any) => { j[0].properties = { issuer: 1, subject: 's' }; }, '/0/properties/issuer', /string/],
  ])('%s is an InputError with file and JSON pointer', (_what, spoil, place, message) => {
    expectRefused(IDENTITIES, identitiesJson(), spoil, parseIdentityFederatedCredentials, place, message);
  });
});

const IDENTITY_HCL = `
resource "azurerm_user_assigned_identity" "app" {
  name                = "id-contoso-app"
  resource_group_name = "rg-contoso-app"
  location            = "eastus"
}
`;

function federated(name: string, owner: string, subject: string, type = 'azurerm_federated_identity_credential'): string {
  const ownerLine = type === 'azurerm_federated_identity_credential' ? `parent_id = ${owner}\n  resource_group_name = "rg-contoso-app"\n  name = "${name}"\n  audience = ["api://AzureADTokenExchange"]`
    : `application_id = ${owner}\n  display_name = "${name}"\n  audiences = ["api://AzureADTokenExchange"]`;
  return `
resource "${type}" "${name.replace(/-/g, '_')}" {
  ${ownerLine}
  issuer  = "${GITHUB}"
  subject = ${subject.startsWith('var.') ? subject : `"${subject}"`}
}
`;
}

const APP = 'azuread_application_federated_identity_credential';

function live(): LiveFederatedCredentials {
  return {
    applications: parseApplicationFederatedCredentials(APPLICATIONS, fixtureText(APPLICATIONS)),
    identities: parseIdentityFederatedCredentials(IDENTITIES, fixtureText(IDENTITIES)),
  };
}

const of = (findings: Finding[], ruleId: AuditRuleId) => findings.filter((f) => f.ruleId === ruleId);

describe('auditFederatedCredentials', () => {
  test('AUD014: every credential of the tenant no code declares; an open subject (pull requests, a wildcard) is an error', async () => {
    const audit = auditFederatedCredentials(await declaredGraph(IDENTITY_HCL), live());
    const unmanaged = of(audit.findings, AuditRuleId.FEDERATED_CREDENTIAL_UNMANAGED);
    expect(unmanaged.map((f) => [f.file, f.address, f.severity])).toEqual([
      [APPLICATIONS, '/value/0/federatedIdentityCredentials/0', Severity.WARNING],
      [APPLICATIONS, '/value/1/federatedIdentityCredentials/0', Severity.WARNING],
      [APPLICATIONS, '/value/1/federatedIdentityCredentials/1', Severity.ERROR],
      [IDENTITIES, '/0', Severity.WARNING],
      [IDENTITIES, '/1', Severity.ERROR],
    ]);
    expect(audit.unmanaged).toHaveLength(5);
    expect(audit.findings).toHaveLength(5);
    const pullRequests = unmanaged[2];
    expect(pullRequests.message).toBe('The federated credential "infra-pull-requests" of application "contoso-deploy-pipeline" (appId 22223333-cccc-4444-dddd-5555eeee6666) '
      + `trusts pull requests of contoso/infra (issuer ${GITHUB}): anyone who can open a pull request from a branch of contoso/infra can sign in as it, the widest trust. `
      + 'It is in the tenant, but no code declares it.');
    expect(pullRequests.fix).toContain('az ad app federated-credential delete --id 22223333-cccc-4444-dddd-5555eeee6666 --federated-credential-id 50000000-aaaa-bbbb-cccc-000000000002');
    expect(pullRequests.fix).toContain(`import ID /applications/${PIPELINE}/federatedIdentityCredentials/50000000-aaaa-bbbb-cccc-000000000002`);
    expect(pullRequests.fix).toMatch(/^If the workload needs it, narrow it first/);
    const wildcard = unmanaged[4];
    expect(wildcard.message).toContain("every subject matching 'repo:contoso/*'");
    expect(wildcard.fix).toContain(`az identity federated-credential delete --name github-any-repo --identity-name id-contoso-app --resource-group rg-contoso-app --subscription ${SUB}`);
    expect(unmanaged[3].fix).not.toMatch(/narrow/);
  });

  test('declared credentials match by the owner\'s ID as written or by the name the code states, and are quiet', async () => {
    const hcl = IDENTITY_HCL
      + federated('github-main', 'azurerm_user_assigned_identity.app.id', 'repo:contoso/app:ref:refs/heads/main')
      + federated('infra-production', `"/applications/${PIPELINE.toUpperCase()}"`, 'repo:contoso/infra:environment:production', APP)
      + 'resource "azuread_application" "sync" {\n  display_name = "contoso-tenant-sync"\n}\n'
      + federated('testing', 'azuread_application.sync.id', 'a7d388c3-5e3f-4959-ac7d-786b3383006a', APP).replace(GITHUB, 'https://login.microsoftonline.com/3d1e2be9-a10a-4a0c-8380-7ce190f98ed9/v2.0');
    const audit = auditFederatedCredentials(await declaredGraph(hcl), live());
    expect(audit.matched.map((m) => [m.address, m.liveId, m.how])).toEqual([
      [`${APP}.infra_production`, '50000000-aaaa-bbbb-cccc-000000000001', 'exact'],
      [`${APP}.testing`, 'bdad0963-4a7a-43ae-b569-e67e1da3f2c0', 'semantic'],
      ['azurerm_federated_identity_credential.github_main', `${IDENTITY}/federatedIdentityCredentials/github-main`, 'semantic'],
    ]);
    expect(of(audit.findings, AuditRuleId.FEDERATED_CREDENTIAL_UNMANAGED).map((f) => f.address)).toEqual(['/value/1/federatedIdentityCredentials/1', '/1']);
    expect(audit.findings).toHaveLength(2);
  });

  test('AUD015: a declared credential whose application or identity the exports list, but not the credential', async () => {
    const hcl = IDENTITY_HCL
      + federated('release', 'azurerm_user_assigned_identity.app.id', 'repo:contoso/app:environment:release')
      + federated('reporting', '"/applications/66667777-aaaa-8888-bbbb-9999cccc0000"', 'repo:contoso/reports:environment:production', APP);
    const audit = auditFederatedCredentials(await declaredGraph(hcl), live());
    const missing = of(audit.findings, AuditRuleId.FEDERATED_CREDENTIAL_MISSING_IN_TENANT);
    expect(missing.map((f) => [f.file, f.address, f.severity])).toEqual([
      ['infra/main.tf', `${APP}.reporting`, Severity.WARNING],
      ['infra/main.tf', 'azurerm_federated_identity_credential.release', Severity.WARNING],
    ]);
    expect(missing[1].message).toBe('declares a federated credential on user-assigned identity id-contoso-app that trusts environment release of contoso/app '
      + `(issuer ${GITHUB}), which the tenant does not hold (user-assigned identity id-contoso-app in resource group rg-contoso-app holds no federated credential `
      + `with issuer ${GITHUB} and subject repo:contoso/app:environment:release).`);
    expect(missing[0].message).toContain('application with object ID 66667777-aaaa-8888-bbbb-9999cccc0000 holds no federated credential');
    expect(of(audit.findings, AuditRuleId.FEDERATED_CREDENTIAL_UNMANAGED)).toHaveLength(5);
  });

  test('AUD016, not AUD015: an identity no export lists (its empty list names no identity) cannot be said to lack the credential', async () => {
    const other = `/subscriptions/${SUB}/resourceGroups/rg-other/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-other`;
    const hcl = federated('other', `"${other}"`, 'repo:contoso/other:environment:prod')
      + federated('gone', '"/applications/99999999-0000-1111-2222-333333333333"', 'repo:contoso/gone:environment:prod', APP);
    const audit = auditFederatedCredentials(await declaredGraph(hcl), live());
    expect(of(audit.findings, AuditRuleId.FEDERATED_CREDENTIAL_MISSING_IN_TENANT)).toEqual([]);
    const notExported = of(audit.findings, AuditRuleId.FEDERATED_CREDENTIAL_NOT_EXPORTED);
    expect(notExported.map((f) => [f.address, f.severity])).toEqual([
      [`${APP}.gone`, Severity.INFO],
      ['azurerm_federated_identity_credential.other', Severity.INFO],
    ]);
    expect(notExported[1].message).toContain(`they list no user-assigned identity ${other.toLowerCase()} (an identity without federated credentials exports as an empty list`);
    expect(notExported[1].fix).toContain('az identity federated-credential list');
  });

  test('a declared credential known only after apply is not compared (AUD008), and the tenant\'s it may be are not called unmanaged but named', async () => {
    const hcl = 'variable "identity_id" {\n  type = string\n}\nvariable "subject" {\n  type = string\n}\n'
      + federated('from-variable', 'var.identity_id', 'repo:contoso/app:ref:refs/heads/main')
      + federated('any-subject', 'azurerm_user_assigned_identity.app.id', 'var.subject') + IDENTITY_HCL;
    const audit = auditFederatedCredentials(await declaredGraph(hcl), live());
    const notComparable = of(audit.findings, AuditRuleId.NOT_COMPARABLE);
    expect(notComparable.map((f) => [f.address, f.severity])).toEqual([
      ['azurerm_federated_identity_credential.any_subject', Severity.INFO],
      ['azurerm_federated_identity_credential.from_variable', Severity.INFO],
    ]);
    // Its identity is known, its subject is not: the identity's credential with a subject may be it, never its flexible one.
    const named = `"github-main" of user-assigned identity id-contoso-app (resource group rg-contoso-app, subscription ${SUB}) (${IDENTITIES} /0)`;
    expect(notComparable[0].message).toContain('its subject (${var.subject}) is known only after apply');
    expect(notComparable[0].message).toContain(`the tenant's federated credential it may be is not called unmanaged: ${named}.`);
    // Known but for its identity: it may be only a credential with that subject, of an identity (never an application's).
    expect(notComparable[1].message).toContain('its owner (${var.identity_id}) is known only after apply');
    expect(notComparable[1].message).toContain(`the tenant's federated credential it may be is not called unmanaged: ${named}.`);
    expect(of(audit.findings, AuditRuleId.FEDERATED_CREDENTIAL_UNMANAGED).map((f) => f.address)).toEqual([
      '/value/0/federatedIdentityCredentials/0', '/value/1/federatedIdentityCredentials/0', '/value/1/federatedIdentityCredentials/1', '/1',
    ]);
    expect(audit.findings).toHaveLength(6);
  });

  test('a not-comparable credential names the first three live ones it may be and counts the rest; none of them is called unmanaged', async () => {
    const hcl = 'variable "application_id" {\n  type = string\n}\nvariable "subject" {\n  type = string\n}\n'
      + federated('anything', 'var.application_id', 'var.subject', APP);
    const json = applicationsJson();
    json.value[2].federatedIdentityCredentials = [
      { ...json.value[1].federatedIdentityCredentials[0], id: '50000000-aaaa-bbbb-cccc-000000000003', name: 'reports-production', subject: 'repo:contoso/reports:environment:production' },
      { ...json.value[1].federatedIdentityCredentials[0], id: '50000000-aaaa-bbbb-cccc-000000000004', name: 'reports-main', subject: 'repo:contoso/reports:ref:refs/heads/main' },
    ];
    const audit = auditFederatedCredentials(await declaredGraph(hcl), {
      applications: parseApplicationFederatedCredentials(APPLICATIONS, JSON.stringify(json)),
      identities: live().identities,
    });
    const [notComparable] = of(audit.findings, AuditRuleId.NOT_COMPARABLE);
    // An azuread credential is an application's: the identities' two are not among those it may be; nor is "testing", of another issuer.
    expect(notComparable.message).toMatch(/the tenant's 4 federated credentials it may be are not called unmanaged: "infra-production" .*, "infra-pull-requests" .*, "reports-production" .* and 1 more\.$/);
    expect(of(audit.findings, AuditRuleId.FEDERATED_CREDENTIAL_UNMANAGED).map((f) => [f.file, f.address])).toEqual([
      [APPLICATIONS, '/value/0/federatedIdentityCredentials/0'], [IDENTITIES, '/0'], [IDENTITIES, '/1'],
    ]);
  });

  test('a not-comparable credential that can be none of the tenant\'s hides nothing', async () => {
    const hcl = 'variable "identity_id" {\n  type = string\n}\n' + federated('elsewhere', 'var.identity_id', 'repo:contoso/elsewhere:environment:prod');
    const audit = auditFederatedCredentials(await declaredGraph(hcl), live());
    const [notComparable] = of(audit.findings, AuditRuleId.NOT_COMPARABLE);
    expect(notComparable.message).not.toContain('may be');
    expect(of(audit.findings, AuditRuleId.FEDERATED_CREDENTIAL_UNMANAGED)).toHaveLength(5);
  });

  test('a kind no export was given for is not compared: the identities\' declared credentials with only the applications export', async () => {
    const hcl = IDENTITY_HCL + federated('release', 'azurerm_user_assigned_identity.app.id', 'repo:contoso/app:environment:release');
    const audit = auditFederatedCredentials(await declaredGraph(hcl), { applications: live().applications });
    expect(audit.findings.map((f) => f.ruleId)).toEqual(Array(3).fill(AuditRuleId.FEDERATED_CREDENTIAL_UNMANAGED));
  });
});
