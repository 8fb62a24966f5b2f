import { activationPolicy, diffHcl, eligibility, GROUP, grant, graphOf, OWNER, RESOURCES, RG_ID, standingGroup, SUB } from './diff-fixtures';
import { ScopeLevel } from '../../../src/model/scope-level';
import { ChangeKind } from '../../../src/review/diff/change-kind';
import { diffGraphs } from '../../../src/review/diff/diff-graphs';
import { isEscalation } from '../../../src/review/diff/escalation';
import { renderDiffJson, renderDiffMarkdown } from '../../../src/review/diff/render-diff';
import { AccessGraph } from '../../../src/review/graph/access-graph';
import { hclJson } from '../../policy/rule-fixtures';

const KV = 'azurerm_key_vault.kv.id';
const RG = 'azurerm_resource_group.rg.id';
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';

const kinds = (diff: { changes: { kind: ChangeKind }[] }) => diff.changes.map((c) => c.kind);

describe('a diff of a synthesis against itself', () => {
  const everything = RESOURCES + grant('api_kv', 'Key Vault Secrets User', KV) + standingGroup('ops', READER)
    + eligibility('admins', OWNER) + activationPolicy('owner', 'PT1H');

  test('reports nothing, in either shape, under another file name too', async () => {
    const diff = await diffHcl(everything, everything);
    expect(diff.changes).toEqual([]);
    expect(diff.escalations).toBe(0);
    expect(Object.values(diff.summary).every((n) => n === 0)).toBe(true);
    expect(renderDiffMarkdown(diff)).toBe('## Access changes\n\nNo access changes.\n');
  });

  test('reports nothing for the same graph object', async () => {
    const graph = graphOf(await hclJson(everything));
    expect(diffGraphs(graph, graph).changes).toEqual([]);
  });
});

describe('scope changes', () => {
  test('a Key Vault grant widened to its resource group is scope-widened and an escalation', async () => {
    const diff = await diffHcl(RESOURCES + grant('api_kv', 'Key Vault Secrets User', KV), RESOURCES + grant('api_kv', 'Key Vault Secrets User', RG));
    expect(diff.changes).toEqual([expect.objectContaining({
      kind: ChangeKind.SCOPE_WIDENED,
      entry: 'standing',
      address: 'azurerm_role_assignment.api_kv',
      principal: 'uai-api',
      principalKind: 'managed-identity',
      role: 'Key Vault Secrets User',
      scope: '${azurerm_resource_group.rg.id}',
      scopeLevel: ScopeLevel.RESOURCE_GROUP,
      previousScope: '${azurerm_key_vault.kv.id}',
      previousScopeLevel: ScopeLevel.RESOURCE,
      escalation: true,
    })]);
    expect(diff.summary[ChangeKind.SCOPE_WIDENED]).toBe(1);
    expect(diff.escalations).toBe(1);
  });

  test('the way back is scope-narrowed, not an escalation', async () => {
    const diff = await diffHcl(RESOURCES + grant('api_kv', 'Key Vault Secrets User', RG), RESOURCES + grant('api_kv', 'Key Vault Secrets User', KV));
    expect(diff.changes).toEqual([expect.objectContaining({ kind: ChangeKind.SCOPE_NARROWED, escalation: false, details: 'scope resource-group → resource' })]);
  });

  test('a scope that cannot be read counts as the widest', async () => {
    const diff = await diffHcl(RESOURCES + grant('g', 'Reader', `"/subscriptions/${SUB}"`), RESOURCES + grant('g', 'Reader', 'var.scope'));
    expect(diff.changes).toEqual([expect.objectContaining({ kind: ChangeKind.SCOPE_WIDENED, scopeLevel: ScopeLevel.UNKNOWN, escalation: true })]);
  });

  test('a renamed grant that also widens is scope-widened, with its old address', async () => {
    const diff = await diffHcl(RESOURCES + grant('api_kv', 'Key Vault Secrets User', KV), RESOURCES + grant('api_rg', 'Key Vault Secrets User', RG));
    expect(diff.changes).toEqual([expect.objectContaining({
      kind: ChangeKind.SCOPE_WIDENED, address: 'azurerm_role_assignment.api_rg', previousAddress: 'azurerm_role_assignment.api_kv',
    })]);
  });

  test('another scope of the same level is the old grant removed and a new one added', async () => {
    const otherVault = 'resource "azurerm_key_vault" "kv2" {\n  name = "kv-other"\n  resource_group_name = "rg-app"\n}\n';
    const diff = await diffHcl(RESOURCES + otherVault + grant('g', 'Key Vault Secrets User', KV), RESOURCES + otherVault + grant('g', 'Key Vault Secrets User', 'azurerm_key_vault.kv2.id'));
    expect(kinds(diff)).toEqual([ChangeKind.ADDED, ChangeKind.REMOVED]);
  });
});

