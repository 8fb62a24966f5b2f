import { diffHcl, graphOf, SUB } from './diff-fixtures';
import { DIRECTORY, directoryRole, graphPermission } from './entra-diff-fixtures';
import { ScopeLevel } from '../../../src/model/scope-level';
import { ChangeKind } from '../../../src/review/diff/change-kind';
import { diffGraphs } from '../../../src/review/diff/diff-graphs';
import { verdictOf, VerdictKind } from '../../../src/review/diff/diff-verdict';
import { renderDiffJson, renderDiffMarkdown } from '../../../src/review/diff/render-diff';
import { renderDiffComment } from '../../../src/review/diff/render-diff-comment';
import { PrivilegeTier } from '../../../src/roles/privilege-tier';
import { hclJson } from '../../policy/rule-fixtures';

const GLOBAL_ADMINISTRATOR = '62e90394-69f5-4237-9190-012177145e10';
const USER_ADMINISTRATOR = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
const DIRECTORY_READERS = '88d8e3e3-8f55-4a1e-953a-9b9898b8876b';
const ROLE_MANAGEMENT = '9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8';
const OPS_OBJECT_ID = 'aaaaaaaa-0000-4000-8000-0000000000aa';


const HR_UNIT = '/administrativeUnits/${azuread_administrative_unit.hr.object_id}';
const kinds = (diff: { changes: { kind: ChangeKind }[] }) => diff.changes.map((c) => c.kind);

describe('Entra rows compared with themselves', () => {
  const everything = DIRECTORY + directoryRole('ops_ga', GLOBAL_ADMINISTRATOR) + directoryRole('ops_hr', USER_ADMINISTRATOR, HR_UNIT)
    + graphPermission('sync_users', 'User.Read.All');

  test('show no change, though the graph holds them', async () => {
    const graph = graphOf(await hclJson(everything));
    expect([graph.directoryRoles.length, graph.appPermissions.length]).toEqual([2, 1]);
    const diff = await diffHcl(everything, everything);
    expect(diff.changes).toEqual([]);
    expect(verdictOf(diff, undefined).kind).toBe(VerdictKind.NO_CHANGE);
  });
});

