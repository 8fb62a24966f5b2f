import { ContainerApp } from '@cdktf/provider-azurerm/lib/container-app';
import { FederatedIdentityCredential, FederatedIdentityCredentialConfig } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { LinuxVirtualMachine } from '@cdktf/provider-azurerm/lib/linux-virtual-machine';
import { TerraformResource, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { FederatedCredentialSubject, SystemAssignedIdentity, WorkloadIdentity } from '../../src';
import { resolveIn as resolve } from '../support/resolve';
import { appResources, newStack, onlyResource, resourcesOf, synthError, synthJson, TENANT } from '../support/stack';

function identity(stack = newStack(), id = 'OrderingApi') {
  return new WorkloadIdentity(stack, id, {
    name: 'uai-ordering-api',
    resourceGroupName: 'rg-shared-identities',
    location: 'eastus',
    owner: 'team-ordering@contoso.example',
    tags: { costCenter: 'ordering' },
  });
}

describe('WorkloadIdentity', () => {
  test('synthesizes a user-assigned identity with its owner tag', () => {
    const stack = newStack();
    identity(stack);
    const json = synthJson(stack);
    expect(onlyResource(json, 'azurerm_user_assigned_identity')).toMatchObject({
      name: 'uai-ordering-api',
      resource_group_name: 'rg-shared-identities',
      location: 'eastus',
      tags: { owner: 'team-ordering@contoso.example', costCenter: 'ordering' },
    });
    expect(resourcesOf(json, 'azurerm_user_assigned_identity')).toMatchSnapshot();
  });

  test('exposes id, principal ID, client ID and tenant ID as references to the resource', () => {
    const stack = newStack();
    const uai = identity(stack);
    const address = `azurerm_user_assigned_identity.${uai.resource.friendlyUniqueId}`;
    for (const [value, attribute] of [[uai.id, 'id'], [uai.principalId, 'principal_id'], [uai.clientId, 'client_id'], [uai.tenantId, 'tenant_id']]) {
      expect(resolve(stack, value)).toBe(`\${${address}.${attribute}}`);
    }
  });

  test.each([
    [{ owner: '' }, /OrderingApi: owner must name who answers for the identity/],
    [{ owner: '   ' }, /owner must name who answers/],
    [{ name: 'a' }, /OrderingApi: name "a" is not a valid identity name \(3 to 128 letters, digits, '-' and '_'/],
    [{ name: 'bad name!' }, /name "bad name!" is not a valid identity name/],
  ])('refuses %j', (override, message) => {
    const props = { name: 'uai-ordering-api', resourceGroupName: 'rg', location: 'eastus', owner: 'team@contoso.example', ...override };
    expect(() => new WorkloadIdentity(newStack(), 'OrderingApi', props)).toThrow(message);
  });
});

describe('tags Azure would refuse are refused at construction', () => {
  const props = { name: 'uai-ordering-api', resourceGroupName: 'rg', location: 'eastus', owner: 'team@contoso.example' };
  const build = (override: object) => () => new WorkloadIdentity(newStack(), 'OrderingApi', { ...props, ...override });
  const numbered = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`tag${i}`, 'x']));

  test('at most 50 tags, the owner tag counted', () => {
    const uai = build({ tags: numbered(49) })();
    expect(Object.keys(uai.resource.tagsInput!)).toHaveLength(50);
    expect(build({ tags: numbered(50) })).toThrow(
      /^test\/OrderingApi: 51 tags \("tag0, tag1, .*…\ \(\d+ characters\)\); Azure allows at most 50 on a resource \(Azure error: "a maximum of 50 tags can be applied to each ARM resource" \(azurerm, at plan\)\)\. Accepted: at most 50 tags, each name at most 512 characters without < > % & \\ \? \/, each value at most 256 characters \(bytes in UTF-8\)\.$/,
    );
  });

  test('a tag name of at most 512 characters', () => {
    expect(build({ tags: { ['n'.repeat(512)]: 'x' } })).not.toThrow();
    expect(build({ tags: { ['n'.repeat(513)]: 'x' } })).toThrow(
      `test/OrderingApi: tag name "${'n'.repeat(200)}"… (513 characters) is 513 characters; Azure allows at most 512 ` +
        '(Azure error: InvalidTagName ("the maximum length for a tag key is 512 characters", azurerm, at plan)). Accepted: at most 50 tags',
    );
  });

  test.each(['<', '>', '%', '&', '\\', '?', '/'])('no %j in a tag name; other punctuation passes', (character) => {
    expect(build({ tags: { 'cost-center:team_a.b@c=d+e f': 'x', 'hidden-title': 'y' } })).not.toThrow();
    expect(build({ tags: { [`cost${character}center`]: 'x' } })).toThrow(
      `test/OrderingApi: tag name ${JSON.stringify(`cost${character}center`)} contains ${JSON.stringify(character)}, which Azure refuses in a tag name (Azure error: InvalidTagNameCharacters (at apply)). Accepted: `,
    );
  });

  test('a tag value, the owner too, of at most 256 characters, counted as UTF-8 bytes as the provider counts them', () => {
    expect(build({ owner: 'o'.repeat(256), tags: { team: 'v'.repeat(256), city: 'é'.repeat(128) } })).not.toThrow();
    expect(build({ owner: 'o'.repeat(257) })).toThrow(
      `test/OrderingApi: owner (the value of tag "owner") "${'o'.repeat(200)}"… (257 characters) is 257 characters; Azure allows at most 256 ` +
        '(Azure error: InvalidTagValueLength ("the maximum length for a tag value is 256 characters", azurerm, at plan)). Accepted:',
    );
    expect(build({ tags: { team: 'v'.repeat(257) } })).toThrow(/^test\/OrderingApi: the value of tag "team" "v{200}"… \(257 characters\) is 257 characters; Azure allows at most 256/);
    expect(build({ tags: { city: 'é'.repeat(129) } })).toThrow(/the value of tag "city" "é+" is 129 characters, 258 bytes in UTF-8; Azure allows at most 256 \(Azure error: InvalidTagValueLength/);
    // A tag set or a value that is a token is not judged: its length is known at apply.
    expect(build({ tags: Token.asStringMap(Token.asAny('${var.tags}')) })).not.toThrow();
    expect(build({ owner: Token.asString(Token.asAny('${var.owner}')) })).not.toThrow();
  });

  test('every problem is named at once', () => {
    expect(build({ owner: 'o'.repeat(300), tags: { 'a/b': 'x' } })).toThrow(/tag name "a\/b" contains "\/".*; owner \(the value of tag "owner"\) .* is 300 characters/);
  });
});

describe('attachTo', () => {
  test('adds the identity to a Function App and sets AZURE_CLIENT_ID', () => {
    const stack = newStack();
    const { functionApp } = appResources(stack);
    const uai = identity(stack);
    uai.attachTo(functionApp);
    const app = onlyResource(synthJson(stack), 'azurerm_linux_function_app');
    const ref = `azurerm_user_assigned_identity.${uai.resource.friendlyUniqueId}`;
    expect(app.identity).toEqual({ type: 'UserAssigned', identity_ids: [`\${${ref}.id}`] });
    expect(app.app_settings).toEqual({ AZURE_CLIENT_ID: `\${${ref}.client_id}` });
  });

  test('keeps a system-assigned identity, other identities and app settings', () => {
    const stack = newStack();
    const { functionApp } = appResources(stack);
    functionApp.putIdentity({ type: 'SystemAssigned' });
    functionApp.appSettings = { FUNCTIONS_WORKER_RUNTIME: 'node' };
    const first = identity(stack);
    first.attachTo(functionApp);
    const second = identity(stack, 'Second');
    second.attachTo(functionApp, { setAzureClientId: false });
    first.attachTo(functionApp); // attaching twice changes nothing
    const app = onlyResource(synthJson(stack), 'azurerm_linux_function_app');
    expect(app.identity.type).toBe('SystemAssigned, UserAssigned');
    expect(app.identity.identity_ids).toHaveLength(2);
    expect(Object.keys(app.app_settings).sort()).toEqual(['AZURE_CLIENT_ID', 'FUNCTIONS_WORKER_RUNTIME']);
  });

  test('refuses a second identity that would also claim AZURE_CLIENT_ID', () => {
    const stack = newStack();
    const { functionApp } = appResources(stack);
    identity(stack).attachTo(functionApp);
    expect(() => identity(stack, 'Second').attachTo(functionApp)).toThrow(
      /test\/func: app_settings already sets AZURE_CLIENT_ID to another identity.*\{ setAzureClientId: false \}/,
    );
  });

  test('sets AZURE_CLIENT_ID in every container of a Container App', () => {
    const stack = newStack();
    const app = new ContainerApp(stack, 'ca', {
      name: 'ca-ordering',
      resourceGroupName: 'rg',
      containerAppEnvironmentId: '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/env',
      revisionMode: 'Single',
      template: { container: [{ name: 'api', image: 'api:1', cpu: 0.5, memory: '1Gi', env: [{ name: 'MODE', value: 'prod' }] }] },
    });
    const uai = identity(stack);
    uai.attachTo(app);
    const json = onlyResource(synthJson(stack), 'azurerm_container_app');
    expect(json.identity.type).toBe('UserAssigned');
    expect(json.template.container[0].env).toEqual([
      { name: 'MODE', value: 'prod' },
      { name: 'AZURE_CLIENT_ID', value: `\${azurerm_user_assigned_identity.${uai.resource.friendlyUniqueId}.client_id}` },
    ]);
  });

  test('attaches to a VM without touching settings', () => {
    const stack = newStack();
    const vm = new LinuxVirtualMachine(stack, 'vm', {
      name: 'vm-worker',
      resourceGroupName: 'rg',
      location: 'eastus',
      size: 'Standard_B2s',
      adminUsername: 'azureuser',
      networkInterfaceIds: [],
      osDisk: { caching: 'ReadWrite', storageAccountType: 'Standard_LRS' },
    });
    identity(stack).attachTo(vm);
    expect(onlyResource(synthJson(stack), 'azurerm_linux_virtual_machine').identity.type).toBe('UserAssigned');
  });

  test('refuses a resource with no identity block', () => {
    const stack = newStack();
    const vault = new KeyVault(stack, 'kv', { name: 'kv', location: 'eastus', resourceGroupName: 'rg', tenantId: TENANT, skuName: 'standard' });
    expect(() => identity(stack).attachTo(vault)).toThrow(
      'test/kv: azurerm_key_vault has no identity block, so it cannot run as a user-assigned managed identity.',
    );
  });
});

describe('federated credentials', () => {
  test('GitHub Actions deploys from one environment need no secret', () => {
    const stack = newStack();
    const uai = identity(stack);
    uai.trustGitHubActions('github-prod', { repository: 'contoso/ordering-api', environment: 'prod' });
    const credential = onlyResource(synthJson(stack), 'azurerm_federated_identity_credential');
    expect(credential).toMatchObject({
      name: 'github-prod',
      issuer: 'https://token.actions.githubusercontent.com',
      subject: 'repo:contoso/ordering-api:environment:prod',
      audience: ['api://AzureADTokenExchange'],
      resource_group_name: '${azurerm_user_assigned_identity.' + uai.resource.friendlyUniqueId + '.resource_group_name}',
      parent_id: '${azurerm_user_assigned_identity.' + uai.resource.friendlyUniqueId + '.id}',
    });
  });

  test.each([
    [{ branch: 'main' }, 'repo:contoso/app:ref:refs/heads/main'],
    [{ tag: 'v1.2.0' }, 'repo:contoso/app:ref:refs/tags/v1.2.0'],
    [{ pullRequest: true }, 'repo:contoso/app:pull_request'],
  ])('GitHub subject for %j', (filter, subject) => {
    expect(FederatedCredentialSubject.gitHubActions({ repository: 'contoso/app', ...filter }).subject).toBe(subject);
  });

  test.each([
    [{}, /needs exactly one of environment, branch, tag or pullRequest; got none/],
    [{ environment: 'prod', branch: 'main' }, /needs exactly one .* got environment:prod, ref:refs\/heads\/main/],
    [{ branch: '*' }, /branch "\*" must be a non-empty name without wildcards/],
  ])('GitHub trust refuses %j', (filter, message) => {
    expect(() => FederatedCredentialSubject.gitHubActions({ repository: 'contoso/app', ...filter })).toThrow(message);
  });

  test('GitHub trust refuses a repository that is not owner/name', () => {
    expect(() => FederatedCredentialSubject.gitHubActions({ repository: 'ordering-api', environment: 'prod' })).toThrow(
      'GitHub repository "ordering-api" is not of the form owner/repository.',
    );
  });

  test('Kubernetes service accounts and generic issuers', () => {
    const k8s = FederatedCredentialSubject.kubernetesServiceAccount({
      issuerUrl: 'https://eastus.oic.prod-aks.azure.com/tenant/cluster/',
      namespace: 'ordering',
      serviceAccountName: 'api',
    });
    expect(k8s.subject).toBe('system:serviceaccount:ordering:api');
    expect(() => FederatedCredentialSubject.kubernetesServiceAccount({ issuerUrl: 'http://x', namespace: 'a', serviceAccountName: 'b' })).toThrow(
      'OIDC issuer "http://x" is not an https URL',
    );
    expect(() => FederatedCredentialSubject.kubernetesServiceAccount({ issuerUrl: 'https://x', namespace: 'Bad_NS', serviceAccountName: 'b' })).toThrow(
      /namespace "Bad_NS" is not a valid Kubernetes name/,
    );
    expect(FederatedCredentialSubject.oidc({ issuer: 'https://gitlab.example', subject: 'project_path:g/p:ref_type:branch:ref:main' }).audiences).toEqual([
      'api://AzureADTokenExchange',
    ]);
    expect(() => FederatedCredentialSubject.oidc({ issuer: 'https://x', subject: 's', audiences: ['a', 'b'] })).toThrow(/exactly one audience/);
  });

  test('the 21st credential on one identity fails at synth, naming the identity', () => {
    const stack = newStack();
    const uai = identity(stack);
    for (let i = 1; i <= 20; i++) uai.trustGitHubActions(`env-${i}`, { repository: 'contoso/app', environment: `env${i}` });
    expect(Object.keys(resourcesOf(synthJson(stack), 'azurerm_federated_identity_credential'))).toHaveLength(20);
    expect(() => uai.trustGitHubActions('env-21', { repository: 'contoso/app', environment: 'env21' })).toThrow(
      'test/OrderingApi/env-21: Azure allows at most 20 federated credentials per identity, and uai-ordering-api already has 20.',
    );
  });

  test('credentials on one identity are created one at a time: each depends on the one before', () => {
    const stack = newStack();
    const uai = identity(stack);
    const [prod, staging, main] = [
      uai.trustGitHubActions('github-prod', { repository: 'contoso/app', environment: 'prod' }),
      uai.trustGitHubActions('github-staging', { repository: 'contoso/app', environment: 'staging' }),
      uai.trustGitHubActions('github-main', { repository: 'contoso/app', branch: 'main' }),
    ];
    const credentials = resourcesOf(synthJson(stack), 'azurerm_federated_identity_credential');
    expect(Object.keys(credentials)).toHaveLength(3);
    expect([prod, staging, main].map((c) => credentials[c.friendlyUniqueId].depends_on)).toEqual([
      undefined,
      [`azurerm_federated_identity_credential.${prod.friendlyUniqueId}`],
      [`azurerm_federated_identity_credential.${staging.friendlyUniqueId}`],
    ]);
  });

  test('refuses a second credential with the same issuer and subject, which Entra refuses', () => {
    const uai = identity();
    uai.trustGitHubActions('github-prod', { repository: 'contoso/app', environment: 'prod' });
    expect(() => uai.trustGitHubActions('github-prod-again', { repository: 'contoso/app', environment: 'prod' })).toThrow(
      'test/OrderingApi/github-prod-again: uai-ordering-api already trusts issuer https://token.actions.githubusercontent.com for subject ' +
        'repo:contoso/app:environment:prod (test/OrderingApi/github-prod); Entra refuses a second federated credential with the same issuer and subject. Keep one.',
    );
    // Another subject from the same issuer is a different trust.
    expect(() => uai.trustGitHubActions('github-staging', { repository: 'contoso/app', environment: 'staging' })).not.toThrow();
  });

  test.each([
    ['resourceGroupName', { resourceGroupName: ' ' }, 'the name of an existing resource group'],
    ['location', { location: '' }, 'the Azure region (e.g. eastus)'],
  ])('refuses an empty %s', (argument, props, accepted) => {
    expect(() => new WorkloadIdentity(newStack(), 'Api', {
      name: 'uai-api', resourceGroupName: 'rg', location: 'eastus', owner: 'team', ...props,
    })).toThrow(`test/Api: ${argument} is empty; Azure refuses the identity without it. Accepted: ${accepted}.`);
  });

  test('refuses a credential name Azure would refuse', () => {
    expect(() => identity().trustGitHubActions('x', { repository: 'contoso/app', branch: 'main' })).toThrow(
      /federated credential name "x" is not accepted/,
    );
  });
});

describe('federated credentials Entra would refuse', () => {
  const ISSUER = 'https://token.actions.githubusercontent.com';
  const raw = (stack: TerraformStack, id: string, parentId: string, extra: Partial<FederatedIdentityCredentialConfig> = {}) =>
    new FederatedIdentityCredential(stack, id, {
      name: id, resourceGroupName: 'rg', parentId, issuer: ISSUER, subject: `repo:contoso/${id}:environment:prod`, audience: ['api://AzureADTokenExchange'], ...extra,
    });

  test.each([
    ['subject', (text: string) => FederatedCredentialSubject.oidc({ issuer: 'https://issuer.example', subject: text }), (n: number) => 's'.repeat(n)],
    ['issuer', (text: string) => FederatedCredentialSubject.oidc({ issuer: text, subject: 'sub' }), (n: number) => `https://issuer.example/${'i'.repeat(n - 23)}`],
    ['audience', (text: string) => FederatedCredentialSubject.oidc({ issuer: 'https://issuer.example', subject: 'sub', audiences: [text] }), (n: number) => 'a'.repeat(n)],
  ])('at most 600 characters in the %s', (field, trust, text) => {
    const uai = identity();
    expect(text(600)).toHaveLength(600);
    expect(() => uai.addFederatedCredential('at-limit', trust(text(600)))).not.toThrow();
    expect(() => uai.addFederatedCredential('over', trust(text(601)))).toThrow(
      `test/OrderingApi/over: the federated credential's ${field} ${JSON.stringify(text(601).slice(0, 200))}… (601 characters) is 601 characters; ` +
        `Entra accepts at most 600 and refuses the credential at apply. Accepted: an ${field} of at most 600 characters.`,
    );
  });

  test('at most 20 on one identity, counting raw azurerm_federated_identity_credential resources that name it as parent', () => {
    const stack = newStack();
    const uai = identity(stack);
    const other = identity(stack, 'Other');
    for (let i = 1; i <= 17; i++) uai.trustGitHubActions(`env-${i}`, { repository: 'contoso/app', environment: `env${i}` });
    // The identity's ID taken twice from the resource: two token objects, one reference.
    raw(stack, 'raw-a', uai.resource.id);
    raw(stack, 'raw-b', `${uai.resource.id}`, { count: 2, name: '${count.index}-b' });
    // Credentials of another identity, or with a count or for_each known only at apply, are not counted.
    raw(stack, 'raw-other', other.id);
    raw(stack, 'raw-later', uai.id, { count: Token.asNumber(Token.asAny('${var.extra}')) });
    expect(synthError(stack)).toBeUndefined();
    // 20 credentials counted on the identity: the 17 made here, raw-a and raw-b's two instances (raw-later's count is unknown).
    const blocks = resourcesOf(synthJson(stack), 'azurerm_federated_identity_credential');
    expect(Object.keys(blocks)).toHaveLength(21);
    expect(Object.values(blocks).filter((b: any) => b.parent_id === `\${azurerm_user_assigned_identity.${uai.resource.friendlyUniqueId}.id}`)).toHaveLength(20);

    raw(stack, 'raw-c', uai.id);
    expect(synthError(stack)).toMatch(
      new RegExp(
        '\\[test\\] test/OrderingApi: 21 federated identity credentials have the ID of uai-ordering-api as parent_id \\(or user_assigned_identity_id\\) \\("test/OrderingApi/env-1, .*…\\ \\(\\d+ characters\\)\\); ' +
          'Entra allows at most 20 on one user-assigned managed identity and refuses each one past the 20th at apply\\. Accepted: at most 20; trust the other subjects through another identity\\.',
      ),
    );
    expect(synthError(stack)).not.toMatch(/test\/Other:/);
  });

  /**
   * The shape of an `azurerm_federated_identity_credential` binding generated (`cdktf get`) for a
   * later azurerm 4.x release, which names the identity by `user_assigned_identity_id`.
   */
  class LaterFederatedIdentityCredential extends TerraformResource {
    constructor(scope: Construct, id: string, private readonly config: { name: string; userAssignedIdentityId: string }) {
      super(scope, id, { terraformResourceType: 'azurerm_federated_identity_credential' });
    }

    public get nameInput(): string {
      return this.config.name;
    }

    public get userAssignedIdentityIdInput(): string {
      return this.config.userAssignedIdentityId;
    }

    protected synthesizeAttributes(): { [name: string]: unknown } {
      const subject = `repo:contoso/${this.config.name}:environment:prod`;
      return { name: this.config.name, user_assigned_identity_id: this.config.userAssignedIdentityId, issuer: ISSUER, subject, audience: ['api://AzureADTokenExchange'] };
    }
  }

  test('a raw credential that names the identity by user_assigned_identity_id counts toward the 20, and its name toward the once', () => {
    const stack = newStack();
    const uai = identity(stack);
    for (let i = 1; i <= 20; i++) uai.trustGitHubActions(`env-${i}`, { repository: 'contoso/app', environment: `env${i}` });
    expect(synthError(stack)).toBeUndefined();
    new LaterFederatedIdentityCredential(stack, 'later', { name: 'env-1', userAssignedIdentityId: uai.id });
    const blocks = resourcesOf(synthJson(stack), 'azurerm_federated_identity_credential');
    expect(Object.values(blocks).filter((b: any) => b.user_assigned_identity_id === `\${azurerm_user_assigned_identity.${uai.resource.friendlyUniqueId}.id}`))
      .toHaveLength(1);
    const error = synthError(stack);
    expect(error).toContain('test/OrderingApi: 21 federated identity credentials have the ID of uai-ordering-api as parent_id (or user_assigned_identity_id)');
    expect(error).toContain('test/OrderingApi/env-1 and test/later are both named "env-1"');
  });

  test('a name used once on an identity, written by the construct or beside it, compared without case', () => {
    const stack = newStack();
    const uai = identity(stack);
    const other = identity(stack, 'Other');
    uai.trustGitHubActions('github-prod', { repository: 'contoso/app', environment: 'prod' });
    // The same name on another identity is another resource.
    raw(stack, 'github-prod', other.id);
    expect(synthError(stack)).toBeUndefined();

    raw(stack, 'GitHub-Prod', uai.id);
    uai.addFederatedCredential('second', FederatedCredentialSubject.oidc({ issuer: 'https://gitlab.example', subject: 'project_path:g/p' }), { name: 'deploy' });
    uai.addFederatedCredential('third', FederatedCredentialSubject.oidc({ issuer: 'https://gitlab.example', subject: 'project_path:g/q' }), { name: 'deploy' });
    raw(stack, 'counted', uai.id, { count: 2, name: 'fixed-name' });
    const error = synthError(stack);
    expect(error).toContain(
      '[test] test/OrderingApi: federated credentials on uai-ordering-api: test/OrderingApi/github-prod and test/GitHub-Prod are both named "GitHub-Prod"; ' +
        'a credential\'s name is the last segment of its ID, so the second is the same resource and fails at apply (azurerm: "already exists - to be managed via ' +
        'Terraform this resource needs to be imported into the State"). Accepted: a name used once on an identity (names compare without case).',
    );
    expect(error).toContain('test/OrderingApi/second and test/OrderingApi/third are both named "deploy"');
    expect(error).toContain('test/counted (count = 2) makes 2 named "fixed-name"');
    expect(error).not.toMatch(/test\/Other:/);
  });
});

describe('SystemAssignedIdentity', () => {
  test('turns the identity on, keeping user-assigned identities, and is a principal', () => {
    const stack = newStack();
    const { functionApp } = appResources(stack);
    identity(stack).attachTo(functionApp);
    const system = SystemAssignedIdentity.enable(functionApp);
    const app = onlyResource(synthJson(stack), 'azurerm_linux_function_app');
    expect(app.identity.type).toBe('SystemAssigned, UserAssigned');
    expect(app.identity.identity_ids).toHaveLength(1);
    expect(resolve(stack, system.principalId)).toBe('${azurerm_linux_function_app.func.identity[0].principal_id}');
    expect(system.kind).toBe('managed-identity');
  });

  test('refuses a resource with no identity block', () => {
    const stack = newStack();
    const vault = new KeyVault(stack, 'kv', { name: 'kv', location: 'eastus', resourceGroupName: 'rg', tenantId: TENANT, skuName: 'standard' });
    expect(() => SystemAssignedIdentity.enable(vault)).toThrow(/test\/kv: azurerm_key_vault has no identity block, so it cannot run as a system-assigned/);
  });
});
