import { BASE, documentOf, reachOf, RULE_CONTEXT, SHAPES } from './escalation-fixtures';
import { escalationChain } from '../../../src/policy/rules/escalation-rules';
import { EscalationChain } from '../../../src/review/escalation/escalation-chain';
import { computeReach, ReachResult } from '../../../src/review/escalation/reach';
import { isReportedChain } from '../../../src/review/escalation/reported-chain';
import { AccessGraph } from '../../../src/review/graph/access-graph';

const SUB = '11111111-2222-3333-4444-555555555555';
const USER = 'eeeeeeee-1111-2222-3333-ffffffffffff';

/** A VM in a group (as written) running as uai-worker, which holds a role at a scope. */
function vmWorker(group: string, role = 'Key Vault Secrets Officer', scope = 'azurerm_key_vault.payments.id'): string {
  return `
resource "azurerm_user_assigned_identity" "worker" {
  name                = "uai-worker"
  resource_group_name = "rg-identities"
  location            = "eastus"
}
resource "azurerm_linux_virtual_machine" "worker" {
  name                = "vm-worker"
  resource_group_name = ${group}
  location            = "eastus"
  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.worker.id]
  }
}
resource "azurerm_role_assignment" "worker_role" {
  scope                = ${scope}
  role_definition_name = "${role}"
  principal_id         = azurerm_user_assigned_identity.worker.principal_id
}
`;
}

function aliceHolds(role: string, scope: string, name = 'alice_role'): string {
  return `
resource "azurerm_role_assignment" "${name}" {
  scope                = ${scope}
  role_definition_name = "${role}"
  principal_id         = azuread_user.alice.object_id
}
`;
}

const workerChain = (reach: ReachResult): EscalationChain | undefined =>
  reach.chains.find((c) => c.principal.name === 'alice' && c.steps.some((s) => s.identity?.name === 'uai-worker'));

describe.each(SHAPES)('which resources lie within a scope (%s)', (shape) => {
  test.each([
    ['a literal group ID, a literal group name', `"/subscriptions/${SUB}/resourceGroups/rg-app"`, '"rg-app"'],
    ['a literal group ID, a group name in other case', `"/subscriptions/${SUB}/resourceGroups/RG-App"`, '"rg-app"'],
    ['a reference to the group, its name by reference', 'azurerm_resource_group.app.id', 'azurerm_resource_group.app.name'],
    ['an ID built from the subscription, a variable with a default', '"${data.azurerm_subscription.current.id}/resourceGroups/rg-app"', 'var.group'],
    ['the subscription, any group', 'data.azurerm_subscription.current.id', '"rg-anything"'],
    ['the VM itself, by reference', 'azurerm_linux_virtual_machine.worker.id', '"rg-app"'],
    ['the VM itself, by literal ID', `"/subscriptions/${SUB}/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm-worker"`, '"rg-app"'],
  ])('%s: the VM is within', async (_, scope, group) => {
    const variable = 'variable "group" {\n  default = "rg-app"\n}\ndata "azurerm_subscription" "current" {}\n';
    const { reach } = await reachOf(BASE + variable + vmWorker(group) + aliceHolds('Virtual Machine Contributor', scope), shape);
    expect(workerChain(reach)?.steps[1].description).toBe('runs as uai-worker on vm-worker (Microsoft.Compute/virtualMachines/runCommand/action)');
  });

  test.each([
    ['another group by name', 'azurerm_resource_group.app.id', '"rg-other"'],
    ['another resource', 'azurerm_key_vault.payments.id', '"rg-app"'],
    ['a group given by a variable without a default is not the held group when another literal is', 'azurerm_resource_group.app.id', 'azurerm_resource_group.other.name'],
  ])('%s: the VM is not within', async (_, scope, group) => {
    const { reach } = await reachOf(BASE + vmWorker(group) + aliceHolds('Virtual Machine Contributor', scope), shape);
    expect(workerChain(reach)).toBeUndefined();
  });

  test('a resource whose group cannot be read counts as within, and the step says so', async () => {
    const { reach } = await reachOf(BASE + 'variable "group" {}\n' + vmWorker('var.group') + aliceHolds('Virtual Machine Contributor', 'azurerm_resource_group.app.id'), shape);
    expect(workerChain(reach)?.steps[1].description).toBe(
      'runs as uai-worker on vm-worker (Microsoft.Compute/virtualMachines/runCommand/action, counted as within the scope because its resource group cannot be read)',
    );
  });

  test('a system-assigned identity runs as itself on its resource', async () => {
    const hcl = BASE + aliceHolds('Virtual Machine Contributor', 'azurerm_resource_group.app.id') + `
resource "azurerm_windows_virtual_machine" "batch" {
  name                = "vm-batch"
  resource_group_name = azurerm_resource_group.app.name
  location            = "eastus"
  identity {
    type = "SystemAssigned"
  }
}
resource "azurerm_role_assignment" "batch_reader" {
  scope                = "/subscriptions/${SUB}"
  role_definition_name = "Reader"
  principal_id         = azurerm_windows_virtual_machine.batch.identity[0].principal_id
}
`;
    const { reach } = await reachOf(hcl, shape);
    const chain = reach.chains.find((c) => c.principal.name === 'alice' && c.reaches.role === 'Reader');
    expect(chain?.steps.map((s) => s.description)).toEqual([
      'holds "Virtual Machine Contributor" at rg-app',
      'runs as vm-batch (system-assigned) on vm-batch (Microsoft.Compute/virtualMachines/runCommand/action)',
      `vm-batch (system-assigned) holds "Reader" at subscription ${SUB}`,
    ]);
    expect(chain?.widens).toBe(true);
    expect(isReportedChain(chain!)).toBe(true);
  });
});