describe('role changes', () => {
  test('Reader to Contributor is more privileged, and says why', async () => {
    const diff = await diffHcl(RESOURCES + grant('g', 'Reader', RG), RESOURCES + grant('g', 'Contributor', RG));
    expect(diff.changes).toEqual([expect.objectContaining({ kind: ChangeKind.ROLE_MORE_PRIVILEGED, role: 'Contributor', previousRole: 'Reader', escalation: true })]);
    expect(diff.changes[0].details).toBe('Reader → Contributor: gains wildcard control plane (*), write operations');
  });

  test('Contributor to Reader is less privileged', async () => {
    const diff = await diffHcl(RESOURCES + grant('g', 'Contributor', RG), RESOURCES + grant('g', 'Reader', RG));
    expect(diff.changes).toEqual([expect.objectContaining({ kind: ChangeKind.ROLE_LESS_PRIVILEGED, escalation: false })]);
    expect(diff.changes[0].details).toBe('Contributor → Reader: loses wildcard control plane (*), write operations');
  });

  test('a move from the control plane to the data plane says so', async () => {
    const diff = await diffHcl(RESOURCES + grant('g', 'Reader', KV), RESOURCES + grant('g', 'Key Vault Secrets User', KV));
    expect(diff.changes[0].kind).toBe(ChangeKind.ROLE_MORE_PRIVILEGED);
    // Reading secret values is data access, not a write: Key Vault Secrets User only reads.
    expect(diff.changes[0].details).toBe('Reader → Key Vault Secrets User: gains data plane; loses control plane; plane control → data');
  });

  test('a role that can grant access is named', async () => {
    const diff = await diffHcl(RESOURCES + grant('g', 'Reader', RG), RESOURCES + grant('g', 'Role Based Access Control Administrator', RG));
    expect(diff.changes[0]).toMatchObject({ kind: ChangeKind.ROLE_MORE_PRIVILEGED, roleCanGrantAccess: true });
    expect(diff.changes[0].details).toContain('gains can grant access (writes role assignments)');
  });

  test('two different roles of the same reach count as more privileged', async () => {
    const diff = await diffHcl(RESOURCES + grant('g', 'Storage Blob Data Contributor', RG), RESOURCES + grant('g', 'Key Vault Secrets Officer', RG));
    expect(diff.changes[0].kind).toBe(ChangeKind.ROLE_MORE_PRIVILEGED);
    expect(diff.changes[0].details).toMatch(/a different role of the same reach/);
  });

  test('the same principal and scope under another address with another role is a role change', async () => {
    const diff = await diffHcl(RESOURCES + grant('reader', 'Reader', RG), RESOURCES + grant('contributor', 'Contributor', RG));
    expect(diff.changes).toEqual([expect.objectContaining({
      kind: ChangeKind.ROLE_MORE_PRIVILEGED, address: 'azurerm_role_assignment.contributor', previousAddress: 'azurerm_role_assignment.reader',
    })]);
  });
});

