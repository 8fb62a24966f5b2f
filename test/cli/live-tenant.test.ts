import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { cli, REPO } from './run-cli';
import { LiveExports } from '../../src/review/audit/live-types';
import { parseManagedIdentities } from '../../src/review/audit/parse-managed-identities';
import { parseRoleAssignmentList } from '../../src/review/audit/parse-role-assignments';
import { tenantEdgesOf } from '../../src/review/audit/tenant-edges';
import { AccessGraph } from '../../src/review/graph/access-graph';
import { hclJson } from '../policy/rule-fixtures';

/**
 * The change against the tenant as it is: `check`, `report` and `diff` take the live exports
 * `audit` takes, and review the code on top of what the tenant holds. The contractor case of the
 * issue: a contractor gets Automation Contributor on an account the code only reads; in the
 * tenant, the account's identity holds Owner at the subscription.
 */

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'tenant', 'contractor');
const MAIN = path.join(FIXTURE, 'main.tf');
const LIVE = path.join(FIXTURE, 'live.json');
const IDENTITIES = path.join(FIXTURE, 'identities.json');
const SUB = '11111111-2222-3333-4444-555555555555';
const CONTRACTOR = 'cccccccc-7777-8888-9999-dddddddddddd';
const IN_TENANT = '(in the tenant, not in this code)';
const LIVE_OPTIONS = ['--live-assignments', LIVE, '--identities', IDENTITIES];

const tmp = () => mkdtempSync(path.join(tmpdir(), 'azure-access-tenant-'));

function liveExports(assignments = readFileSync(LIVE, 'utf8')): LiveExports {
  return { assignments: parseRoleAssignmentList('live.json', assignments), managedIdentities: parseManagedIdentities('identities.json', readFileSync(IDENTITIES, 'utf8')) };
}

async function codeGraph(hcl = readFileSync(MAIN, 'utf8')): Promise<AccessGraph> {
  return AccessGraph.fromDocuments([{ file: 'main.tf', document: await hclJson(hcl) }], new Map(), { forTenant: true });
}

describe('check on top of the tenant', () => {
  test('names the contractor\'s grant, the account\'s identity and Owner at the subscription, and marks the steps only the tenant holds', async () => {
    const { code, stdout } = await cli(['check', '--format', 'json', ...LIVE_OPTIONS, MAIN]);
    expect(code).toBe(1);
    const findings = JSON.parse(stdout).findings as { ruleId: string; address: string; message: string }[];
    const escalations = findings.filter((f) => f.ruleId === 'AZA013');
    expect(escalations.map((f) => f.address)).toEqual(['azurerm_role_assignment.contractor']);
    expect(escalations[0].message).toContain(`opens 1 escalation path, up to tier 0: "Owner" at subscription ${SUB}.`);
    expect(escalations[0].message).toContain(`Shortest: human ${CONTRACTOR} → holds "Automation Contributor" at aa-ops → runs a runbook as aa-ops on aa-ops `
      + `(Microsoft.Automation/automationAccounts/runbooks/write) ${IN_TENANT} → aa-ops holds "Owner" at subscription ${SUB} ${IN_TENANT}.`);
    // The code's own step is not marked; each of the tenant's is.
    expect(escalations[0].message.split(IN_TENANT)).toHaveLength(3);
  });

  test('without the exports the same code reaches nothing past its grant: the path needs the tenant', async () => {
    const { stdout } = await cli(['check', '--format', 'json', MAIN]);
    const findings = JSON.parse(stdout).findings as { ruleId: string }[];
    expect(findings.map((f) => f.ruleId)).toEqual(['AZA010']);
  });

  test('the tenant\'s own paths are audit\'s to report: a user the tenant alone lets run runbooks there is no finding of check', async () => {
    const live = JSON.parse(readFileSync(LIVE, 'utf8'));
    live.push(JSON.parse(readFileSync(path.join(FIXTURE, 'legacy-operator.json'), 'utf8')));
    const file = path.join(tmp(), 'live.json');
    writeFileSync(file, JSON.stringify(live));
    const { stdout } = await cli(['check', '--format', 'json', '--live-assignments', file, '--identities', IDENTITIES, MAIN]);
    const escalations = (JSON.parse(stdout).findings as { ruleId: string; address: string; message: string }[]).filter((f) => f.ruleId === 'AZA013');
    expect(escalations.map((f) => f.address)).toEqual(['azurerm_role_assignment.contractor']);
    expect(escalations.some((f) => f.message.includes('legacy.operator'))).toBe(false);
  });

  test('an assignment the code declares is the code\'s, not the tenant\'s too: matched as audit matches it', async () => {
    const declared = `${readFileSync(MAIN, 'utf8')}
resource "azurerm_role_assignment" "account_owner" {
  scope              = "/subscriptions/${SUB}"
  role_definition_id = "/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
  principal_id       = "dddddddd-1234-5678-9abc-eeeeeeeeeeee"
}
`;
    const graph = await codeGraph(declared);
    expect(graph.grants.map((g) => [g.principal.key, g.role.name, g.scope.value]).sort()).toEqual([
      [CONTRACTOR, 'Automation Contributor', '${data.azurerm_automation_account.ops.id}'],
      ['dddddddd-1234-5678-9abc-eeeeeeeeeeee', 'Owner', `/subscriptions/${SUB}`],
    ]);
    const edges = tenantEdgesOf(liveExports(), graph);
    expect([...edges.assignments]).toEqual([]);
    expect(edges.identities.map((i) => [i.objectId, i.kind, i.resourceId.split('/').pop()])).toEqual([['dddddddd-1234-5678-9abc-eeeeeeeeeeee', 'system-assigned', 'aa-ops']]);
  });

  test('the tenant\'s edges are placed among the code\'s: the identity on the data source\'s account, the Owner grant at the subscription', async () => {
    const graph = await codeGraph();
    expect(graph.grants.map((g) => [g.principal.key, g.role.name, g.scope.name])).toEqual([[CONTRACTOR, 'Automation Contributor', 'aa-ops']]);
    graph.addTenant(tenantEdgesOf(liveExports(), graph));
    expect(graph.tenantGrants.map((g) => [g.principal.name, g.role.name, g.scope.value, g.scopePlacement.level, g.origin.tenant])).toEqual([
      ['aa-ops', 'Owner', `/subscriptions/${SUB}`, 'subscription', { file: 'live.json', place: '/0' }],
    ]);
    expect(graph.tenantIdentities.map((i) => [i.name, i.kind, i.resource.address, i.resource.type, i.attachedTo.map((r) => r.address)])).toEqual([
      ['aa-ops', 'system-assigned', 'data.azurerm_automation_account.ops', 'azurerm_automation_account', ['data.azurerm_automation_account.ops']],
    ]);
    // No rule judges the tenant's edges: they are not the code's grants or identities.
    expect(graph.grants).toHaveLength(1);
    expect(graph.identities).toEqual([]);
  });
});

