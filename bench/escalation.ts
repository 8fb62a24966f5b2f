import { performance } from 'perf_hooks';
import { RuleId } from '../src/model/rule-id';
import { evaluate } from '../src/policy/evaluate';
import { ReachResult, reachOfGraph } from '../src/review/escalation/reach';
import { isReportedChain } from '../src/review/escalation/reported-chain';
import { AccessGraph, GraphInput } from '../src/review/graph/access-graph';
import { TerraformDocument } from '../src/review/terraform-json';

const SUB = '11111111-2222-3333-4444-555555555555';
const TODAY = '2026-11-27';
const GROUPS = 5000;
const RUNS = 5;

const guid = (prefix: string, i: number) => `${prefix}${String(i).padStart(12, '0')}`;

/**
 * 5,000 resource groups, each with a VM that runs as its own user-assigned identity: a user
 * holds Virtual Machine Contributor on the group, a group holds Reader on it, and the identity
 * holds Key Vault Secrets User on the group's vault and Reader on its own group, or, for one
 * group in ten, on the next group. 4 grants per group, 20,000 in all; every user has chains
 * through its identity, and 500 of them reach beyond their group (AZA013 reports those).
 */
export function escalationDocument(groups = GROUPS): TerraformDocument {
  const resource: Record<string, Record<string, unknown>> = {
    azurerm_resource_group: {},
    azurerm_user_assigned_identity: {},
    azurerm_linux_virtual_machine: {},
    azurerm_key_vault: {},
    azurerm_role_assignment: {},
  };
  const assign = (name: string, scope: string, role: string, principal: string, type?: string) => {
    resource.azurerm_role_assignment[name] = {
      scope, role_definition_name: role, principal_id: principal, ...(type ? { principal_type: type } : {}),
    };
  };
  for (let i = 0; i < groups; i++) {
    const group = `\${azurerm_resource_group.rg${i}.name}`;
    resource.azurerm_resource_group[`rg${i}`] = { name: `rg-${i}`, location: 'eastus' };
    resource.azurerm_user_assigned_identity[`uai${i}`] = { name: `uai-${i}`, resource_group_name: group, location: 'eastus' };
    resource.azurerm_linux_virtual_machine[`vm${i}`] = {
      name: `vm-${i}`,
      resource_group_name: group,
      location: 'eastus',
      identity: { type: 'UserAssigned', identity_ids: [`\${azurerm_user_assigned_identity.uai${i}.id}`] },
    };
    resource.azurerm_key_vault[`kv${i}`] = { name: `kv-${i}`, resource_group_name: group, location: 'eastus', sku_name: 'standard' };
    const uai = `\${azurerm_user_assigned_identity.uai${i}.principal_id}`;
    assign(`user${i}`, `\${azurerm_resource_group.rg${i}.id}`, 'Virtual Machine Contributor', guid('eeeeeeee-0000-0000-0000-', i), 'User');
    assign(`group${i}`, `/subscriptions/${SUB}/resourceGroups/rg-${i}`, 'Reader', guid('cccccccc-0000-0000-0000-', i), 'Group');
    assign(`secrets${i}`, `\${azurerm_key_vault.kv${i}.id}`, 'Key Vault Secrets User', uai);
    assign(`reader${i}`, `\${azurerm_resource_group.rg${i % 10 === 0 ? (i + 1) % groups : i}.id}`, 'Reader', uai);
  }
  return { resource };
}

/** Graph and every rule but the escalation rule (turned off). */
function withoutChains(inputs: GraphInput[]): number {
  const graph = AccessGraph.fromDocuments(inputs);
  return evaluate(graph, { today: TODAY, severityOverrides: { [RuleId.ESCALATION_CHAIN]: 'off' } }).findings.length;
}

/** The same with the escalation rule on: the reach it computes is the one returned (computed once per graph). */
function withChains(inputs: GraphInput[]): { findings: number; reach: ReachResult } {
  const graph = AccessGraph.fromDocuments(inputs);
  const findings = evaluate(graph, { today: TODAY }).findings.length;
  return { findings, reach: reachOfGraph(graph) };
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

function time(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

/** `npm run bench -- escalation`: the 20,000-grant file with chains on and off, in one process. */
export function escalationBench(): string[] {
  const inputs = [{ file: 'bench.tf.json', document: escalationDocument() }];
  const grants = (inputs[0].document.resource as Record<string, Record<string, unknown>>).azurerm_role_assignment;
  // One warm-up of each, so the first timed run does not pay for compiling the code.
  withoutChains(inputs);
  const { reach } = withChains(inputs);
  const off: number[] = [];
  const on: number[] = [];
  // Alternate which variant goes first, so the garbage one run leaves behind burdens both alike.
  for (let run = 0; run < RUNS; run++) {
    if (run % 2 === 0) {
      off.push(time(() => withoutChains(inputs)));
      on.push(time(() => withChains(inputs)));
    } else {
      on.push(time(() => withChains(inputs)));
      off.push(time(() => withoutChains(inputs)));
    }
  }
  const [offMs, onMs] = [median(off), median(on)];
  const ratio = onMs / offMs;
  const multiStep = reach.chains.filter((c) => c.steps.length > 1);
  return [
    `### Escalation chains: ${Object.keys(grants).length.toLocaleString('en-US')} grants, median of ${RUNS} in-process runs (interleaved, alternating order)`,
    '',
    '| what | time | |',
    '| --- | --- | --- |',
    `| graph + rules, chains off | ${offMs.toFixed(0)} ms | |`,
    `| graph + rules, AZA013 (reach) on | ${onMs.toFixed(0)} ms | ${ratio.toFixed(2)}x off (target ≤ 2x: ${ratio <= 2 ? 'met' : 'MISSED'}) |`,
    '',
    `${reach.chains.length.toLocaleString('en-US')} chains, ${multiStep.length.toLocaleString('en-US')} of more than one step, `
      + `${multiStep.filter(isReportedChain).length.toLocaleString('en-US')} reported by AZA013.`,
    '',
  ];
}