describe('added and removed', () => {
  test('a new Reader at a resource group is added, not an escalation', async () => {
    const diff = await diffHcl(RESOURCES, RESOURCES + grant('g', 'Reader', RG));
    expect(diff.changes).toEqual([expect.objectContaining({ kind: ChangeKind.ADDED, escalation: false, details: 'standing grant only in head' })]);
  });

  test.each([
    ['a role that can grant access', grant('g', 'User Access Administrator', RG)],
    ['subscription scope', grant('g', 'Reader', `"/subscriptions/${SUB}"`)],
    ['an unknown scope', grant('g', 'Reader', 'var.scope')],
  ])('a new grant of %s is an escalation', async (_what, hcl) => {
    const diff = await diffHcl(RESOURCES, RESOURCES + hcl);
    expect(diff.changes).toEqual([expect.objectContaining({ kind: ChangeKind.ADDED, escalation: true })]);
  });

  test('a new eligibility is added but no escalation: it still needs activation', async () => {
    const diff = await diffHcl(RESOURCES, RESOURCES + eligibility('admins', OWNER));
    expect(diff.changes).toEqual([expect.objectContaining({ kind: ChangeKind.ADDED, entry: 'eligible', principal: GROUP, escalation: false })]);
  });

  test('a grant only in base is removed', async () => {
    const diff = await diffHcl(RESOURCES + grant('g', 'Reader', RG), RESOURCES);
    expect(diff.changes).toEqual([expect.objectContaining({ kind: ChangeKind.REMOVED, address: 'azurerm_role_assignment.g', escalation: false })]);
  });

  test('another principal at the same address is a removal and an addition', async () => {
    const diff = await diffHcl(RESOURCES + standingGroup('g', READER), RESOURCES + grant('g', 'Reader', `"${RG_ID}"`));
    expect(kinds(diff)).toEqual([ChangeKind.ADDED, ChangeKind.REMOVED]);
  });
});

describe('standing and eligible', () => {
  test('an eligibility made standing is standing-where-eligible, an escalation', async () => {
    const diff = await diffHcl(RESOURCES + eligibility('admins', OWNER), RESOURCES + standingGroup('admins', OWNER));
    expect(diff.changes).toEqual([expect.objectContaining({
      kind: ChangeKind.STANDING_WHERE_ELIGIBLE,
      entry: 'standing',
      address: 'azurerm_role_assignment.admins',
      previousAddress: 'azurerm_pim_eligible_role_assignment.admins',
      role: 'Owner',
      escalation: true,
    })]);
  });

  test('a standing grant added where the eligibility stays is standing-where-eligible too', async () => {
    const diff = await diffHcl(RESOURCES + eligibility('admins', OWNER), RESOURCES + eligibility('admins', OWNER) + standingGroup('admins_now', OWNER));
    expect(kinds(diff)).toEqual([ChangeKind.STANDING_WHERE_ELIGIBLE]);
  });

  test('a standing grant made eligible is eligible-where-standing, an improvement', async () => {
    const diff = await diffHcl(RESOURCES + standingGroup('admins', OWNER), RESOURCES + eligibility('admins', OWNER));
    expect(diff.changes).toEqual([expect.objectContaining({ kind: ChangeKind.ELIGIBLE_WHERE_STANDING, entry: 'eligible', escalation: false })]);
  });
});

describe('activation policies', () => {
  test('a longer maximum activation is activation-longer, an escalation', async () => {
    const diff = await diffHcl(RESOURCES + activationPolicy('owner', 'PT1H'), RESOURCES + activationPolicy('owner', 'PT8H'));
    expect(diff.changes).toEqual([expect.objectContaining({
      kind: ChangeKind.ACTIVATION_LONGER, entry: 'activation-policy', principalKind: 'none', role: 'Owner', details: 'maximum activation PT1H → PT8H', escalation: true,
    })]);
  });

  test('a shorter one is activation-shorter', async () => {
    const diff = await diffHcl(RESOURCES + activationPolicy('owner', 'PT8H'), RESOURCES + activationPolicy('owner', 'PT1H'));
    expect(diff.changes).toEqual([expect.objectContaining({ kind: ChangeKind.ACTIVATION_SHORTER, escalation: false })]);
  });

  test('a renamed policy is compared, never reported as recreated: its settings stay in Azure', async () => {
    const diff = await diffHcl(RESOURCES + activationPolicy('owner', 'PT1H'), RESOURCES + activationPolicy('owner_policy', 'PT2H'));
    expect(diff.changes).toEqual([expect.objectContaining({ kind: ChangeKind.ACTIVATION_LONGER, previousAddress: 'azurerm_role_management_policy.owner' })]);
  });
});