test('the README\'s copy of the contractor check is what `azure-access check` prints', async () => {
  const relative = (file: string) => path.relative(REPO, file);
  const { code, stdout } = await cli(['check', '--live-assignments', relative(LIVE), '--identities', relative(IDENTITIES), relative(MAIN)]);
  expect(code).toBe(1);
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const fence = '```text\n';
  const start = readme.indexOf(fence, readme.indexOf('### A change against the tenant as it is')) + fence.length;
  expect(readme.slice(start, readme.indexOf('```', start))).toBe(stdout);
});

test('an identity the code declares is the tenant\'s object of that resource: what the tenant gives it, the code\'s VM runs as', async () => {
  const dir = tmp();
  const main = path.join(dir, 'main.tf');
  writeFileSync(main, `
resource "azurerm_user_assigned_identity" "prod" {
  name                = "uai-prod"
  resource_group_name = "rg-app"
  location            = "eastus"
  tags                = { owner = "platform" }
}
resource "azurerm_linux_virtual_machine" "vm" {
  name                = "vm-app"
  resource_group_name = "rg-app"
  location            = "eastus"
  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.prod.id]
  }
}
resource "azurerm_role_assignment" "contractor" {
  scope                = azurerm_linux_virtual_machine.vm.id
  role_definition_name = "Virtual Machine Contributor"
  principal_id         = "${CONTRACTOR}"
  principal_type       = "User"
}
`);
  const objectId = 'aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb';
  const live = JSON.parse(readFileSync(LIVE, 'utf8'));
  live[0].principalId = objectId;
  const identities = JSON.parse(readFileSync(IDENTITIES, 'utf8'));
  Object.assign(identities.value[0], {
    id: objectId,
    displayName: 'uai-prod',
    alternativeNames: ['isExplicit=True', `/subscriptions/${SUB}/resourcegroups/rg-app/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-prod`],
  });
  const [liveFile, identitiesFile] = [path.join(dir, 'live.json'), path.join(dir, 'ids.json')];
  writeFileSync(liveFile, JSON.stringify(live));
  writeFileSync(identitiesFile, JSON.stringify(identities));
  const graph = await codeGraph(readFileSync(main, 'utf8'));
  expect(graph.grants.map((g) => [g.principal.key, g.role.name, g.scope.name])).toEqual([[CONTRACTOR, 'Virtual Machine Contributor', 'vm-app']]);
  const { stdout } = await cli(['check', '--format', 'json', '--live-assignments', liveFile, '--identities', identitiesFile, main]);
  const escalations = JSON.parse(stdout).findings.filter((f: { ruleId: string }) => f.ruleId === 'AZA013');
  expect(escalations.map((f: { address: string }) => f.address)).toEqual(['azurerm_role_assignment.contractor']);
  expect(escalations[0].message).toContain(`runs as uai-prod on vm-app (Microsoft.Compute/virtualMachines/runCommand/action) → uai-prod holds "Owner" at subscription ${SUB} ${IN_TENANT}`);
});

