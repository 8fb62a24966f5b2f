import { secretPresent } from '../../../src/policy/rules/credential-rules';
import { diffEscalations } from '../../../src/review/escalation/chain-diff';
import { reachOfGraph } from '../../../src/review/escalation/reach';
import { isReportedChain } from '../../../src/review/escalation/reported-chain';
import { rootCausesOfGraph } from '../../../src/review/escalation/root-causes';
import { AccessGraph } from '../../../src/review/graph/access-graph';
import { buildReport } from '../../../src/review/report/access-report';
import { hclJson, ruleFindings, SUB } from '../../policy/rule-fixtures';
import { DEPLOY_APPLICATION, DEPLOY_PASSWORD, keptSecret, opsVault, readerIdentity, readerPrincipal, roleAssignment } from '../ci-secret-stores/store-fixtures';

/**
 * A client secret kept in a Key Vault secret is an edge of reach (BloodHound's AZGetSecrets,
 * followed to whom the secret belongs): whoever reads the vault's secrets signs in as the
 * secret's service principal and holds what it holds.
 */

const RG = `/subscriptions/${SUB}/resourceGroups/rg-app`;
const KEY_VAULT_SECRETS_USER = '/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6';
const STORED_STEP = 'reads Key Vault secret deploy-client-secret of vault kv-ops, a client secret of deploy, and signs in as deploy '
  + '(Microsoft.KeyVault/vaults/secrets/getSecret/action)';

/** kv-ops, authorizing as told (Azure RBAC unless told otherwise), with any access policies in `extra`. */
const vault = (authorization = 'rbac_authorization_enabled = true', extra = '') => opsVault(`  ${authorization}\n${extra}`);

const KEPT_SECRET = keptSecret();

/** deploy holds Owner at rg-app; its secret is kept in kv-ops; `readers` read that vault's secrets. */
function configuration(readers: string, options: { deployRole?: string; kept?: boolean; vault?: string } = {}): string {
  return DEPLOY_APPLICATION + DEPLOY_PASSWORD + roleAssignment('deploy_role', options.deployRole ?? 'Owner', `"${RG}"`)
    + (options.vault ?? vault()) + (options.kept === false ? '' : KEPT_SECRET) + readers;
}

const APP_READS = readerIdentity('app') + roleAssignment('app_secrets', 'Key Vault Secrets User', 'azurerm_key_vault.ops.id', readerPrincipal('app'));

async function graphOf(hcl: string): Promise<AccessGraph> {
  return AccessGraph.fromDocuments([{ file: 'main.tf', document: await hclJson(hcl) }]);
}

/** Each chain through a kept secret that ends in holding a grant, as its steps' words, the principal first, whether it is reported last. */
function chainsThroughStore(graph: AccessGraph): string[][] {
  return reachOfGraph(graph).chains
    .filter((c) => c.steps.some((s) => s.store !== undefined) && c.trail.step.kind === 'holds')
    .map((c) => [c.principal.name, ...c.steps.map((s) => s.description), String(isReportedChain(c))]);
}

