import { BASE, probeRole, reachOf, RULE_CONTEXT, SHAPES, workerIdentity } from './escalation-fixtures';
import { escalationChain } from '../../../src/policy/rules/escalation-rules';
import { allEscalationPaths } from '../../../src/review/escalation/escalation-catalog';
import { EscalationChain } from '../../../src/review/escalation/escalation-chain';
import { EscalationEffect, effectsOfPath } from '../../../src/review/escalation/escalation-effect';
import { ReachResult } from '../../../src/review/escalation/reach';
import { isReportedChain } from '../../../src/review/escalation/reported-chain';
import { EscalationPath } from '../../../src/roles/escalation-path';
import { Role } from '../../../src/roles/role';

type Group = 'app' | 'other';

/** The operations that open the path: its first action, every requirement, and the first of `requiresAny`. */
function opening(path: EscalationPath, drop?: 'trigger' | 'requirement'): { actions: string[]; dataActions: string[] } {
  const trigger = drop === 'trigger' ? [] : [path.actions[0]];
  const requires = drop === 'requirement' && path.requires.length > 0 ? path.requires.slice(0, -1) : [...path.requires];
  const any = drop === 'requirement' && path.requires.length === 0 ? [] : path.requiresAny.slice(0, 1);
  const control = [...requires, ...any, 'Microsoft.Resources/subscriptions/resourceGroups/read'];
  return path.plane === 'data' ? { actions: control, dataActions: trigger } : { actions: [...trigger, ...control], dataActions: [] };
}

/** What is missing in the "required action missing" case: a requirement when the path has one, else the trigger. */
function missing(path: EscalationPath): 'trigger' | 'requirement' {
  return path.requires.length > 0 || path.requiresAny.length > 0 ? 'requirement' : 'trigger';
}

const IDENTITY = 'identity {\n    type         = "UserAssigned"\n    identity_ids = [azurerm_user_assigned_identity.worker.id]\n  }';

/** A resource of the type the effect runs code on, in a group, running as uai-worker. */
function runsOn(type: string, group: Group): string {
  if (type === 'azurerm_container_registry_task') {
    return `
resource "azurerm_container_registry" "acr" {
  name                = "acrapp"
  resource_group_name = azurerm_resource_group.${group}.name
  location            = "eastus"
  sku                 = "Premium"
}
resource "azurerm_container_registry_task" "target" {
  name                  = "target"
  container_registry_id = azurerm_container_registry.acr.id
  ${IDENTITY}
}
`;
  }
  const place = type.endsWith('_policy_assignment')
    ? `resource_group_id = azurerm_resource_group.${group}.id`
    : `resource_group_name = azurerm_resource_group.${group}.name`;
  return `
resource "${type}" "target" {
  name     = "target"
  ${place}
  location = "eastus"
  ${IDENTITY}
}
`;
}

/** A function app in rg-other, running as uai-worker, whose code is in a storage account in the group. */
function functionCodeIn(group: Group): string {
  return `
resource "azurerm_storage_account" "code" {
  name                     = "stcode"
  resource_group_name      = azurerm_resource_group.${group}.name
  location                 = "eastus"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}
resource "azurerm_linux_function_app" "target" {
  name                 = "func-target"
  resource_group_name  = azurerm_resource_group.other.name
  location             = "eastus"
  service_plan_id      = "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-other/providers/Microsoft.Web/serverFarms/plan"
  storage_account_name = azurerm_storage_account.code.name
  site_config {}
  ${IDENTITY}
}
`;
}

/** The configuration for one effect, with the identity (or what it runs on) in the group. */
function scenario(effect: EscalationEffect, role: { actions: string[]; dataActions: string[] }, group: Group): string {
  const probe = probeRole(role.actions, role.dataActions);
  switch (effect.kind) {
    case 'run-as':
      return BASE + probe + workerIdentity('other') + runsOn(effect.resourceTypes[0], group);
    case 'use-identity':
      return BASE + probe + workerIdentity(group);
    case 'function-content':
      return BASE + probe + workerIdentity('other') + functionCodeIn(group);
    default:
      return BASE + probe + workerIdentity('other');
  }
}

const aliceChains = (reach: ReachResult) => reach.chains.filter((c) => c.principal.name === 'alice');
const viaPath = (chain: EscalationChain, id: string) =>
  chain.steps.some((s) => s.path?.id === id || s.alternatives?.some((a) => a.path.id === id));