describe('report and diff on top of the tenant', () => {
  test('report lists the escalation by its root cause in the code, its path marked where the tenant holds it', async () => {
    const { code, stdout } = await cli(['report', '--format', 'json', ...LIVE_OPTIONS, MAIN]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.rows.map((r: { principal: string; role: string; scope: string }) => [r.principal, r.role, r.scope])).toEqual([
      [CONTRACTOR, 'Automation Contributor', '${data.azurerm_automation_account.ops.id}'],
    ]);
    expect(report.escalations.map((e: { address: string; paths: number; tier: string }) => [e.address, e.paths, e.tier])).toEqual([
      ['azurerm_role_assignment.contractor', 1, 'tier 0'],
    ]);
    expect(report.escalations[0].examples[0]).toContain(IN_TENANT);
  });

  test('diff: the change that adds the contractor opens the path on top of the tenant, at the contractor\'s grant', async () => {
    const dir = tmp();
    const base = path.join(dir, 'base.tf');
    writeFileSync(base, readFileSync(MAIN, 'utf8').replace(/resource "azurerm_role_assignment"[\s\S]*$/, ''));
    const { stdout } = await cli(['diff', '--format', 'json', ...LIVE_OPTIONS, base, MAIN]);
    const { rootCauses, gate } = JSON.parse(stdout);
    expect(rootCauses.opened.map((o: { status: string; address: string }) => [o.status, o.address])).toEqual([['new', 'azurerm_role_assignment.contractor']]);
    expect(rootCauses.opened[0].examples[0]).toContain(IN_TENANT);
    expect(rootCauses.closed).toEqual([]);
    expect(gate.fails).toBe(true);
    // Without the tenant, the same change opens nothing.
    const alone = JSON.parse((await cli(['diff', '--format', 'json', base, MAIN])).stdout);
    expect(alone.rootCauses.opened).toEqual([]);
  });

  test('diff: removing a declared assignment the tenant holds closes its paths, and adopting one changes nothing', async () => {
    const dir = tmp();
    const declaring = path.join(dir, 'declaring.tf');
    // The account identity's Owner at the subscription, declared in code: the same assignment as live.json's.
    writeFileSync(declaring, `${readFileSync(MAIN, 'utf8')}
resource "azurerm_role_assignment" "account_owner" {
  scope              = "/subscriptions/${SUB}"
  role_definition_id = "/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
  principal_id       = "dddddddd-1234-5678-9abc-eeeeeeeeeeee"
}
`);
    const diffOf = async (base: string, head: string) => JSON.parse((await cli(['diff', '--format', 'json', ...LIVE_OPTIONS, base, head])).stdout);
    // Removing it from the code destroys it at apply: the contractor's path closes.
    const removed = await diffOf(declaring, MAIN);
    expect(removed.rootCauses.opened).toEqual([]);
    expect(removed.rootCauses.closed.length).toBeGreaterThan(0);
    expect(removed.gate.fails).toBe(false);
    // Adopting it (AUD001's own fix) leaves Azure as it was: nothing opens, the gate passes.
    const adopted = await diffOf(MAIN, declaring);
    expect(adopted.rootCauses.opened).toEqual([]);
    expect(adopted.rootCauses.closed).toEqual([]);
    expect(adopted.gate.fails).toBe(false);
    // It is still a change of the code, and says why it widens nothing.
    expect(adopted.changes.map((c: { kind: string; address: string; escalation: boolean }) => [c.kind, c.address, c.escalation]))
      .toEqual([['added', 'azurerm_role_assignment.account_owner', false]]);
    expect(adopted.changes[0].details).toContain('Adopted: the tenant holds it already');
    // Without the tenant the same change is an escalating one.
    const alone = JSON.parse((await cli(['diff', '--format', 'json', MAIN, declaring])).stdout);
    expect(alone.changes.map((c: { escalation: boolean }) => c.escalation)).toEqual([true]);
  });

  test('the exports are checked as audit checks them: a bad file is named with its place, exit 2', async () => {
    const file = path.join(tmp(), 'live.json');
    writeFileSync(file, '[{"id": 1}]');
    const { code, stderr } = await cli(['check', '--live-assignments', file, MAIN]);
    expect(code).toBe(2);
    expect(stderr).toContain(file);
    expect(stderr).toContain('/0');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  test('--identities alone, or the exports with a plan\'s diff, is a usage error', async () => {
    const alone = await cli(['check', '--identities', IDENTITIES, MAIN]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--identities needs --live-assignments');
    const plan = path.join(tmp(), 'plan.json');
    writeFileSync(plan, JSON.stringify({ format_version: '1.2', resource_changes: [] }));
    const planDiff = await cli(['diff', '--live-assignments', LIVE, plan]);
    expect(planDiff.code).toBe(2);
    expect(planDiff.stderr).toContain('give <base> <head>');
  });
});