describe.each(SHAPES)('chains (%s)', (shape) => {
  test('follow identity after identity, each identity once, and end where no identity leads further', async () => {
    // uai-worker can run commands on vm-admin, which runs as uai-admin, which holds Owner on rg-payments.
    const hcl = BASE + aliceHolds('Virtual Machine Contributor', 'azurerm_resource_group.app.id')
      + vmWorker('azurerm_resource_group.app.name', 'Virtual Machine Contributor', 'azurerm_resource_group.other.id') + `
resource "azurerm_user_assigned_identity" "admin" {
  name                = "uai-admin"
  resource_group_name = "rg-identities"
  location            = "eastus"
}
resource "azurerm_linux_virtual_machine" "admin" {
  name                = "vm-admin"
  resource_group_name = azurerm_resource_group.other.name
  location            = "eastus"
  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.admin.id, azurerm_user_assigned_identity.worker.id]
  }
}
resource "azurerm_role_assignment" "admin_owner" {
  scope                = azurerm_resource_group.payments.id
  role_definition_name = "Owner"
  principal_id         = azurerm_user_assigned_identity.admin.principal_id
}
`;
    const { graph, reach } = await reachOf(hcl, shape);
    const toOwner = reach.chains.filter((c) => c.principal.name === 'alice' && c.reaches.role === 'Owner');
    expect(toOwner.map((c) => c.steps.map((s) => s.description))).toEqual([[
      'holds "Virtual Machine Contributor" at rg-app',
      'runs as uai-worker on vm-worker (Microsoft.Compute/virtualMachines/runCommand/action)',
      'uai-worker holds "Virtual Machine Contributor" at rg-other',
      'runs as uai-admin on vm-admin (Microsoft.Compute/virtualMachines/runCommand/action)',
      'uai-admin holds "Owner" at rg-payments',
    ]]);
    expect(toOwner[0].reaches.canGrantAccess).toBe(true);
    // uai-worker is attached to vm-admin as well: the search does not go back to it.
    expect(reach.chains.filter((c) => c.principal.name === 'uai-worker' && c.steps.some((s) => s.identity?.name === 'uai-worker'))).toEqual([]);
    // alice's paths and uai-worker's own pass one grant: one root cause, reported once, naming both starts.
    const hits = escalationChain.check(graph, RULE_CONTEXT);
    expect(hits.map((h) => h.origin.address)).toEqual(['azurerm_role_assignment.worker_role']);
    expect(hits[0].message).toMatch(/^managed identity uai-worker holds "Virtual Machine Contributor" at rg-other opens 4 escalation paths from 2 principals, up to tier 0: "Owner" at rg-payments, /);
    expect(new Set(hits[0].paths?.map((p) => p.origin.address))).toEqual(new Set(['azurerm_role_assignment.alice_role', 'azurerm_role_assignment.worker_role']));
  });

  test('two principals holding one role at one scope: the same steps in words, each standing on its own grant', async () => {
    const hcl = BASE + aliceHolds('Virtual Machine Contributor', 'azurerm_resource_group.app.id') + `
resource "azurerm_role_assignment" "user_vm" {
  scope                = azurerm_resource_group.app.id
  role_definition_name = "Virtual Machine Contributor"
  principal_id         = "${USER}"
  principal_type       = "User"
}
`;
    const { reach } = await reachOf(hcl, shape);
    const opening = reach.chains.filter((c) => c.steps.length === 2 && c.steps[1].kind === 'opens');
    const of = (address: string) => opening.filter((c) => c.steps[0].grant.origin.address === address);
    const [alice, user] = [of('azurerm_role_assignment.alice_role'), of('azurerm_role_assignment.user_vm')];
    expect(alice.length).toBeGreaterThan(0);
    expect(alice.map((c) => [c.steps[1].description, c.reaches])).toEqual(user.map((c) => [c.steps[1].description, c.reaches]));
    for (const chain of [...alice, ...user]) {
      expect(chain.steps[1].grant).toBe(chain.steps[0].grant);
      expect(chain.steps[0].grant.scope.value).toBe('${azurerm_resource_group.app.id}');
    }
  });

  test('what a principal that can grant access reaches within its own scope is its own reach; past it, an escalation', async () => {
    // uai-worker runs in rg-app, where alice is Owner: she could give herself its vault role anyway? No: the vault is in rg-payments.
    const beyond = await reachOf(BASE + aliceHolds('Owner', 'azurerm_resource_group.app.id') + vmWorker('azurerm_resource_group.app.name'), shape);
    expect(workerChain(beyond.reach)?.ownReach).toBe(false);
    expect(escalationChain.check(beyond.graph, RULE_CONTEXT).map((h) => [h.origin.address, h.reaches])).toEqual([
      ['azurerm_role_assignment.worker_role', [{ role: 'Key Vault Secrets Officer', scope: 'kv-payments' }]],
    ]);
    // The same identity holding its role inside rg-app: alice, Owner there, can give herself that role in one step.
    const within = await reachOf(BASE + aliceHolds('Owner', 'azurerm_resource_group.app.id')
      + vmWorker('azurerm_resource_group.app.name', 'Key Vault Secrets Officer', 'azurerm_resource_group.app.id'), shape);
    expect(workerChain(within.reach)?.ownReach).toBe(true);
    expect(escalationChain.check(within.graph, RULE_CONTEXT)).toEqual([]);
  });

  test('a custom role with roleDefinitions/write can rewrite itself into Owner', async () => {
    const hcl = BASE + `
resource "azurerm_role_definition" "editor" {
  name  = "role-editor"
  scope = azurerm_resource_group.app.id
  permissions {
    actions = ["Microsoft.Authorization/roleDefinitions/write", "Microsoft.Authorization/roleDefinitions/read"]
  }
}
resource "azurerm_role_assignment" "alice_editor" {
  scope              = azurerm_resource_group.app.id
  role_definition_id = azurerm_role_definition.editor.role_definition_resource_id
  principal_id       = azuread_user.alice.object_id
}
`;
    const { graph } = await reachOf(hcl, shape);
    // A role that cannot grant access, rewritten into one that can: an escalation (nothing else judges that grant).
    expect(escalationChain.check(graph, RULE_CONTEXT).map((h) => [h.severity, h.message])).toEqual([[
      'error',
      'human alice holds "role-editor" at rg-app opens 1 escalation path, up to tier 0: '
      + '"a custom role it holds, rewritten to Owner\'s actions" at rg-app. Shortest: human alice → holds "role-editor" at rg-app → '
      + 'can widen a custom role it holds, rewritten to Owner\'s actions at rg-app (Microsoft.Authorization/roleDefinitions/write).',
    ]]);
  });

  test('elevateAccess reaches root only for a Global Administrator: the Azure action alone elevates nothing', async () => {
    const elevate = BASE + `
resource "azurerm_role_definition" "elevate" {
  name  = "elevate"
  scope = "/subscriptions/${SUB}"
  permissions {
    actions = ["Microsoft.Authorization/elevateAccess/Action"]
  }
}
resource "azurerm_role_assignment" "user_elevate" {
  scope              = "/subscriptions/${SUB}"
  role_definition_id = azurerm_role_definition.elevate.role_definition_resource_id
  principal_id       = "${USER}"
  principal_type     = "User"
}
`;
    const elevates = (reach: ReachResult) => reach.chains.filter((c) => c.steps[1]?.path?.id === 'rbac-elevate-access-root');
    const without = await reachOf(elevate, shape);
    expect(without.graph.grants.map((g) => g.role.name)).toEqual(['elevate']);
    expect(elevates(without.reach)).toEqual([]);
    expect(without.reach.chains.filter((c) => c.reaches.scope === '/')).toEqual([]);
    const globalAdmin = `
resource "azuread_directory_role_assignment" "ga" {
  role_id             = "62e90394-69f5-4237-9190-012177145e10"
  principal_object_id = "${USER}"
}
`;
    const withGlobalAdmin = await reachOf(elevate + globalAdmin, shape);
    const chain = elevates(withGlobalAdmin.reach)[0];
    expect(chain?.reaches).toEqual({ role: 'User Access Administrator', scope: '/', scopeLevel: 'root', canGrantAccess: true, tier: 'ControlPlane' });
  });

  test('Owner, however wide, is no classic Co-Administrator: that mechanism was retired on 2024-08-31', async () => {
    const { reach } = await reachOf(BASE + aliceHolds('Owner', `"/subscriptions/${SUB}"`), shape);
    expect(reach.chains.filter((c) => c.principal.name === 'alice').length).toBeGreaterThan(0);
    expect(reach.chains.filter((c) => c.steps.some((s) => s.path?.id === 'rbac-classic-coadministrator-write'))).toEqual([]);
    expect(reach.chains.filter((c) => c.reaches.role.includes('Co-Administrator'))).toEqual([]);
  });

  test('a role held at a resource group ends no chain at a wider scope unless a step gets there', async () => {
    const { reach } = await reachOf(BASE + aliceHolds('Owner', 'azurerm_resource_group.app.id'), shape);
    const alice = reach.chains.filter((c) => c.principal.name === 'alice');
    expect(alice.length).toBeGreaterThan(0);
    expect(alice.map((c) => [c.reaches.scope, c.reaches.scopeLevel]).filter(([, level]) => level !== 'resource-group')).toEqual([]);
  });

  test('a custom role can be rewritten; a built-in one cannot: roleDefinitions/write opens that path only to a holder of a custom role', async () => {
    const rewrites = (reach: ReachResult) => reach.chains.filter((c) => c.principal.name === 'alice' && c.steps[1]?.path?.id === 'rbac-custom-role-definition-write');
    // Role Based Access Control Administrator has roleAssignments/write, not roleDefinitions/write; "Owner" has both, as a built-in.
    const builtIn = await reachOf(BASE + aliceHolds('Owner', 'azurerm_resource_group.app.id'), shape);
    expect(rewrites(builtIn.reach)).toEqual([]);
    const custom = BASE + `
resource "azurerm_role_definition" "editor" {
  name  = "role-editor"
  scope = azurerm_resource_group.app.id
  permissions {
    actions = ["Microsoft.Authorization/roleDefinitions/write"]
  }
}
resource "azurerm_role_assignment" "alice_editor" {
  scope              = azurerm_resource_group.app.id
  role_definition_id = azurerm_role_definition.editor.role_definition_resource_id
  principal_id       = azuread_user.alice.object_id
}
`;
    expect(rewrites((await reachOf(custom, shape)).reach).map((c) => c.reaches.role)).toEqual(['a custom role it holds, rewritten to Owner\'s actions']);
  });

  describe('a scope that is one resource opens only what its type and child types hold', () => {
    const COSMOS = `
resource "azurerm_cosmosdb_account" "orders" {
  name                = "cosmos-orders"
  resource_group_name = azurerm_resource_group.app.name
  location            = "eastus"
  offer_type          = "Standard"
}
`;
    const ends = async (scope: string, extra = '') => {
      const { reach } = await reachOf(BASE + COSMOS + extra + aliceHolds('Contributor', scope), shape);
      return reach.chains.filter((c) => c.principal.name === 'alice' && c.steps.length > 1).map((c) => c.reaches.role).sort();
    };

    test('Contributor on one Cosmos DB account reaches no AKS cluster-admin, vault access policy or storage key', async () => {
      expect(await ends('azurerm_cosmosdb_account.orders.id')).toEqual([]);
      expect(await ends(`"/subscriptions/${SUB}/resourceGroups/rg-app/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-orders"`)).toEqual([]);
    });

    test('on a key vault: its access policies and deployments, nothing of storage or AKS', async () => {
      expect(await ends('azurerm_key_vault.payments.id')).toEqual(['Key Vault data through an access policy it writes itself', 'Key Vault secrets through ARM deployments']);
    });

    test('on a storage account: its keys; on an AKS cluster: cluster-admin', async () => {
      const storage = `
resource "azurerm_storage_account" "data" {
  name                     = "stdata"
  resource_group_name      = azurerm_resource_group.app.name
  location                 = "eastus"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}
`;
      expect(await ends('azurerm_storage_account.data.id', storage)).toEqual(['all storage account data (Shared Key)']);
      const aks = `
resource "azurerm_kubernetes_cluster" "k8s" {
  name                = "aks-app"
  resource_group_name = azurerm_resource_group.app.name
  location            = "eastus"
  dns_prefix          = "app"
}
`;
      expect(await ends('azurerm_kubernetes_cluster.k8s.id', aks)).toEqual(['cluster-admin on AKS clusters']);
    });

    test('at a resource group, resources the input does not declare may be there: every such path opens', async () => {
      expect(await ends('azurerm_resource_group.app.id')).toEqual([
        'Key Vault data through an access policy it writes itself', 'Key Vault secrets through ARM deployments',
        'all storage account data (Shared Key)', 'cluster-admin on AKS clusters',
      ].sort());
    });

    test('a resource whose type cannot be read counts as any type', async () => {
      const variable = 'variable "target" {}\n';
      expect((await ends('var.target', variable)).length).toBeGreaterThan(0);
    });
  });

  test('a role that cannot be read opens every path (the wider case)', async () => {
    const hcl = BASE + vmWorker('azurerm_resource_group.app.name') + `
resource "azurerm_role_assignment" "alice_mystery" {
  scope              = azurerm_resource_group.app.id
  role_definition_id = "\${var.role_id}"
  principal_id       = azuread_user.alice.object_id
}
`;
    const { reach } = await reachOf(hcl, shape);
    expect(workerChain(reach)?.steps[1].description).toBe(
      'runs as uai-worker on vm-worker (Microsoft.Compute/virtualMachines/runCommand/action)',
    );
  });
});

