import { BASE, probeRole, reachOf, RULE_CONTEXT, SHAPES, workerIdentity } from './escalation-fixtures';
import { escalationChain } from '../../../src/policy/rules/escalation-rules';
import { allEscalationPaths } from '../../../src/review/escalation/escalation-catalog';
import { EscalationChain } from '../../../src/review/escalation/escalation-chain';
import { EscalationEffect, effectsOf } from '../../../src/review/escalation/escalation-effect';
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

const cases = allEscalationPaths().flatMap((path) =>
  effectsOf(path.id, path.title).map((effect) => ({ id: path.id, kind: effect.kind, path, effect })),
);

describe.each(SHAPES)('every escalation path, over %s JSON', (shape) => {
  describe.each(cases)('$id ($kind)', ({ id, path, effect }) => {
    const identityEffect = effect.kind === 'run-as' || effect.kind === 'use-identity' || effect.kind === 'function-content';

    test('opens with the operations it needs', async () => {
      const role = opening(path);
      expect(Role.custom({ guid: '00000000-0000-0000-0000-000000000001', name: 'probe', permissions: [role] }).escalationPaths).toContain(id);
      const { graph, reach } = await reachOf(scenario(effect, role, 'app'), shape);
      const chains = aliceChains(reach).filter((c) => viaPath(c, id));
      if (identityEffect) {
        const chain = chains.find(throughWorker);
        expect(chain).toBeDefined();
        expect(chain!.steps[0].description).toBe('holds "probe" at rg-app');
        expect(isReportedChain(chain!)).toBe(true);
        const hits = escalationChain.check(graph, RULE_CONTEXT);
        expect(hits.some((h) => h.origin.address === 'azurerm_role_assignment.alice_probe' && h.message.includes('uai-worker holds'))).toBe(true);
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
      const { reach } = await reachOf(scenario(effect, role, 'app'), shape);
      expect(aliceChains(reach).filter((c) => viaPath(c, id))).toEqual([]);
    });

    if (identityEffect) {
      test('does not open when the identity is not attached within the held scope', async () => {
        const { graph, reach } = await reachOf(scenario(effect, opening(path), 'other'), shape);
        expect(aliceChains(reach).filter(throughWorker)).toEqual([]);
        expect(escalationChain.check(graph, RULE_CONTEXT).filter((h) => h.message.includes('uai-worker'))).toEqual([]);
      });
    }
  });
});