describe('who reads a vault that keeps a client secret signs in as the secret\'s principal', () => {
  test('a reader reaches what the principal holds: the chain passes the kept secret, and the escalation is said once, on the secret (AZA005)', async () => {
    const hcl = configuration(APP_READS);
    const graph = await graphOf(hcl);
    // Every grant with its scope: the reader's at the vault, the principal's at the resource group.
    expect(graph.grants.map((g) => [g.principal.name, g.role.name, g.scope.name ?? g.scope.value]).sort()).toEqual([
      ['deploy', 'Owner', 'rg-app'],
      ['uai-app', 'Key Vault Secrets User', 'kv-ops'],
    ]);
    expect(chainsThroughStore(graph)[0]).toEqual(['uai-app', 'holds "Key Vault Secrets User" at kv-ops', STORED_STEP, 'deploy holds "Owner" at rg-app', 'true']);
    const step = reachOfGraph(graph).chains.flatMap((c) => c.steps).find((s) => s.store !== undefined)!;
    expect(step.edgeKind).toBe('AZGetSecrets');
    expect(step.identity?.name).toBe('deploy');

    const causes = rootCausesOfGraph(graph);
    expect(causes.map((c) => [c.edge.kind, c.edge.description, c.edge.origin.address, c.chains.length])).toEqual([[
      'stored-credential', 'Key Vault secret deploy-client-secret of vault kv-ops (a client secret of application deploy)', 'azurerm_key_vault_secret.deploy', 1,
    ]]);
    const [secret] = await ruleFindings(hcl, 'AZA005');
    expect(secret.address).toBe('azuread_application_password.deploy');
    expect(secret.message).toContain('Key Vault secret deploy-client-secret of vault kv-ops (a client secret of application deploy) opens 1 escalation path, '
      + 'up to tier 0: "Owner" at rg-app. '
      + `Shortest: managed identity uai-app → holds "Key Vault Secrets User" at kv-ops → ${STORED_STEP} → deploy holds "Owner" at rg-app.`);
    // The path as steps where each is declared: the reader's grant, the kept secret, the principal's grant.
    const [hit] = secretPresent.check(graph, {} as never);
    expect(hit.flows?.at(-1)?.steps.map((s) => s.where.address)).toEqual([
      'azurerm_role_assignment.app_secrets', 'azurerm_key_vault_secret.deploy', 'azurerm_role_assignment.deploy_role',
    ]);
    expect(await ruleFindings(hcl, 'AZA013')).toEqual([]);
  });

  test('the kept secret is the root cause before the principal\'s own grant: taking it away takes no role from anyone', async () => {
    const readers = APP_READS + readerIdentity('batch')
      + roleAssignment('batch_secrets', 'Key Vault Secrets User', `"${RG}"`, readerPrincipal('batch'));
    const graph = await graphOf(configuration(readers));
    const [cause] = rootCausesOfGraph(graph);
    expect(cause.edge.kind).toBe('stored-credential');
    expect(cause.starts.map((p) => p.name)).toEqual(['uai-app', 'uai-batch']);
    // Past the secret, deploy's Owner also runs a remediation as uai-batch, which reads more than uai-app: a path of its own, through the secret too.
    expect(cause.chains.map((c) => [c.first.grant.scope.name, c.steps.at(-1)!.description])).toEqual([
      ['kv-ops', 'deploy holds "Owner" at rg-app'],
      ['rg-app', 'deploy holds "Owner" at rg-app'],
      ['kv-ops', 'uai-batch holds "Key Vault Secrets User" at rg-app'],
    ]);
    expect(cause.chains.every((c) => c.steps.some((s) => s.description === STORED_STEP))).toBe(true);
    expect(rootCausesOfGraph(graph)).toHaveLength(1);
  });

  test('an eligible reader reaches it after activation: the chain starts with the eligibility', async () => {
    const eligible = readerIdentity('app') + `
resource "azurerm_pim_eligible_role_assignment" "app_secrets" {
  scope              = azurerm_key_vault.ops.id
  role_definition_id = "${KEY_VAULT_SECRETS_USER}"
  principal_id       = ${readerPrincipal('app')}
}
`;
    const graph = await graphOf(configuration(eligible));
    const [chain] = chainsThroughStore(graph);
    expect(chain[1]).toMatch(/^is eligible for "Key Vault Secrets User" at kv-ops \(after activation/);
    expect(chain.slice(2)).toEqual([STORED_STEP, 'deploy holds "Owner" at rg-app', 'true']);
  });

  test('a vault that authorizes with access policies is read through a policy with secret Get, not through data roles', async () => {
    const policies = 'rbac_authorization_enabled = false';
    const policyBlock = `  access_policy {
    tenant_id          = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
    object_id          = ${readerPrincipal('batch')}
    secret_permissions = ["Get"]
  }`;
    const readers = APP_READS + readerIdentity('batch');
    const graph = await graphOf(configuration(readers, { vault: vault(policies, policyBlock) }));
    // The data role at the vault reads nothing there; the access policy does.
    const through = chainsThroughStore(graph);
    expect(through[0].slice(0, 4)).toEqual(['uai-batch', 'holds "Key Vault access policy on kv-ops (secret: Get)" at kv-ops', STORED_STEP, 'deploy holds "Owner" at rg-app']);
    expect(through.every((c) => c[0] === 'uai-batch' && c[1] === through[0][1])).toBe(true);
  });

  test('no gain, no escalation: a reader that holds Owner over the principal\'s scope itself passes the secret to nothing new', async () => {
    const readers = readerIdentity('admin') + roleAssignment('admin_owner', 'Key Vault Administrator', `"${RG}"`, readerPrincipal('admin'))
      + roleAssignment('admin_reader', 'Owner', `"${RG}"`, readerPrincipal('admin'));
    const hcl = configuration(readers, { deployRole: 'Reader' });
    const graph = await graphOf(hcl);
    const through = chainsThroughStore(graph);
    expect(through.length).toBeGreaterThan(0);
    expect(through.every((c) => c.at(-1) === 'false')).toBe(true);
    const [secret] = await ruleFindings(hcl, 'AZA005');
    expect(secret.message).not.toContain('escalation path');
  });

  test('a secret whose principal the configuration does not declare leads reach to no one; AZA005 still names where it is kept', async () => {
    const noServicePrincipal = DEPLOY_APPLICATION.replace(/resource "azuread_service_principal"[^}]*}/, '');
    const hcl = noServicePrincipal + DEPLOY_PASSWORD + vault() + KEPT_SECRET + APP_READS;
    const graph = await graphOf(hcl);
    expect(graph.credentialStores.map((s) => s.origin.address)).toEqual(['azurerm_key_vault_secret.deploy']);
    expect(chainsThroughStore(graph)).toEqual([]);
    const [secret] = await ruleFindings(hcl, 'AZA005');
    expect(secret.message).toContain('Kept in Key Vault secret deploy-client-secret of vault kv-ops');
  });

  test('a reader of another vault, or of other data, reaches nothing through it', async () => {
    const readers = readerIdentity('app') + roleAssignment('app_blobs', 'Storage Blob Data Reader', `"${RG}"`, readerPrincipal('app'))
      + roleAssignment('app_elsewhere', 'Key Vault Secrets User', `"/subscriptions/${SUB}/resourceGroups/rg-other"`, readerPrincipal('app'));
    const graph = await graphOf(configuration(readers));
    expect(graph.grants.map((g) => [g.principal.name, g.role.name, g.scope.name ?? g.scope.value]).sort()).toEqual([
      ['deploy', 'Owner', 'rg-app'],
      ['uai-app', 'Key Vault Secrets User', 'rg-other'],
      ['uai-app', 'Storage Blob Data Reader', 'rg-app'],
    ]);
    expect(chainsThroughStore(graph)).toEqual([]);
  });

  test('readers are found wherever they hold it: the vault by reference or by its literal ID, its group, the subscription, in grant order', async () => {
    const at = (name: string, scope: string) => readerIdentity(name) + roleAssignment(name, 'Key Vault Secrets User', scope, readerPrincipal(name));
    const readers = at('sub', `"/subscriptions/${SUB}"`) + at('literal', `"${RG}/providers/Microsoft.KeyVault/vaults/kv-ops"`)
      + at('group', `"${RG}"`) + at('other', `"/subscriptions/${SUB}/resourceGroups/rg-other"`) + APP_READS;
    const graph = await graphOf(configuration(readers));
    expect(graph.grants.map((g) => [g.principal.name, g.scope.name ?? g.scope.value]).sort()).toEqual([
      ['deploy', 'rg-app'], ['uai-app', 'kv-ops'], ['uai-group', 'rg-app'], ['uai-literal', 'kv-ops'], ['uai-other', 'rg-other'], ['uai-sub', SUB],
    ]);
    const reading = ['uai-app', 'uai-group', 'uai-literal', 'uai-sub'];
    const inGrantOrder = graph.grants.map((g) => g.principal.name).filter((name) => reading.includes(name));
    expect(buildReport(graph).credentials[0].stores?.[0].readers).toEqual(inGrantOrder.map((name) => `managed identity ${name}`));
    expect([...inGrantOrder].sort()).toEqual(reading);
    // Each reader's own path: its grant, then the secret.
    const direct = chainsThroughStore(graph).filter((c) => c[2] === STORED_STEP && c.length === 5).map((c) => c[0]);
    expect(direct.sort()).toEqual(reading);
  });

  test('a grant on the secret itself (Microsoft\'s least privilege for one secret) reads it; one on another secret of the vault does not', async () => {
    const other = `
resource "azurerm_key_vault_secret" "other" {
  name         = "other"
  value        = "not-a-credential"
  key_vault_id = azurerm_key_vault.ops.id
}
`;
    const readers = other + readerIdentity('one') + roleAssignment('one', 'Key Vault Secrets User', 'azurerm_key_vault_secret.deploy.resource_versionless_id', readerPrincipal('one'))
      + readerIdentity('two') + roleAssignment('two', 'Key Vault Secrets User', 'azurerm_key_vault_secret.other.resource_versionless_id', readerPrincipal('two'));
    const graph = await graphOf(configuration(readers));
    expect(graph.grants.map((g) => [g.principal.name, g.role.name, g.scope.name ?? g.scope.value]).sort()).toEqual([
      ['deploy', 'Owner', 'rg-app'],
      ['uai-one', 'Key Vault Secrets User', 'deploy-client-secret'],
      ['uai-two', 'Key Vault Secrets User', 'other'],
    ]);
    expect(buildReport(graph).credentials[0].stores?.[0].readers).toEqual(['managed identity uai-one']);
    // Every path through the secret starts with uai-one's grant on it (past the secret, deploy's Owner reaches further).
    const through = chainsThroughStore(graph);
    expect(through.length).toBeGreaterThan(0);
    expect(new Set(through.map((c) => c.slice(0, 3).join(' | ')))).toEqual(new Set([['uai-one', 'holds "Key Vault Secrets User" at deploy-client-secret', STORED_STEP].join(' | ')]));
  });

  test('a change that starts keeping the secret in the vault opens the escalation at the kept secret', async () => {
    const base = await graphOf(configuration(APP_READS, { kept: false }));
    const head = await graphOf(configuration(APP_READS));
    const { opened, closed } = diffEscalations(base, head);
    expect(opened.map((o) => [o.status, o.cause.edge.kind, o.cause.edge.origin.address])).toEqual([['new', 'stored-credential', 'azurerm_key_vault_secret.deploy']]);
    expect(closed).toEqual([]);
    expect(diffEscalations(head, base).closed.map((c) => c.edge.kind)).toEqual(['stored-credential']);
  });

  test('the report lists it among escalations by root cause, as a kept credential', async () => {
    const report = buildReport(await graphOf(configuration(APP_READS)));
    expect(report.escalations.map((e) => [e.kind, e.address, e.paths, e.tier])).toEqual([['stored-credential', 'azurerm_key_vault_secret.deploy', 1, 'tier 0']]);
  });
});