describe('a grant under a new address', () => {
  const base = RESOURCES + grant('api_secrets', 'Key Vault Secrets User', KV);
  const head = RESOURCES + grant('api_secrets_reader', 'Key Vault Secrets User', KV);

  test('is recreated, with the moved block that keeps it as the fix', async () => {
    const diff = await diffHcl(base, head);
    expect(diff.changes).toEqual([expect.objectContaining({
      kind: ChangeKind.RECREATED,
      address: 'azurerm_role_assignment.api_secrets_reader',
      previousAddress: 'azurerm_role_assignment.api_secrets',
      escalation: false,
    })]);
    expect(diff.changes[0].fix).toContain('.moveFromId("azurerm_role_assignment.api_secrets")');
    expect(diff.changes[0].fix).toContain('moved { from = azurerm_role_assignment.api_secrets, to = azurerm_role_assignment.api_secrets_reader }');
    expect(renderDiffMarkdown(diff)).toContain(
      '```hcl\nmoved {\n  from = azurerm_role_assignment.api_secrets\n  to   = azurerm_role_assignment.api_secrets_reader\n}\n```');
  });

  test('is recognised when the vault and identity constructs are renamed too', async () => {
    const renamed = head.replace(/"kv"/, '"vault"').replace(/"api"/, '"ordering"').replace(/azurerm_key_vault\.kv\./g, 'azurerm_key_vault.vault.')
      .replace(/azurerm_user_assigned_identity\.api\./g, 'azurerm_user_assigned_identity.ordering.');
    expect(kinds(await diffHcl(base, renamed))).toEqual([ChangeKind.RECREATED]);
  });

  test('is no change once head carries the moved block', async () => {
    const moved = 'moved {\n  from = azurerm_role_assignment.api_secrets\n  to   = azurerm_role_assignment.api_secrets_reader\n}\n';
    expect((await diffHcl(base, head + moved)).changes).toEqual([]);
  });

  test('an eligibility under a new address is recreated too', async () => {
    const diff = await diffHcl(RESOURCES + eligibility('admins', OWNER), RESOURCES + eligibility('platform_admins', OWNER));
    expect(diff.changes).toEqual([expect.objectContaining({ kind: ChangeKind.RECREATED, entry: 'eligible' })]);
    expect(diff.changes[0].details).toMatch(/loses the eligibility/);
  });
});

describe('stacks', () => {
  const stackInput = async (stack: string, hcl: string) => ({ file: `cdktf.out/stacks/${stack}/cdk.tf.json`, stack, document: await hclJson(hcl) });

  test('the same address in two stacks is two grants', async () => {
    const base = AccessGraph.fromDocuments([await stackInput('a', RESOURCES + grant('g', 'Reader', RG)), await stackInput('b', RESOURCES + grant('g', 'Reader', RG))]);
    const head = AccessGraph.fromDocuments([await stackInput('a', RESOURCES + grant('g', 'Reader', RG)), await stackInput('b', RESOURCES + grant('g', 'Contributor', RG))]);
    const diff = diffGraphs(base, head);
    expect(diff.changes).toEqual([expect.objectContaining({ kind: ChangeKind.ROLE_MORE_PRIVILEGED, stack: 'b' })]);
    expect(renderDiffMarkdown(diff)).toContain('b: `azurerm_role_assignment.g`');
  });

  test('a grant moved to another stack is removed from one and added to the other, not a rename', async () => {
    const base = AccessGraph.fromDocuments([await stackInput('a', RESOURCES + grant('g', 'Reader', RG)), await stackInput('b', RESOURCES)]);
    const head = AccessGraph.fromDocuments([await stackInput('a', RESOURCES), await stackInput('b', RESOURCES + grant('g2', 'Reader', RG))]);
    expect(kinds(diffGraphs(base, head))).toEqual([ChangeKind.ADDED, ChangeKind.REMOVED]);
  });
});