describe('standing Entra directory roles', () => {
  test('a new tier-0 role is added, an escalation, and widens access', async () => {
    const diff = await diffHcl(DIRECTORY, DIRECTORY + directoryRole('ops_ga', GLOBAL_ADMINISTRATOR));
    expect(diff.changes).toEqual([expect.objectContaining({
      kind: ChangeKind.ADDED,
      entry: 'standing',
      roleKind: 'entra-directory-role',
      address: 'azuread_directory_role_assignment.ops_ga',
      principal: 'Ops Admin',
      principalKind: 'human',
      role: 'Global Administrator (directory role)',
      tier: PrivilegeTier.CONTROL_PLANE,
      roleCanGrantAccess: true,
      scope: '/',
      scopeLevel: ScopeLevel.ROOT,
      details: 'standing directory role only in head',
      escalation: true,
    })]);
    expect(diff.escalations).toBe(1);
    expect(verdictOf(diff, undefined)).toEqual({ kind: VerdictKind.WIDENS, line: 'Access widens: 1 Entra directory role' });
  });

  test('a new tier-1 role widens access as any new grant does, but is no escalation', async () => {
    const diff = await diffHcl(DIRECTORY, DIRECTORY + directoryRole('ops_readers', DIRECTORY_READERS));
    expect(diff.changes).toEqual([expect.objectContaining({
      kind: ChangeKind.ADDED, role: 'Directory Readers (directory role)', tier: PrivilegeTier.MANAGEMENT_PLANE, roleCanGrantAccess: false, escalation: false,
    })]);
    expect(diff.escalations).toBe(0);
    expect(verdictOf(diff, undefined).kind).toBe(VerdictKind.WIDENS);
  });

  test('a role taken away is removed, and narrows access', async () => {
    const diff = await diffHcl(DIRECTORY + directoryRole('ops_ga', GLOBAL_ADMINISTRATOR), DIRECTORY);
    expect(diff.changes).toEqual([expect.objectContaining({
      kind: ChangeKind.REMOVED,
      roleKind: 'entra-directory-role',
      role: 'Global Administrator (directory role)',
      escalation: false,
      details: 'standing directory role only in base',
    })]);
    expect(verdictOf(diff, undefined)).toEqual({ kind: VerdictKind.NARROWS, line: 'Access narrows: 1 Entra directory role' });
  });

  test('another role of a wider tier at the same address is more privileged; the way back is less', async () => {
    const readers = DIRECTORY + directoryRole('ops', DIRECTORY_READERS);
    const admin = DIRECTORY + directoryRole('ops', GLOBAL_ADMINISTRATOR);
    const widened = await diffHcl(readers, admin);
    expect(widened.changes).toEqual([expect.objectContaining({
      kind: ChangeKind.ROLE_MORE_PRIVILEGED,
      role: 'Global Administrator (directory role)',
      previousRole: 'Directory Readers (directory role)',
      tier: PrivilegeTier.CONTROL_PLANE,
      details: 'Directory Readers (directory role) → Global Administrator (directory role): tier 1 (ManagementPlane) → tier 0 (ControlPlane)',
      escalation: true,
    })]);
    const narrowed = await diffHcl(admin, readers);
    expect(narrowed.changes).toEqual([expect.objectContaining({
      kind: ChangeKind.ROLE_LESS_PRIVILEGED, tier: PrivilegeTier.MANAGEMENT_PLANE, escalation: false,
    })]);
  });

  test('another role of the same tier cannot be ordered, so it counts as more privileged', async () => {
    const diff = await diffHcl(DIRECTORY + directoryRole('ops', USER_ADMINISTRATOR), DIRECTORY + directoryRole('ops', GLOBAL_ADMINISTRATOR));
    expect(diff.changes).toEqual([expect.objectContaining({ kind: ChangeKind.ROLE_MORE_PRIVILEGED, details: expect.stringMatching(/same tier \(tier 0 \(ControlPlane\)\)/) })]);
  });

  test('an administrative unit widened to the tenant is scope-widened; back is scope-narrowed', async () => {
    const unit = DIRECTORY + directoryRole('ops', USER_ADMINISTRATOR, HR_UNIT);
    const tenant = DIRECTORY + directoryRole('ops', USER_ADMINISTRATOR);
    const widened = await diffHcl(unit, tenant);
    expect(widened.changes).toEqual([expect.objectContaining({
      kind: ChangeKind.SCOPE_WIDENED,
      scope: '/',
      scopeLevel: ScopeLevel.ROOT,
      previousScope: HR_UNIT,
      previousScopeLevel: ScopeLevel.RESOURCE_GROUP,
      details: 'directory scope administrative unit → tenant',
      escalation: true,
    })]);
    expect(kinds(await diffHcl(tenant, unit))).toEqual([ChangeKind.SCOPE_NARROWED]);
  });

  test('the same role under a new address is recreated, with the moved block that keeps it', async () => {
    const diff = await diffHcl(DIRECTORY + directoryRole('ops_ga', GLOBAL_ADMINISTRATOR), DIRECTORY + directoryRole('ops_global', GLOBAL_ADMINISTRATOR));
    expect(diff.changes).toEqual([expect.objectContaining({
      kind: ChangeKind.RECREATED,
      address: 'azuread_directory_role_assignment.ops_global',
      previousAddress: 'azuread_directory_role_assignment.ops_ga',
      fix: expect.stringContaining('moved { from = azuread_directory_role_assignment.ops_ga, to = azuread_directory_role_assignment.ops_global }'),
      escalation: false,
    })]);
  });

  test('an eligibility made standing is standing-where-eligible; the way back is eligible-where-standing', async () => {
    const eligible = `${DIRECTORY}resource "azuread_directory_role_eligibility_schedule_request" "ops_ga" {\n  role_definition_id = "${GLOBAL_ADMINISTRATOR}"\n`
      + '  principal_id = azuread_user.ops.object_id\n  directory_scope_id = "/"\n  justification = "on call"\n}\n';
    const standing = DIRECTORY + directoryRole('ops_ga', GLOBAL_ADMINISTRATOR);
    const made = await diffHcl(eligible, standing);
    expect(made.changes).toEqual([expect.objectContaining({
      kind: ChangeKind.STANDING_WHERE_ELIGIBLE,
      entry: 'standing',
      roleKind: 'entra-directory-role',
      escalation: true,
      previousAddress: 'azuread_directory_role_eligibility_schedule_request.ops_ga',
    })]);
    expect(kinds(await diffHcl(standing, eligible))).toEqual([ChangeKind.ELIGIBLE_WHERE_STANDING]);
  });

  test('the eligibility names the role by a reference to the activated role: still the same role as the standing one', async () => {
    const activated = `resource "azuread_directory_role" "ga" {\n  template_id = "${GLOBAL_ADMINISTRATOR}"\n}\n`;
    const eligible = `${DIRECTORY}${activated}resource "azuread_directory_role_eligibility_schedule_request" "ops_ga" {\n`
      + '  role_definition_id = azuread_directory_role.ga.template_id\n'
      + '  principal_id = azuread_user.ops.object_id\n  directory_scope_id = "/"\n  justification = "on call"\n}\n';
    const standing = DIRECTORY + activated + directoryRole('ops_ga', GLOBAL_ADMINISTRATOR);
    expect(kinds(await diffHcl(eligible, standing))).toEqual([ChangeKind.STANDING_WHERE_ELIGIBLE]);
  });

  test('an Azure role at the root scope "/" and the tenant-wide directory role of one principal are never taken for one another', async () => {
    const principal = `"${OPS_OBJECT_ID}"`;
    const azureRoot = `resource "azurerm_role_assignment" "ops" {\n  scope = "/"\n  role_definition_name = "Owner"\n  principal_id = ${principal}\n}\n`;
    const entra = `resource "azuread_directory_role_assignment" "ops_ga" {\n  role_id = "${GLOBAL_ADMINISTRATOR}"\n  principal_object_id = ${principal}\n}\n`;
    const diff = await diffHcl(azureRoot, entra);
    expect(diff.changes.map((c) => [c.kind, c.roleKind])).toEqual([[ChangeKind.ADDED, 'entra-directory-role'], [ChangeKind.REMOVED, 'azure-rbac']]);
  });
});