describe('placement read into the graph', () => {
  test('the graph alone places resources in groups: reach and the rule need no documents beside it', async () => {
    const hcl = BASE + vmWorker('azurerm_resource_group.app.name') + aliceHolds('Virtual Machine Contributor', 'azurerm_resource_group.app.id');
    const graph = AccessGraph.fromDocuments([{ file: 'main.tf', document: await documentOf(hcl, 'cdktf') }]);
    const worker = graph.identities.find((i) => i.name === 'uai-worker');
    expect(worker?.attachedTo).toEqual([{
      address: 'azurerm_linux_virtual_machine.worker',
      origin: expect.objectContaining({ address: 'azurerm_linux_virtual_machine.worker' }),
      type: 'azurerm_linux_virtual_machine',
      name: 'vm-worker',
      group: 'rg-app',
    }]);
    expect(graph.grants.find((g) => g.origin.address === 'azurerm_role_assignment.alice_role')?.scopePlacement)
      .toEqual({ level: 'resource-group', group: 'rg-app' });
    expect(workerChain(computeReach(graph))).toBeDefined();
    // The chain to the vault; Virtual Machine Contributor's storage keys in the group it holds are its own reach, not an escalation.
    expect(escalationChain.check(graph, RULE_CONTEXT).map((h) => h.reaches?.map((r) => r.role))).toEqual([['Key Vault Secrets Officer']]);
  });
});

