import '@microsoft/jest-sarif';
import { RuleId } from '../../../src/model/rule-id';
import { evaluate } from '../../../src/policy/evaluate';
import { reachOfGraph } from '../../../src/review/escalation/reach';
import { rootCausesOfGraph } from '../../../src/review/escalation/root-causes';
import { AccessGraph } from '../../../src/review/graph/access-graph';
import { readInputs } from '../../../src/review/reader/read-inputs';
import { cli } from '../../cli/run-cli';
import { synthScenario } from '../../support/precision-scenario';

/**
 * Issue 28's scenario as a new user writes it (test/support/precision-scenario.ts): the clean app,
 * the three deliberate mistakes (Owner at the subscription for the identity, a client secret, and
 * RoleManagement.ReadWrite.Directory for the identity), an ordinary change (Storage Queue Data
 * Reader on the identity's own storage account), and Owner alone.
 */
const [clean, mistakes, queue, owner] = (['clean', 'mistakes', 'queue', 'owner'] as const).map(synthScenario);

async function graphOf(outdir: string): Promise<AccessGraph> {
  const documents = await readInputs([outdir], { env: {} });
  return AccessGraph.fromDocuments(documents.map((d) => ({ file: d.file, document: d.document, ...(d.stack ? { stack: d.stack } : {}) })));
}

describe('the README\'s scenario with three mistakes', () => {
  test('the comment reads as decisions: short, few sections, the new client secret named', async () => {
    const { code, stdout } = await cli(['diff', '--format', 'comment', clean, mistakes]);
    expect(code).toBe(0);
    expect(stdout.length).toBeLessThanOrEqual(8000);
    expect(stdout.match(/<details/g)?.length ?? 0).toBeLessThanOrEqual(8);
    expect(stdout.split('\n')[0]).toBe('**Access widens: 1 grant, 1 application permission, 1 client secret; 2 root causes of escalation (up to tier 0)**');
    expect(stdout).toContain('| **added** | client secret | `contoso-deploy-pipeline` |');
    // One section per root cause: the two edges the change adds, each with one tree of its paths.
    expect(stdout).toContain('<details open><summary>raises the tier reached: managed identity uai-ordering-api holds "Owner" at subscription 11111111-2222-3333-4444-555555555555: 1 path');
    expect(stdout).toContain('<details open><summary>raises the tier reached: managed identity uai-ordering-api holds the Microsoft Graph application permission "RoleManagement.ReadWrite.Directory"');
    expect(stdout.match(/```mermaid/g)).toHaveLength(2);
  });

  test('check gives one AZA013 finding per root cause', async () => {
    const graph = await graphOf(mistakes);
    const causes = rootCausesOfGraph(graph);
    expect(causes.length).toBeGreaterThan(0);
    const findings = evaluate(graph, { today: '2026-12-01' }).findings.filter((f) => f.ruleId === RuleId.ESCALATION_CHAIN);
    expect(findings).toHaveLength(causes.length);
    expect(new Set(findings.map((f) => `${f.file}\u0000${f.address}`)).size).toBe(findings.length);
    // The eligible group runs as the identity: that eligibility closes all six paths, to Owner and Global Administrator among them.
    expect(findings.map((f) => [f.severity, f.address.replace(/_[0-9A-F]{8}$/, '')])).toEqual([['error', 'azurerm_pim_eligible_role_assignment.PlatformAdmins_Contributor_Eligible-platform-admins']]);
    expect(findings[0].message).toMatch(/^group platform-admins is eligible for "Contributor" at rg-ordering opens 6 escalation paths, up to tier 0: "Global Administrator" at the whole tenant/);
  });

  test('no chain claims elevateAccess without Global Administrator, a classic administrator, or a wider scope than a step reaches', async () => {
    const { chains } = reachOfGraph(await graphOf(mistakes));
    expect(chains.length).toBeGreaterThan(0);
    const paths = chains.flatMap((c) => c.steps.map((s) => s.path?.id).filter((id) => id !== undefined));
    expect(paths).not.toContain('rbac-elevate-access-root');
    expect(paths).not.toContain('rbac-classic-coadministrator-write');
    expect(chains.filter((c) => c.reaches.role.includes('Co-Administrator'))).toEqual([]);
    // The identity's Owner at the subscription reaches "any role" there: its own reach, never an escalation.
    const ownerReach = chains.filter((c) => c.principal.name === 'uai-ordering-api' && c.reaches.role === 'any role (Owner included)');
    expect(ownerReach.map((c) => c.ownReach)).toEqual([true]);
  });

  test('SARIF: one result per root cause, its paths as code flows, valid SARIF 2.1.0', async () => {
    const { stdout } = await cli(['check', '--format', 'sarif', '--today', '2026-12-01', mistakes]);
    const sarif = JSON.parse(stdout);
    expect(sarif).toBeValidSarifLog();
    const results = sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === 'AZA013');
    expect(results).toHaveLength(rootCausesOfGraph(await graphOf(mistakes)).length);
    expect(results[0].codeFlows.length).toBe(3);
  });
});

describe('the gate', () => {
  test('an ordinary change that only extends an existing path passes, shown as such', async () => {
    const { code, stdout } = await cli(['diff', '--format', 'comment', '--fail-on-escalation', clean, queue]);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('**Access widens: 1 grant; extends 1 existing escalation path (up to tier 2)**');
    expect(stdout).toContain('Gate (standard): passes.');
    expect(stdout).toContain('extends an existing path: managed identity uai-ordering-api holds "Storage Queue Data Reader" at stordering');
    // The markdown summary says the same.
    const markdown = await cli(['diff', clean, queue]);
    expect(markdown.stdout.split('\n')[0]).toBe('**Access widens: 1 grant; extends 1 existing escalation path (up to tier 2)**');
  });

  test('Owner at the subscription fails it: an escalating change, and the tier the eligible group reaches is raised', async () => {
    const { code, stdout } = await cli(['diff', '--fail-on-escalation', clean, owner]);
    expect(code).toBe(1);
    expect(stdout).toContain('- added: Owner at /subscriptions/11111111-2222-3333-4444-555555555555 for uai-ordering-api (an escalating access change)');
    expect(stdout).toContain('- raises the tier reached: managed identity uai-ordering-api holds "Owner" at subscription 11111111-2222-3333-4444-555555555555 (1 path, up to tier 0), '
      + 'where group platform-admins is eligible for "Contributor" at rg-ordering reached tier 1');
  });

  test('the relaxed gate lets through what only a strict one fails, never an escalating change', async () => {
    expect((await cli(['diff', '--fail-on-escalation', '--gate', 'strict', clean, queue])).code).toBe(1);
    expect((await cli(['diff', '--fail-on-escalation', '--gate', 'relaxed', clean, queue])).code).toBe(0);
    expect((await cli(['diff', '--fail-on-escalation', '--gate', 'relaxed', clean, owner])).code).toBe(1);
  });
});
