import { ScopeLevel } from '../../../src/model/scope-level';
import { AccessGraph } from '../../../src/review/graph/access-graph';
import { readInputs } from '../../../src/review/reader/read-inputs';

const SUB = '11111111-2222-3333-4444-555555555555';
const RG = `/subscriptions/${SUB}/resourceGroups/rg-app`;

async function graph() {
  const documents = await readInputs(['test/fixtures/reader/access-kinds'], { env: {} });
  return AccessGraph.fromDocuments(documents.map((d) => ({ file: d.file, document: d.document })));
}

const grantAt = (g: AccessGraph, address: string) => {
  const found = g.grants.filter((x) => x.origin.address === address);
  expect(found).toHaveLength(1);
  return found[0];
};

describe('every resource that grants Azure access is read into the graph', () => {
  test('azapi role assignments with HCL and jsonencode bodies: parent_id is the scope, roles and principals resolved', async () => {
    const g = await graph();
    const hcl = grantAt(g, 'azapi_resource.hcl_body');
    expect([hcl.role.name, hcl.principal.name, hcl.principal.kind, hcl.scope.value, hcl.scope.level])
      .toEqual(['Reader', 'uai-azapi', 'managed-identity', RG, ScopeLevel.RESOURCE_GROUP]);
    const json = grantAt(g, 'azapi_resource.json_body');
    expect([json.role.name, json.role.canGrantAccess, json.principal.kind, json.scope.value, json.scope.level])
      .toEqual(['Owner', true, 'group', `/subscriptions/${SUB}`, ScopeLevel.SUBSCRIPTION]);
  });

  test('an azapi custom role is classified from its permissions, and a grant of it by reference resolves it', async () => {
    const g = await graph();
    expect(g.roleDefinitions.map((d) => [d.origin.address, d.role.name, d.role.guid, d.role.canGrantAccess, d.assignableScopes.map((s) => s.level)]))
      .toEqual([['azapi_resource.custom_role', 'Deployment Operator', '5c0f6e1a-0000-4000-8000-000000000003', true, [ScopeLevel.SUBSCRIPTION]]]);
    const grant = grantAt(g, 'azapi_resource.custom_role_grant');
    expect([grant.role.name, grant.role.canGrantAccess, grant.principal.kind, grant.scope.value]).toEqual(['Deployment Operator', true, 'human', RG]);
  });

  test('azapi PIM requests and policies: eligibility with its duration, an active assignment with its end, activation rules', async () => {
    const g = await graph();
    expect(g.eligibilities.map((e) => [e.origin.address, e.role?.name, e.scope?.value, e.expiry.permanent, e.expiry.duration?.toIsoString()]))
      .toEqual([['azapi_resource.eligible_owner', 'Owner', RG, false, 'P90D']]);
    const active = grantAt(g, 'azapi_resource.active_contributor');
    expect([active.via, active.role.name, active.scope.value, active.expiry]).toEqual(['pim-active', 'Contributor', RG, '2027-03-01T00:00:00Z']);
    expect(g.policies.map((p) =>
      [p.origin.address, p.role.known, p.scope.value, p.maximumActivation?.toIsoString(), p.requireMfa, p.requireJustification, p.requireApproval]))
      .toEqual([['azapi_update_resource.owner_policy', false, RG, 'PT2H', true, true, false]]);
  });

  test('azapi user-assigned identities and federated credentials', async () => {
    const g = await graph();
    expect(g.identities.map((i) => [i.origin.address, i.kind, i.name])).toEqual([['azapi_resource.uai', 'user-assigned', 'uai-azapi']]);
    expect(g.credentials.map((c) => [c.origin.address, c.kind, c.owner, c.issuer, c.subject])).toEqual([
      ['azapi_resource.fic', 'federated', '${azapi_resource.uai.id}', 'https://token.actions.githubusercontent.com', 'repo:contoso/app:ref:refs/heads/main'],
    ]);
  });

  test('Key Vault access policies are data-plane grants on the vault; a vault with RBAC authorization ignores them, and coverage says so', async () => {
    const g = await graph();
    const app = grantAt(g, 'azurerm_key_vault_access_policy.app');
    expect([app.principal.name, app.scope.value, app.scope.level, app.role.role?.effectiveDataActions]).toEqual([
      'uai-azapi', '${azurerm_key_vault.policies.id}', ScopeLevel.RESOURCE,
      ['Microsoft.KeyVault/vaults/secrets/getSecret/action', 'Microsoft.KeyVault/vaults/secrets/readMetadata/action'],
    ]);
    const inline = grantAt(g, 'azurerm_key_vault.policies');
    expect([inline.scope.value, inline.role.isReadOnly, inline.role.canGrantAccess]).toEqual(['${azurerm_key_vault.policies.id}', false, false]);
    expect(inline.role.role?.effectiveDataActions).toEqual(expect.arrayContaining([
      'Microsoft.KeyVault/vaults/secrets/setSecret/action', 'Microsoft.KeyVault/vaults/secrets/purge/action', 'Microsoft.KeyVault/vaults/keys/unwrap/action',
    ]));
    expect(g.grants.filter((x) => x.origin.address.includes('rbac'))).toEqual([]);
    expect(g.coverage.filter((c) => c.note !== undefined).map((c) => [c.origin.address, c.reviewed, c.note])).toEqual([
      ['azurerm_key_vault.rbac', true, expect.stringContaining('uses RBAC authorization')],
      ['azurerm_key_vault_access_policy.on_rbac_vault', true, expect.stringContaining('uses RBAC authorization')],
    ]);
  });

  test('Synapse, Cosmos DB and marketplace assignments are grants at their own scope, their roles judged by name', async () => {
    const g = await graph();
    const synapse = grantAt(g, 'azurerm_synapse_role_assignment.admin');
    expect([synapse.role.name, synapse.role.isReadOnly, synapse.scope.value, synapse.scope.level])
      .toEqual(['Synapse Administrator', false, `${RG}/providers/Microsoft.Synapse/workspaces/syn-app`, ScopeLevel.RESOURCE]);
    const cosmos = grantAt(g, 'azurerm_cosmosdb_sql_role_assignment.reader');
    expect([cosmos.role.name, cosmos.role.isReadOnly, cosmos.principal.name, cosmos.scope.value])
      .toEqual(['Cosmos DB Built-in Data Reader', true, 'uai-azapi', `${RG}/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-app`]);
    // Not in the catalog: unknown, the widest.
    const marketplace = grantAt(g, 'azurerm_marketplace_role_assignment.admin');
    expect([marketplace.role.known, marketplace.role.canGrantAccess, marketplace.scope.value]).toEqual([false, true, '/providers/Microsoft.Marketplace']);
  });

  test('nothing of the fixture is left "not reviewed"', async () => {
    const g = await graph();
    expect(g.coverage.length).toBeGreaterThan(15);
    expect(g.notReviewed).toEqual([]);
  });
});