describe('isEscalation', () => {
  test.each([
    [ChangeKind.SCOPE_WIDENED, true], [ChangeKind.ROLE_MORE_PRIVILEGED, true],
    [ChangeKind.STANDING_WHERE_ELIGIBLE, true], [ChangeKind.ACTIVATION_LONGER, true],
    [ChangeKind.SCOPE_NARROWED, false], [ChangeKind.ROLE_LESS_PRIVILEGED, false], [ChangeKind.ELIGIBLE_WHERE_STANDING, false],
    [ChangeKind.ACTIVATION_SHORTER, false], [ChangeKind.RECREATED, false], [ChangeKind.REMOVED, false], [ChangeKind.ADDED, false],
  ])('%s at a resource group, of a role that cannot grant access: %s', (kind, expected) => {
    expect(isEscalation({ kind, entry: 'standing', roleKind: 'azure-rbac', roleCanGrantAccess: false, scopeLevel: ScopeLevel.RESOURCE_GROUP })).toBe(expected);
  });
});

describe('rendering', () => {
  const base = RESOURCES + grant('api_kv', 'Key Vault Secrets User', KV) + grant('old', 'Reader', RG) + grant('gone', 'Reader', `"${RG_ID}"`, `"${GROUP}"`);
  const head = RESOURCES + grant('api_kv', 'Key Vault Secrets User', RG) + grant('new', 'Reader', RG) + grant('owner', 'Owner', RG);

  test('markdown: heading, summary line, one row per change with escalations first, recreated section', async () => {
    const markdown = renderDiffMarkdown(await diffHcl(base, head));
    const lines = markdown.split('\n');
    expect(lines.slice(0, 3)).toEqual(['## Access changes', '', '4 access changes, 2 escalations: 1 scope-widened, 1 added, 1 recreated, 1 removed.']);
    expect(lines[4]).toBe('| Change | Principal | Role | Scope | Address | Details |');
    expect(lines[6]).toMatch(/^\| \*\*scope-widened\*\* \(escalation\) \| managed identity `uai-api` \| Key Vault Secrets User \| `\$\{azurerm_key_vault\.kv\.id\}` \(resource\) → /);
    expect(lines[7]).toMatch(/^\| \*\*added\*\* \(escalation\) \| managed identity `uai-api` \| Owner \|/);
    expect(lines[8]).toMatch(/^\| recreated \|/);
    expect(lines[9]).toMatch(/^\| removed \| principal of unknown kind `cccccccc-/);
    expect(markdown).toContain('### Recreated');
  });

  test('json is stable and pretty, with a fixed key order', async () => {
    const first = renderDiffJson(await diffHcl(base, head));
    expect(renderDiffJson(await diffHcl(base, head))).toBe(first);
    const parsed = JSON.parse(first);
    expect(Object.keys(parsed)).toEqual(['summary', 'escalations', 'changes']);
    expect(parsed.changes.map((c: { kind: string }) => c.kind)).toEqual(['scope-widened', 'added', 'recreated', 'removed']);
    expect(first).toContain('\n  "summary": {\n    "added": 1,');
    expect(first.endsWith('}\n')).toBe(true);
  });

  test('a pipe in a value does not break the table', async () => {
    const diff = await diffHcl(RESOURCES, RESOURCES + grant('g', 'Reader', '"${var.a}|x"'));
    expect(renderDiffMarkdown(diff)).toContain('`${var.a}\\|x`');
  });
});