describe('application permissions', () => {
  test('a new tier-0 Graph permission is added and an escalation', async () => {
    const diff = await diffHcl(DIRECTORY, DIRECTORY + graphPermission('sync_roles', 'RoleManagement.ReadWrite.Directory'));
    expect(diff.changes).toEqual([expect.objectContaining({
      kind: ChangeKind.ADDED,
      entry: 'standing',
      roleKind: 'app-permission',
      principal: 'uai-directory-sync',
      principalKind: 'managed-identity',
      role: 'RoleManagement.ReadWrite.Directory (application permission)',
      tier: PrivilegeTier.CONTROL_PLANE,
      scope: 'Microsoft Graph',
      details: 'application permission only in head',
      escalation: true,
    })]);
    expect(verdictOf(diff, undefined).line).toBe('Access widens: 1 application permission');
  });

  test('a new tier-2 permission widens access but is no escalation: its tenant-wide reach is its nature, not a widening', async () => {
    const diff = await diffHcl(DIRECTORY, DIRECTORY + graphPermission('sync_users', 'User.Read.All'));
    expect(diff.changes).toEqual([expect.objectContaining({ kind: ChangeKind.ADDED, tier: PrivilegeTier.USER_ACCESS, escalation: false })]);
    expect(verdictOf(diff, undefined).kind).toBe(VerdictKind.WIDENS);
  });

  test('another permission of the same API at the same address is compared by tier', async () => {
    const users = DIRECTORY + graphPermission('sync', 'User.Read.All');
    const roles = DIRECTORY + graphPermission('sync', 'RoleManagement.ReadWrite.Directory');
    expect((await diffHcl(users, roles)).changes).toEqual([expect.objectContaining({
      kind: ChangeKind.ROLE_MORE_PRIVILEGED,
      previousRole: 'User.Read.All (application permission)',
      details: 'User.Read.All (application permission) → RoleManagement.ReadWrite.Directory (application permission): tier 2 (UserAccess) → tier 0 (ControlPlane)',
      escalation: true,
    })]);
    expect(kinds(await diffHcl(roles, users))).toEqual([ChangeKind.ROLE_LESS_PRIVILEGED]);
  });

  test('the same permission written by its app role ID instead of by name is no change', async () => {
    const byId = `resource "azuread_app_role_assignment" "sync" {\n  app_role_id = "${ROLE_MANAGEMENT}"\n`
      + '  principal_object_id = azurerm_user_assigned_identity.sync.principal_id\n  resource_object_id = data.azuread_service_principal.msgraph.object_id\n}\n';
    const diff = await diffHcl(DIRECTORY + graphPermission('sync', 'RoleManagement.ReadWrite.Directory'), DIRECTORY + byId);
    expect(graphOf(await hclJson(DIRECTORY + byId)).appPermissions).toHaveLength(1);
    expect(diff.changes).toEqual([]);
  });

  test('a permission taken away is removed and narrows access', async () => {
    const diff = await diffHcl(DIRECTORY + graphPermission('sync', 'User.Read.All'), DIRECTORY);
    expect(diff.changes).toEqual([expect.objectContaining({ kind: ChangeKind.REMOVED, roleKind: 'app-permission', details: 'application permission only in base' })]);
    expect(verdictOf(diff, undefined).line).toBe('Access narrows: 1 application permission');
  });
});

