import { RuleId } from '../../../src/model/rule-id';
import { ScopeLevel } from '../../../src/model/scope-level';
import { evaluate as evaluatePolicy } from '../../../src/policy/evaluate';
import { computeReach } from '../../../src/review/escalation/reach';
import { isReportedChain } from '../../../src/review/escalation/reported-chain';
import { AccessGraph } from '../../../src/review/graph/access-graph';
import { readInputs } from '../../../src/review/reader/read-inputs';

async function graph() {
  const documents = await readInputs(['test/fixtures/escalation/across-modules/root'], { env: {} });
  return AccessGraph.fromDocuments(documents.map((d) => ({ file: d.file, document: d.document })));
}

describe('one graph across a root and its modules', () => {
  test('the provider\'s subscription is one scope, whether the root or a module names it', async () => {
    const g = await graph();
    expect(g.grants.map((x) => [x.origin.address, x.scope.value, x.scope.level, x.scope.stableKey])).toEqual([
      ['azurerm_role_assignment.alice_vm', '${data.azurerm_subscription.current.id}', ScopeLevel.SUBSCRIPTION, '/subscriptions/{provider subscription}'],
      ['azurerm_role_assignment.worker_uaa', '${module.worker.data.azurerm_subscription.current.id}', ScopeLevel.SUBSCRIPTION, '/subscriptions/{provider subscription}'],
    ]);
  });

  test('an escalation chain crosses the module boundary: root grant → module VM → module identity → root grant', async () => {
    const g = await graph();
    const chains = computeReach(g).chains.filter(isReportedChain).filter((c) => c.principal.key === 'eeeeeeee-1111-2222-3333-ffffffffffff');
    expect(chains.length).toBeGreaterThan(0);
    // Virtual Machine Contributor's own storage keys are its own reach: the reported chain passes the module.
    const chain = chains.find((c) => c.steps.some((s) => s.kind === 'acts-as'))!;
    // The VM and the identity are the module's; both grants are the root's.
    expect(chain.steps.map((s) => [s.kind, s.grant.origin.address, s.grant.principal.name, s.identity?.name, s.resource])).toEqual([
      ['holds', 'azurerm_role_assignment.alice_vm', 'eeeeeeee-1111-2222-3333-ffffffffffff', undefined, undefined],
      ['acts-as', 'azurerm_role_assignment.alice_vm', 'eeeeeeee-1111-2222-3333-ffffffffffff', 'uai-worker', 'module.worker.azurerm_linux_virtual_machine.worker'],
      ['holds', 'azurerm_role_assignment.worker_uaa', 'uai-worker', undefined, undefined],
    ]);
    expect(chain.steps.map((s) => s.grant.scope.level)).toEqual([ScopeLevel.SUBSCRIPTION, ScopeLevel.SUBSCRIPTION, ScopeLevel.SUBSCRIPTION]);
    expect([chain.reaches.role, chain.reaches.canGrantAccess, chain.reaches.scopeLevel]).toEqual(['User Access Administrator', true, ScopeLevel.SUBSCRIPTION]);
    const findings = evaluatePolicy(g, { today: '2026-12-01' }).findings.filter((f) => f.ruleId === RuleId.ESCALATION_CHAIN);
    // One root cause: the grant at the privileged end, named in the root, with the path through the module as its detail.
    expect(findings.map((f) => f.address)).toEqual(['azurerm_role_assignment.worker_uaa']);
    expect(findings[0].message).toContain('runs as uai-worker on vm-worker');
  });
});