describe.each(SHAPES)('a system-assigned identity and its own resource (%s)', (shape) => {
  const app = `
resource "azurerm_user_assigned_identity" "api" {
  name                = "uai-api"
  resource_group_name = azurerm_resource_group.other.name
  location            = "eastus"
}
resource "azurerm_role_assignment" "api_secrets" {
  scope                = azurerm_key_vault.payments.id
  role_definition_name = "Key Vault Secrets User"
  principal_id         = azurerm_user_assigned_identity.api.principal_id
}
resource "azurerm_storage_account" "code" {
  name                     = "stcode"
  resource_group_name      = azurerm_resource_group.app.name
  location                 = "eastus"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}
resource "azurerm_linux_function_app" "api" {
  name                 = "func-api"
  resource_group_name  = azurerm_resource_group.app.name
  location             = "eastus"
  storage_account_name = azurerm_storage_account.code.name
  site_config {}
  identity {
    type         = "SystemAssigned, UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.api.id]
  }
}
resource "azurerm_role_assignment" "func_storage" {
  scope                = azurerm_storage_account.code.id
  role_definition_name = "Storage Blob Data Owner"
  principal_id         = azurerm_linux_function_app.api.identity[0].principal_id
}
`;

  test('the app\'s own identity writing its own code takes on nothing it did not have', async () => {
    const { graph, reach } = await reachOf(BASE + app, shape);
    const own = reach.chains.filter((c) => c.principal.name === 'func-api (system-assigned)');
    expect(own.some((c) => c.steps.some((s) => s.kind === 'acts-as'))).toBe(false);
    expect(escalationChain.check(graph, RULE_CONTEXT)).toEqual([]);
  });

  test('anyone else who can write that code runs as both identities of the app', async () => {
    const { graph } = await reachOf(BASE + app + aliceHolds('Storage Blob Data Contributor', 'azurerm_storage_account.code.id'), shape);
    const hits = escalationChain.check(graph, RULE_CONTEXT);
    // alice's grant closes both paths (one through each identity of the app): one root cause. An error:
    // the vault lies outside every scope she holds.
    expect(hits.map((h) => [h.origin.address, h.severity])).toEqual([['azurerm_role_assignment.alice_role', 'error']]);
    // Within the account alice holds, the app's own identity holds more than she does: Owner of the data.
    expect(hits[0].reaches).toEqual([{ role: 'Key Vault Secrets User', scope: 'kv-payments' }, { role: 'Storage Blob Data Owner', scope: 'stcode' }]);
    expect(hits[0].flows?.map((f) => f.steps.map((st) => st.message).join(' → '))).toEqual([
      'human alice holds "Storage Blob Data Contributor" at stcode → overwrites the code of func-api in stcode and runs as uai-api '
      + '(Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write) → uai-api holds "Key Vault Secrets User" at kv-payments',
      'human alice holds "Storage Blob Data Contributor" at stcode → overwrites the code of func-api in stcode and runs as func-api (system-assigned) '
      + '(Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write) → func-api (system-assigned) holds "Storage Blob Data Owner" at stcode',
    ]);
  });
});
