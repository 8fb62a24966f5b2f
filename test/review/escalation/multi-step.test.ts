import { readFileSync } from 'fs';
import * as path from 'path';
import { reachOf, RULE_CONTEXT, SHAPES } from './escalation-fixtures';
import { RuleId } from '../../../src/model/rule-id';
import { evaluate } from '../../../src/policy/evaluate';
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

  test(`${RuleId.ESCALATION_CHAIN} reports it once, at its root cause, with the path and both ways to close it`, async () => {
    const { graph } = await reachOf(HCL, shape);
    const hits = escalationChain.check(graph, RULE_CONTEXT);
    // Virtual Machine Contributor's storage keys in rg-app are its own reach, shown with the grant: no finding here.
    expect(hits.map((h) => h.reaches)).toEqual([[{ role: 'Key Vault Secrets Officer', scope: 'kv-payments' }]]);
    // One path, two grants: the tie goes to the one nearest the privileged end, the vault role.
    expect(hits[0].origin.address).toBe('azurerm_role_assignment.worker_secrets');
    // Beyond every scope alice holds: an error, whatever the tier of the role.
    expect(hits[0].severity).toBe('error');
    expect(hits[0].message).toBe(
      'managed identity uai-worker holds "Key Vault Secrets Officer" at kv-payments opens 1 escalation path, up to tier 1: '
      + `"Key Vault Secrets Officer" at kv-payments. Shortest: human alice → ${STEPS.join(' → ')}.`,
    );
    expect(hits[0].fix).toBe('Remove or narrow it (a role that holds less, a narrower scope); or close the way in '
      + '(Microsoft.Compute/virtualMachines/runCommand/action of alice\'s "Virtual Machine Contributor" at rg-app): every path above closes with it. '
      + 'If the paths are intended, suppress AZA013 on azurerm_role_assignment.worker_secrets (this root cause) with a reason.');
    expect(hits[0].paths?.map((p) => p.origin.address)).toEqual(['azurerm_role_assignment.alice_vms']);
  });

  test('a suppression on the first grant, where AZA013 pointed before root causes, still accepts the path', async () => {
    const suppression = { ruleId: RuleId.ESCALATION_CHAIN, reason: 'break-glass operator for the payments batch' };
    const { graph } = await reachOf(HCL, shape, new Map([['azurerm_role_assignment.alice_vms', [suppression]]]));
    const { findings, suppressed } = evaluate(graph, { today: '2026-12-01' });
    expect(findings.filter((f) => f.ruleId === RuleId.ESCALATION_CHAIN)).toEqual([]);
    expect(suppressed.filter((s) => s.finding.ruleId === RuleId.ESCALATION_CHAIN).map((s) => [s.finding.address, s.suppression])).toEqual([
      ['azurerm_role_assignment.worker_secrets', suppression],
    ]);
  });

  test('the vault in the held resource group is within what alice holds, but its secrets are not: still a finding', async () => {
    const { graph, reach } = await reachOf(HCL.replace('azurerm_resource_group.payments.name', 'azurerm_resource_group.app.name'), shape);
    const chain = reach.chains.find((c) => c.principal.name === 'alice' && c.reaches.role === 'Key Vault Secrets Officer');
    expect(chain!.steps.map((s) => s.description)).toEqual(STEPS);
    expect(chain!.widens).toBe(false);
    expect(chain!.gains).toBe(true);
    const hit = escalationChain.check(graph, RULE_CONTEXT).find((h) => h.reaches?.[0].role === 'Key Vault Secrets Officer');
    expect(hit?.message).toContain('up to tier 1: "Key Vault Secrets Officer" at kv-payments.');
    // Within the scopes alice holds, graded by the tier of what she gains: Key Vault Secrets Officer is tier 1, a warning.
    expect(hit?.severity).toBe('warning');
  });
});
