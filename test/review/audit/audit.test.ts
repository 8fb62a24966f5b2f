import { declaredGraph, emptyGraph, RG, sampleExports, SUB, TODAY } from './audit-fixtures';
import { Finding } from '../../../src/model/finding';
import { Severity } from '../../../src/model/severity';
import { audit } from '../../../src/review/audit/audit';
import { AuditRuleId } from '../../../src/review/audit/audit-rule-ids';
import { renderAuditJson, renderAuditMarkdown } from '../../../src/review/audit/render-audit';

const ids = (findings: Finding[], ruleId: AuditRuleId) => findings.filter((f) => f.ruleId === ruleId);
const assignmentId = (n: number, scope = `/subscriptions/${SUB}`) => `${scope}/providers/Microsoft.Authorization/roleAssignments/10000000-aaaa-bbbb-cccc-00000000000${n}`;
const KV = `${RG}/providers/Microsoft.KeyVault/vaults/kv-contoso-app`;
const STORAGE = `${RG}/providers/Microsoft.Storage/storageAccounts/stcontosoapp`;

describe('an audit of the sample tenant against its code', () => {
  let result: ReturnType<typeof audit>;
  beforeAll(async () => {
    result = audit(await declaredGraph(), sampleExports(), { today: TODAY });
  });

  test('matches literal IDs exactly and references by name, one to one', () => {
    expect(result.matched).toEqual([
      {
        file: 'infra/main.tf',
        address: 'azurerm_pim_eligible_role_assignment.alex_owner',
        how: 'exact',
        liveId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/RoleEligibilitySchedules/20000000-aaaa-bbbb-cccc-000000000001`,
      },
      { file: 'infra/main.tf', address: 'azurerm_role_assignment.app_secrets', liveId: assignmentId(3, KV), how: 'semantic' },
      { file: 'infra/main.tf', address: 'azurerm_role_assignment.operators_reader', liveId: assignmentId(2, RG), how: 'exact' },
    ]);
  });

  test('AUD001: what the tenant holds and no code declares, assignments and eligibilities alike', () => {
    // In the order of their IDs, ignoring case, as ARM compares them.
    expect(result.unmanaged.map((a) => [a.kind, a.id])).toEqual([
      ['standing', assignmentId(1)],
      ['eligible', `/subscriptions/${SUB}/providers/Microsoft.Authorization/RoleEligibilitySchedules/20000000-aaaa-bbbb-cccc-000000000002`],
      ['standing', assignmentId(4, STORAGE)],
    ]);
    const unmanaged = ids(result.findings, AuditRuleId.UNMANAGED);
    expect(unmanaged.map((f) => f.message)).toEqual([
      `An eligibility for "User Access Administrator" at /subscriptions/${SUB} (subscription) for group Contoso App Operators `
        + '(cccccccc-2222-3333-4444-dddddddddddd) is in the tenant, but no code declares it.',
      `"Contributor" at /subscriptions/${SUB} (subscription) for service principal contoso-deploy-pipeline (bbbbbbbb-1111-2222-3333-cccccccccccc) `
        + 'is in the tenant, but no code declares it.',
      `"Storage Blob Data Reader" at ${STORAGE} (resource) for user Alex Wilber (dddddddd-3333-4444-5555-eeeeeeeeeeee) is in the tenant, but no code declares it.`,
    ]);
    expect(unmanaged.every((f) => f.severity === Severity.WARNING)).toBe(true);
    expect(unmanaged[1]).toMatchObject({ file: 'az-role-assignment-list.json', address: assignmentId(1) });
    expect(unmanaged[1].fix).toContain(`az role assignment delete --ids "${assignmentId(1)}"`);
  });

  test('AUD002: a declared grant the tenant does not hold', () => {
    expect(ids(result.findings, AuditRuleId.MISSING_IN_TENANT)).toEqual([expect.objectContaining({
      address: 'azurerm_role_assignment.auditors_reader',
      file: 'infra/main.tf',
      severity: Severity.WARNING,
      message: `declares "Reader" at /subscriptions/${SUB} for group 99999999-2222-3333-4444-dddddddddddd, which the tenant does not hold `
        + '(no assignment with the same object ID, role and scope).',
    })]);
  });

  test('AUD008: a declared grant made of values known only after apply is named, as info', () => {
    expect(ids(result.findings, AuditRuleId.NOT_COMPARABLE)).toEqual([expect.objectContaining({
      address: 'azurerm_role_assignment.from_variable',
      severity: Severity.INFO,
      message: expect.stringMatching(/cannot be compared with the tenant: its principal \(\$\{var\.principal_id\}\) is known only after apply/),
    })]);
  });

  test('AUD007: an eligibility for a role that can grant access with no end date', () => {
    expect(ids(result.findings, AuditRuleId.ELIGIBILITY_WITHOUT_END)).toEqual([expect.objectContaining({
      severity: Severity.ERROR,
      file: 'arm-role-eligibility-schedules-list.json',
      message: `group Contoso App Operators (cccccccc-2222-3333-4444-dddddddddddd) is eligible for "User Access Administrator" at /subscriptions/${SUB} `
        + '(subscription) with no end date, and the role can grant access.',
    })]);
  });

  test('AUD004: every client secret, the expired one too, with its end date relative to today', () => {
    const secrets = ids(result.findings, AuditRuleId.SECRET_PRESENT);
    expect(secrets.map((f) => [f.severity, f.message])).toEqual([
      [Severity.WARNING, 'application contoso-deploy-pipeline (appId 22223333-cccc-4444-dddd-5555eeee6666) has a client secret "ci-secret-2026" '
        + '(key ID 66667777-aaaa-8888-bbbb-9999cccc0000) valid until 2026-09-30 (121 days from 2026-06-01); '
        + `its service principal holds "Contributor" at /subscriptions/${SUB}.`],
      [Severity.INFO, 'application contoso-deploy-pipeline (appId 22223333-cccc-4444-dddd-5555eeee6666) has a client secret (no display name) '
        + '(key ID 77778888-bbbb-9999-cccc-0000dddd1111) that expired on 2025-12-31 but is still present on the application; '
        + `its service principal holds "Contributor" at /subscriptions/${SUB}.`],
    ]);
    expect(secrets[0].address).toBe('applications/44445555-eeee-6666-ffff-7777aaaa8888/passwordCredentials/66667777-aaaa-8888-bbbb-9999cccc0000');
    expect(secrets[1].fix).toBe('Delete it: az ad app credential delete --id 22223333-cccc-4444-dddd-5555eeee6666 --key-id 77778888-bbbb-9999-cccc-0000dddd1111.');
  });

  test('AUD006: certificates, at a lower severity', () => {
    expect(ids(result.findings, AuditRuleId.CERTIFICATE_PRESENT)).toEqual([expect.objectContaining({
      severity: Severity.INFO,
      message: expect.stringContaining('has a certificate "CN=contoso-deploy-pipeline" (key ID 55556666-ffff-7777-aaaa-8888bbbb9999) valid until 2027-01-15'),
    })]);
  });

  test('AUD005: a managed identity that holds nothing', () => {
    expect(ids(result.findings, AuditRuleId.IDLE_MANAGED_IDENTITY)).toEqual([expect.objectContaining({
      severity: Severity.INFO,
      address: '/subscriptions/11111111-2222-3333-4444-555555555555/resourcegroups/rg-contoso-app/providers/Microsoft.Web/sites/app-contoso-web',
      message: 'managed identity app-contoso-web (system-assigned, object ID ffffffff-5555-6666-7777-aaaaaaaaaaaa, of '
        + `/subscriptions/${SUB}/resourcegroups/rg-contoso-app/providers/Microsoft.Web/sites/app-contoso-web) holds no role assignment or eligibility in the exports.`,
    })]);
  });

  test('AUD010: the tenant\'s own escalation at its root cause, the grant nearest the end: the pipeline\'s Contributor runs as the identity that reads the vault', () => {
    const found = ids(result.findings, AuditRuleId.ESCALATION_IN_TENANT);
    expect(found).toEqual([{
      ruleId: AuditRuleId.ESCALATION_IN_TENANT,
      severity: Severity.WARNING,
      file: 'az-role-assignment-list.json',
      address: assignmentId(3, KV),
      message: 'managed identity id-contoso-app holds "Key Vault Secrets User" at kv-contoso-app opens 1 escalation path, up to tier 1: '
        + '"Key Vault Secrets User" at kv-contoso-app. Shortest: application contoso-deploy-pipeline → holds "Contributor" at '
        + `subscription ${SUB} → attaches to a resource it writes and runs as id-contoso-app (Microsoft.ManagedIdentity/userAssignedIdentities/assign/action) `
        + '→ id-contoso-app holds "Key Vault Secrets User" at kv-contoso-app.',
      fix: expect.stringContaining('Remove or narrow this assignment in the tenant'),
    }]);
  });

  test('AUD010 finds nothing where no path leads anywhere: the exports without the pipeline\'s Contributor', () => {
    const exports = sampleExports();
    const withoutContributor = { ...exports, assignments: { ...exports.assignments, items: exports.assignments.items.filter((a) => a.roleName !== 'Contributor') } };
    expect(withoutContributor.assignments.items.length).toBe(exports.assignments.items.length - 1);
    expect(ids(audit(emptyGraph(), withoutContributor, { today: TODAY }).findings, AuditRuleId.ESCALATION_IN_TENANT)).toEqual([]);
  });

  test('no human holds access administration standing in the sample', () => {
    expect(ids(result.findings, AuditRuleId.HUMAN_STANDING_ACCESS_ADMIN)).toEqual([]);
  });

  test('a summary that adds up, and findings in rule order', () => {
    expect(result.summary).toEqual({ error: 1, warning: 6, info: 4, live: 6, matched: 3, unmanaged: 3, missing: 1, notComparable: 1 });
    const rules = result.findings.map((f) => f.ruleId);
    expect(rules).toEqual([...rules].sort());
    expect(result.sources).toEqual([
      'az-role-assignment-list.json', 'arm-role-eligibility-schedules-list.json', 'graph-applications-credentials.json', 'graph-serviceprincipals-managedidentity.json',
    ]);
  });
});

describe('AUD003: people with standing access administration', () => {
  test('a user holding Owner is an error; a group holding a role nobody can read is a warning', () => {
    const result = audit(emptyGraph(), sampleExports('az-role-assignment-list-standing-admins.json'), { today: TODAY });
    expect(ids(result.findings, AuditRuleId.HUMAN_STANDING_ACCESS_ADMIN).map((f) => [f.severity, f.message])).toEqual([
      [Severity.ERROR, `user Alex Wilber (dddddddd-3333-4444-5555-eeeeeeeeeeee) holds "Owner" standing at ${RG} (resource-group): `
        + 'Owner can grant access (it writes role assignments), so whoever uses this account can give anyone any role there.'],
      [Severity.WARNING, `group Contoso App Operators (cccccccc-2222-3333-4444-dddddddddddd) holds "Contoso App Deployer" standing at ${RG} (resource-group): `
        + 'a role this audit cannot read (neither built in nor defined in the code), so it may grant access.'],
    ]);
  });

  test('a custom role the code defines is classified from its permissions', async () => {
    const graph = await declaredGraph(`resource "azurerm_role_definition" "deployer" {
  role_definition_id = "99999999-aaaa-bbbb-cccc-000000000001"
  name  = "Contoso App Deployer"
  scope = "${RG}"
  permissions {
    actions = ["Microsoft.Web/sites/*"]
  }
}`);
    const result = audit(graph, sampleExports('az-role-assignment-list-standing-admins.json'), { today: TODAY });
    expect(ids(result.findings, AuditRuleId.HUMAN_STANDING_ACCESS_ADMIN).map((f) => f.message)).toEqual([expect.stringContaining('"Owner"')]);
  });
});

describe('matching limits', () => {
  test('without the managed identity export, a grant by reference cannot be found: the identity is named only by client ID', async () => {
    const { assignments, eligibilities } = sampleExports();
    const result = audit(await declaredGraph(), { assignments, eligibilities }, { today: TODAY });
    expect(ids(result.findings, AuditRuleId.MISSING_IN_TENANT).map((f) => f.address)).toContain('azurerm_role_assignment.app_secrets');
    expect(ids(result.findings, AuditRuleId.MISSING_IN_TENANT).find((f) => f.address === 'azurerm_role_assignment.app_secrets')!.message)
      .toContain('the same role, a resource scope named "kv-contoso-app" and a principal named "id-contoso-app"');
  });

  test('without the eligibility export, declared eligibilities are not comparable rather than missing', async () => {
    const { assignments, managedIdentities } = sampleExports();
    const result = audit(await declaredGraph(), { assignments, managedIdentities }, { today: TODAY });
    expect(ids(result.findings, AuditRuleId.MISSING_IN_TENANT).map((f) => f.address)).toEqual(['azurerm_role_assignment.auditors_reader']);
    expect(ids(result.findings, AuditRuleId.NOT_COMPARABLE).find((f) => f.address === 'azurerm_pim_eligible_role_assignment.alex_owner')?.message)
      .toMatch(/cannot be compared with the tenant: no roleEligibilitySchedules export was given\.$/);
  });

  test('empty code: everything in the tenant is unmanaged', () => {
    const result = audit(emptyGraph(), sampleExports(), { today: TODAY });
    expect(result.unmanaged).toHaveLength(6);
    expect(result.matched).toEqual([]);
  });

  test('a paged export is reported as incomplete', () => {
    const exports = sampleExports();
    const result = audit(emptyGraph(), { ...exports, applications: { ...exports.applications, nextLink: 'https://graph.microsoft.com/v1.0/applications?$skiptoken=x' } },
      { today: TODAY });
    expect(ids(result.findings, AuditRuleId.INCOMPLETE_EXPORT)).toEqual([expect.objectContaining({ file: 'graph-applications-credentials.json' })]);
  });

  test('today is an input and must be a date', () => {
    expect(() => audit(emptyGraph(), sampleExports(), { today: '06/01/2026' })).toThrow('today "06/01/2026" is not written YYYY-MM-DD; expected a real day written YYYY-MM-DD');
  });
});

describe('rendering', () => {
  test('markdown: heading, what was compared, counts, findings and unmanaged tables', async () => {
    const markdown = renderAuditMarkdown(audit(await declaredGraph(), sampleExports(), { today: TODAY }));
    const lines = markdown.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      '## Access audit',
      '',
      'Compared the code with `az-role-assignment-list.json`, `arm-role-eligibility-schedules-list.json`, `graph-applications-credentials.json`, '
        + '`graph-serviceprincipals-managedidentity.json` on 2026-06-01.',
      '',
      '11 findings (1 error, 6 warning, 4 info). 3 of 6 live assignments matched the code; 3 unmanaged; 1 declared but missing; 1 not comparable.',
    ]);
    expect(lines[6]).toBe('| Severity | Rule | Where | Message | Fix |');
    expect(markdown).toContain('### Unmanaged');
    expect(markdown).toContain('| standing | ServicePrincipal contoso-deploy-pipeline (`bbbbbbbb-1111-2222-3333-cccccccccccc`) | Contributor |');
  });

  test('json: the same inputs give the same bytes', async () => {
    const first = renderAuditJson(audit(await declaredGraph(), sampleExports(), { today: TODAY }));
    expect(renderAuditJson(audit(await declaredGraph(), sampleExports(), { today: TODAY }))).toBe(first);
    expect(Object.keys(JSON.parse(first))).toEqual(['today', 'sources', 'summary', 'findings', 'unmanaged', 'matched']);
  });

  test('no finding on an empty tenant and empty code', () => {
    const result = audit(emptyGraph(), { assignments: { file: 'empty.json', items: [] } }, { today: TODAY });
    expect(result.findings).toEqual([]);
    expect(renderAuditMarkdown(result)).toContain('\nNo findings.\n');
  });
});