const throughWorker = (chain: EscalationChain) =>
  chain.steps.some((s) => s.kind === 'acts-as' && s.identity?.name === 'uai-worker')
  && chain.steps[chain.steps.length - 1].description === 'uai-worker holds "Key Vault Secrets Officer" at kv-payments';

/** A Global Administrator assignment for alice, for paths that work only for one. */
const ALICE_GLOBAL_ADMIN = `
resource "azuread_directory_role_assignment" "alice_ga" {
  role_id             = "62e90394-69f5-4237-9190-012177145e10"
  principal_object_id = azuread_user.alice.object_id
}
`;

const live = allEscalationPaths().filter((path) => effectsOfPath(path.id, path.title).conditions?.retired === undefined);
const cases = live.flatMap((path) => {
  const { effects, conditions } = effectsOfPath(path.id, path.title);
  // What the holder must also hold is given to alice: the path's operations are what this tests.
  const holder = conditions?.callerEntraRole === undefined ? '' : ALICE_GLOBAL_ADMIN;
  return effects.map((effect) => ({ id: path.id, kind: effect.kind, path, effect, holder }));
});

describe.each(SHAPES)('retired escalation paths open nothing (%s)', (shape) => {
  const retired = allEscalationPaths().filter((path) => effectsOfPath(path.id, path.title).conditions?.retired !== undefined);
  test.each(retired.map((p) => [p.id, p] as const))('%s', async (id, path) => {
    expect(retired.map((p) => p.id)).toEqual(['rbac-classic-coadministrator-write']);
    const { reach } = await reachOf(scenario({ kind: 'access', what: '' }, opening(path), 'app') + ALICE_GLOBAL_ADMIN, shape);
    expect(reach.chains.filter((c) => c.principal.name === 'alice').length).toBeGreaterThan(0);
    expect(aliceChains(reach).filter((c) => viaPath(c, id))).toEqual([]);
  });
});

describe.each(SHAPES)('every escalation path, over %s JSON', (shape) => {
  describe.each(cases)('$id ($kind)', ({ id, path, effect, holder }) => {
    const identityEffect = effect.kind === 'run-as' || effect.kind === 'use-identity' || effect.kind === 'function-content';

    test('opens with the operations it needs', async () => {
      const role = opening(path);
      expect(Role.custom({ guid: '00000000-0000-0000-0000-000000000001', name: 'probe', permissions: [role] }).escalationPaths).toContain(id);
      const { graph, reach } = await reachOf(scenario(effect, role, 'app') + holder, shape);
      const chains = aliceChains(reach).filter((c) => viaPath(c, id));
      if (identityEffect) {
        const chain = chains.find(throughWorker);
        expect(chain).toBeDefined();
        expect(chain!.steps[0].description).toBe('holds "probe" at rg-app');
        expect(isReportedChain(chain!)).toBe(true);
        // One root cause: of the path's two grants, the one nearest the privileged end (the vault role);
        // the path from alice is the detail, and her grant is where it starts.
        const hits = escalationChain.check(graph, RULE_CONTEXT);
        const hit = hits.find((h) => h.origin.address === 'azurerm_role_assignment.worker_secrets');
        expect(hit?.message).toContain('human alice → holds "probe" at rg-app → ');
        expect(hit?.paths?.map((p) => p.origin.address)).toContain('azurerm_role_assignment.alice_probe');
      } else {
        const chain = chains.find((c) => c.steps[c.steps.length - 1].kind === 'opens' && c.steps[c.steps.length - 1].path?.id === id);
        expect(chain).toBeDefined();
        expect(chain!.steps[1].description).toContain(`(${path.actions[0]})`);
        expect(chain!.reaches.canGrantAccess).toBe(effect.kind === 'grant-roles');
      }
    });

    test(`does not open when a ${missing(path) === 'trigger' ? 'triggering' : 'required'} action is missing`, async () => {
      const role = opening(path, missing(path));
      expect(Role.custom({ guid: '00000000-0000-0000-0000-000000000001', name: 'probe', permissions: [role] }).escalationPaths).not.toContain(id);
      const { reach } = await reachOf(scenario(effect, role, 'app') + holder, shape);
      expect(aliceChains(reach).filter((c) => viaPath(c, id))).toEqual([]);
    });

    if (identityEffect) {
      test('does not open when the identity is not attached within the held scope', async () => {
        const { graph, reach } = await reachOf(scenario(effect, opening(path), 'other') + holder, shape);
        expect(aliceChains(reach).filter(throughWorker)).toEqual([]);
        expect(escalationChain.check(graph, RULE_CONTEXT).filter((h) => h.message.includes('uai-worker'))).toEqual([]);
      });
    }
  });
});