describe('rendering the Entra rows', () => {
  const base = DIRECTORY + directoryRole('ops', DIRECTORY_READERS);
  const head = DIRECTORY + directoryRole('ops', GLOBAL_ADMINISTRATOR) + graphPermission('sync_users', 'User.Read.All')
    + `resource "azurerm_role_assignment" "sync_reader" {\n  scope = "/subscriptions/${SUB}/resourceGroups/rg-sync"\n  role_definition_name = "Reader"\n`
    + '  principal_id = azurerm_user_assigned_identity.sync.principal_id\n}\n';

  test('markdown has a row for each, with its tier and what its scope is', async () => {
    const markdown = renderDiffMarkdown(await diffHcl(base, head));
    expect(markdown).toContain('| **role-more-privileged** (escalation) | human `Ops Admin` | Directory Readers (directory role) → Global Administrator (directory role), '
      + 'tier 0 (ControlPlane) | `/` (tenant) | `azuread_directory_role_assignment.ops` |');
    expect(markdown).toContain('| added | managed identity `uai-directory-sync` | User.Read.All (application permission), tier 2 (UserAccess) | `Microsoft Graph` (API) |');
    // The Azure grant of the same change keeps its level and shows no tier.
    expect(markdown).toContain('| added | managed identity `uai-directory-sync` | Reader | `/subscriptions/');
    expect(markdown).toContain('(resource-group) | `azurerm_role_assignment.sync_reader`');
  });

  test('an administrative unit is named as one', async () => {
    const markdown = renderDiffMarkdown(await diffHcl(DIRECTORY + directoryRole('ops', USER_ADMINISTRATOR, HR_UNIT), DIRECTORY + directoryRole('ops', USER_ADMINISTRATOR)));
    expect(markdown).toContain('(administrative unit) → `/` (tenant)');
  });

  test('json carries the kind of role and the tier', async () => {
    const json = JSON.parse(renderDiffJson(await diffHcl(base, head))) as { changes: Record<string, unknown>[] };
    expect(json.changes.map((c) => [c.kind, c.roleKind, c.tier ?? null])).toEqual([
      ['role-more-privileged', 'entra-directory-role', 'ControlPlane'],
      ['added', 'app-permission', 'UserAccess'],
      ['added', 'azure-rbac', null],
    ]);
  });

  test('the comment counts them apart in its verdict and has a section for each principal', async () => {
    const comment = renderDiffComment({ diff: await diffHcl(base, head) });
    expect(comment.split('\n')[0]).toBe('**Access widens: 1 grant, 1 Entra directory role, 1 application permission**');
    expect(comment).toContain('<details open><summary>human Ops Admin: 1 change, 1 widening</summary>');
    expect(comment).toContain('| added | User.Read.All (application permission), tier 2 (UserAccess) | `Microsoft Graph` (API) |');
  });
});

test('a graph with Entra rows on one side only is compared whole, whichever side', async () => {
  const entra = graphOf(await hclJson(DIRECTORY + directoryRole('ops', GLOBAL_ADMINISTRATOR) + graphPermission('sync', 'User.Read.All')));
  const bare = graphOf(await hclJson(DIRECTORY));
  expect(kinds(diffGraphs(bare, entra))).toEqual([ChangeKind.ADDED, ChangeKind.ADDED]);
  expect(kinds(diffGraphs(entra, bare))).toEqual([ChangeKind.REMOVED, ChangeKind.REMOVED]);
});
