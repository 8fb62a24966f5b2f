import { readFileSync } from 'fs';
import * as path from 'path';
import { reachOf, RULE_CONTEXT, SHAPES } from './escalation-fixtures';
import { RuleId } from '../../../src/model/rule-id';
import { escalationChain } from '../../../src/policy/rules/escalation-rules';
import { chainKey, describeChain } from '../../../src/review/escalation/escalation-chain';
import { isReportedChain } from '../../../src/review/escalation/reported-chain';

const HCL = readFileSync(path.join(__dirname, '../../fixtures/escalation/multi-step.tf'), 'utf8');
const STEPS = [
  'holds "Virtual Machine Contributor" at rg-app',
  'runs as uai-worker on vm-worker (Microsoft.Compute/virtualMachines/runCommand/action)',
  'uai-worker holds "Key Vault Secrets Officer" at kv-payments',
];

describe.each(SHAPES)('user → VM Contributor on rg-app → vm-worker runs as uai-worker → Key Vault Secrets Officer on kv-payments (%s)', (shape) => {
  test('is one chain with every step named', async () => {
    const { reach } = await reachOf(HCL, shape);
    const chain = reach.chains.find((c) => c.principal.name === 'alice' && c.reaches.role === 'Key Vault Secrets Officer');
    expect(chain).toBeDefined();
    expect(chain!.steps.map((s) => s.description)).toEqual(STEPS);
    expect(chain!.steps.map((s) => s.kind)).toEqual(['holds', 'acts-as', 'holds']);
    expect(chain!.steps[1]).toMatchObject({ resource: 'azurerm_linux_virtual_machine.worker', identity: { name: 'uai-worker' } });
    expect(chain!.steps[1].alternatives?.map((a) => a.path.id)).toEqual(['vm-extension-write']);
    expect(chain!.reaches).toEqual({ role: 'Key Vault Secrets Officer', scope: 'kv-payments', scopeLevel: 'resource', canGrantAccess: false, tier: 'ManagementPlane' });
    expect(chain!.widens).toBe(true);
    expect(chain!.holderCanGrantAccess).toBe(false);
    expect(isReportedChain(chain!)).toBe(true);
    expect(chainKey(chain!)).toBe(['alice', ...STEPS].join(' → '));
    expect(describeChain(chain!)).toBe(['human alice', ...STEPS].join(' → '));
  });

  test(`${RuleId.ESCALATION_CHAIN} reports it once, on the first grant, naming every step`, async () => {
    const { graph } = await reachOf(HCL, shape);
    const all = escalationChain.check(graph, RULE_CONTEXT);
    // Virtual Machine Contributor also lists storage account keys in rg-app: a second chain, of its own.
    expect(all.map((h) => h.reaches?.role)).toEqual(['Key Vault Secrets Officer', 'all storage account data (Shared Key)']);
    const hits = all.filter((h) => h.reaches?.role === 'Key Vault Secrets Officer');
    expect(hits).toHaveLength(1);
    expect(hits[0].origin.address).toBe('azurerm_role_assignment.alice_vms');
    // Beyond every scope alice holds: an error, whatever the tier of the role.
    expect(hits[0].severity).toBe('error');
    for (const step of STEPS) expect(hits[0].message).toContain(step);
    expect(hits[0].message).toBe(
      'human alice holds no role that can grant access, yet reaches a scope outside every scope it holds: '
      + `"Key Vault Secrets Officer" at kv-payments. Chain: ${STEPS.join(' → ')}.`,
    );
    expect(hits[0].fix).toContain('Take Microsoft.Compute/virtualMachines/runCommand/action away from alice\'s "Virtual Machine Contributor" at rg-app');
    expect(hits[0].fix).toContain('narrow what uai-worker holds ("Key Vault Secrets Officer" at kv-payments)');
  });

  test('a suppression on the first grant travels with the hit', async () => {
    const suppression = { ruleId: RuleId.ESCALATION_CHAIN, reason: 'break-glass operator for the payments batch' };
    const { graph } = await reachOf(HCL, shape, new Map([['azurerm_role_assignment.alice_vms', [suppression]]]));
    const [hit] = escalationChain.check(graph, RULE_CONTEXT);
    expect(hit.origin.suppressions).toEqual([suppression]);
  });

  test('the vault in the held resource group is within what alice holds, but its secrets are not: still a finding', async () => {
    const { graph, reach } = await reachOf(HCL.replace('azurerm_resource_group.payments.name', 'azurerm_resource_group.app.name'), shape);
    const chain = reach.chains.find((c) => c.principal.name === 'alice' && c.reaches.role === 'Key Vault Secrets Officer');
    expect(chain!.steps.map((s) => s.description)).toEqual(STEPS);
    expect(chain!.widens).toBe(false);
    expect(chain!.gains).toBe(true);
    const hit = escalationChain.check(graph, RULE_CONTEXT).find((h) => h.reaches?.role === 'Key Vault Secrets Officer');
    expect(hit?.message).toBe('human alice holds no role that can grant access, yet reaches access it does not hold itself (tier 1): '
      + `"Key Vault Secrets Officer" at kv-payments. Chain: ${STEPS.join(' → ')}.`);
    // Within the scopes alice holds, graded by the tier of what she gains: Key Vault Secrets Officer is tier 1, a warning.
    expect(hit?.severity).toBe('warning');
  });
});
