import * as fs from 'fs';
import * as path from 'path';
import { ChangeKind } from '../../../src/review/diff/change-kind';
import { diffPlan } from '../../../src/review/diff/diff-plan';
import { documentAddressOf } from '../../../src/review/diff/plan-address';
import { REPLACE_FIX } from '../../../src/review/diff/recreate-fix';
import { renderDiffMarkdown } from '../../../src/review/diff/render-diff';
import { readJsonText } from '../../../src/review/reader/read-inputs';

function planText(): string {
  return fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'diff', 'plan-replace.json'), 'utf8');
}

function readPlan() {
  return readJsonText('plans/plan-replace.json', planText())[0];
}

describe('the access changes inside one plan', () => {
  const diff = diffPlan(readPlan());
  const at = (address: string) => diff.changes.filter((c) => c.address === address);

  test('a replaced grant whose principal, role and scope stay is recreated, with the replacement fix', () => {
    expect(at('azurerm_role_assignment.api_secrets')).toEqual([expect.objectContaining({
      // The plan names the identity, which exists already, by its ID: it is the plan's own uai-api.
      kind: ChangeKind.RECREATED, principal: 'uai-api', principalKind: 'managed-identity', role: 'Key Vault Secrets User', fix: REPLACE_FIX, escalation: false,
    })]);
    expect(at('azurerm_role_assignment.api_secrets')[0].details).toMatch(/^replaced in the plan/);
  });

  test('a replacement (create before destroy too) that changes the role says both', () => {
    const [change] = at('azurerm_role_assignment.kv_admin');
    expect(change).toMatchObject({ kind: ChangeKind.ROLE_MORE_PRIVILEGED, previousRole: 'Key Vault Secrets User', role: 'Key Vault Administrator', escalation: true });
    expect(change.details).toMatch(/The plan replaces it, so the access drops/);
  });

  test('a delete and a create of the same grant under another address is recreated, with the moved block', () => {
    expect(at('azurerm_role_assignment.ops_reader')).toEqual([expect.objectContaining({
      kind: ChangeKind.RECREATED, previousAddress: 'azurerm_role_assignment.team_reader', principal: 'cccccccc-1111-2222-3333-dddddddddddd',
    })]);
    expect(renderDiffMarkdown(diff)).toContain('moved {\n  from = azurerm_role_assignment.team_reader\n  to   = azurerm_role_assignment.ops_reader\n}');
  });

  test('a policy update that lengthens activation is activation-longer', () => {
    expect(at('azurerm_role_management_policy.owner')).toEqual([expect.objectContaining({ kind: ChangeKind.ACTIVATION_LONGER, details: 'maximum activation PT1H → PT8H' })]);
  });

  test('a new grant in a child module keeps the plan\'s address', () => {
    // A reference inside the module resolves to the module's own identity.
    expect(at('module.app.azurerm_role_assignment.worker')).toEqual([expect.objectContaining({
      kind: ChangeKind.ADDED,
      principal: 'uai-worker',
      principalKind: 'managed-identity',
      role: 'Contributor',
      escalation: true,
      scope: '/subscriptions/11111111-2222-3333-4444-555555555555',
    })]);
  });

  test('nothing else: no-op resources and data sources are no change', () => {
    expect(diff.changes.map((c) => [c.kind, c.address])).toEqual([
      [ChangeKind.ROLE_MORE_PRIVILEGED, 'azurerm_role_assignment.kv_admin'],
      [ChangeKind.ACTIVATION_LONGER, 'azurerm_role_management_policy.owner'],
      [ChangeKind.ADDED, 'module.app.azurerm_role_assignment.worker'],
      [ChangeKind.RECREATED, 'azurerm_role_assignment.api_secrets'],
      [ChangeKind.RECREATED, 'azurerm_role_assignment.ops_reader'],
    ]);
  });

  test('a plan that changes nothing reports nothing', () => {
    const plan = JSON.parse(planText());
    delete plan.configuration;
    delete plan.planned_values.root_module.child_modules;
    const planned: { address: string; values: unknown }[] = plan.planned_values.root_module.resources;
    plan.resource_changes = planned.map((r) => ({
      address: r.address, type: r.address.split('.')[0], change: { actions: ['no-op'], before: r.values, after: r.values },
    }));
    expect(diffPlan(readJsonText('plan.json', JSON.stringify(plan))[0]).changes).toEqual([]);
  });

  test('Entra rows: a directory role replaced by a wider one, and a Graph permission added', () => {
    const ops = 'aaaaaaaa-0000-4000-8000-0000000000aa';
    const role = (roleId: string) => ({ role_id: roleId, principal_object_id: ops, directory_scope_id: '/' });
    const permission = { app_role_id: '9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8', principal_object_id: ops, resource_object_id: 'bbbbbbbb-0000-4000-8000-0000000000bb' };
    const GLOBAL_ADMINISTRATOR = '62e90394-69f5-4237-9190-012177145e10';
    const block = (type: string) => ({ address: `${type}.ops`, mode: 'managed', type, name: 'ops' });
    const plan = {
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [
            { ...block('azuread_directory_role_assignment'), values: role(GLOBAL_ADMINISTRATOR) },
            { ...block('azuread_app_role_assignment'), values: permission },
          ],
        },
      },
      resource_changes: [
        { ...block('azuread_directory_role_assignment'), change: { actions: ['delete', 'create'], before: role('88d8e3e3-8f55-4a1e-953a-9b9898b8876b'), after: role(GLOBAL_ADMINISTRATOR) } },
        { ...block('azuread_app_role_assignment'), change: { actions: ['create'], before: null, after: permission } },
      ],
    };
    const entra = diffPlan(readJsonText('plan.json', JSON.stringify(plan))[0]);
    expect(entra.changes.map((c) => [c.kind, c.roleKind, c.role, c.tier, c.escalation])).toEqual([
      [ChangeKind.ROLE_MORE_PRIVILEGED, 'entra-directory-role', 'Global Administrator (directory role)', 'ControlPlane', true],
      // The API is a literal object ID, which differs by tenant; the app role ID names the Graph permission all the same.
      [ChangeKind.ADDED, 'app-permission', 'RoleManagement.ReadWrite.Directory (application permission)', 'ControlPlane', true],
    ]);
    expect(entra.changes[0].details).toMatch(/tier 1 \(ManagementPlane\) → tier 0 \(ControlPlane\)\. The plan replaces it/);
  });

  test('anything but a plan is refused', () => {
    expect(() => diffPlan({ file: 'main.tf', format: 'hcl', document: {} })).toThrow(/main\.tf: diffPlan needs a plan/);
  });
});

describe('plan addresses', () => {
  test.each([
    ['azurerm_role_assignment.reader', 'azurerm_role_assignment.reader'],
    ['azurerm_role_assignment.reader[0]', 'azurerm_role_assignment.reader[0]'],
    ['module.app.azurerm_role_assignment.reader', 'azurerm_role_assignment.module.app.reader'],
    ['module.app["blue.green"].module.inner[2].azurerm_role_assignment.reader["x"]', 'azurerm_role_assignment.module.app["blue.green"].module.inner[2].reader["x"]'],
  ])('%s is declared as %s', (address, expected) => {
    expect(documentAddressOf({ address, type: 'azurerm_role_assignment', actions: ['create'] })).toBe(expected);
  });

  test('a data source has no document address', () => {
    expect(documentAddressOf({ address: 'module.app.data.azurerm_client_config.current', type: 'azurerm_client_config', actions: ['read'] })).toBeUndefined();
  });
});
