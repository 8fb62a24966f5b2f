import { emptyGraph, sampleExports, TODAY } from './audit-fixtures';
import { ScopeLevel } from '../../../src/model/scope-level';
import { audit } from '../../../src/review/audit/audit';
import { importBlocks } from '../../../src/review/audit/import-blocks';
import { LiveAssignment } from '../../../src/review/audit/live-types';

describe('import blocks for unmanaged assignments', () => {
  const result = audit(emptyGraph(), sampleExports(), { today: TODAY });
  const blocks = importBlocks(result.unmanaged);

  test('are Terraform JSON: one import per standing assignment, named after role and principal, with the generate-config hint', () => {
    expect(Object.keys(blocks)).toEqual(['//', 'import']);
    expect(blocks['//']).toContain('terraform plan -generate-config-out=generated.tf');
    expect(blocks.import).toEqual([
      {
        to: 'azurerm_role_assignment.contributor_contoso_deploy_pipeline',
        id: '/subscriptions/11111111-2222-3333-4444-555555555555/providers/Microsoft.Authorization/roleAssignments/10000000-aaaa-bbbb-cccc-000000000001',
      },
      { to: 'azurerm_role_assignment.key_vault_secrets_user_id_contoso_app', id: expect.stringMatching(/vaults\/kv-contoso-app\/providers\/.*-000000000003$/) },
      { to: 'azurerm_role_assignment.reader_contoso_app_operators', id: expect.stringMatching(/rg-contoso-app\/providers\/.*-000000000002$/) },
      { to: 'azurerm_role_assignment.storage_blob_data_reader_alex_wilber', id: expect.stringMatching(/stcontosoapp\/providers\/.*-000000000004$/) },
    ]);
  });

  test('every name is a valid Terraform name, and eligibilities are left out', () => {
    for (const { to } of blocks.import) expect(to).toMatch(/^azurerm_role_assignment\.[a-z_][a-z0-9_-]*$/);
    expect(result.unmanaged.some((a) => a.kind === 'eligible')).toBe(true);
    expect(blocks.import).toHaveLength(4);
  });

  test('names that repeat are numbered in the order of the assignment IDs, whatever the input order', () => {
    const assignment = (n: number, principal: string): LiveAssignment => ({
      kind: 'standing',
      file: 'az.json',
      place: `/${n}`,
      id: `/subscriptions/s/providers/Microsoft.Authorization/roleAssignments/${n}`,
      principalId: `0000000${n}-0000-0000-0000-000000000000`,
      principalName: principal,
      roleDefinitionId: 'x',
      roleName: 'Reader',
      scope: '/subscriptions/s',
      scopeLevel: ScopeLevel.SUBSCRIPTION,
    });
    const list = [assignment(3, 'ops'), assignment(1, 'ops'), assignment(2, '1st-team'), assignment(4, 'ops_2')];
    const names = (input: LiveAssignment[]) => importBlocks(input).import.map((i) => [i.to.split('.')[1], i.id.split('/').pop()]);
    expect(names(list)).toEqual([['reader_1st_team', '2'], ['reader_ops', '1'], ['reader_ops_2', '3'], ['reader_ops_2_2', '4']]);
    expect(names([...list].reverse())).toEqual(names(list));
  });

  test('many repeats of a name are numbered on from the last, past a name another assignment holds', () => {
    const assignment = (n: number, principal: string): LiveAssignment => ({
      ...result.unmanaged.find((a) => a.kind === 'standing')!,
      id: `/subscriptions/s/providers/Microsoft.Authorization/roleAssignments/${n}`,
      principalDisplayName: principal,
      roleName: 'Reader',
    });
    const list = [1, 2, 4, 5, 6].map((n) => assignment(n, 'ops'));
    // reader_ops_3 is the natural name of assignment 3: the repeats of reader_ops go past it.
    const names = importBlocks([...list, assignment(3, 'ops 3')]).import.map((i) => [i.to.split('.')[1], i.id.split('/').pop()]);
    expect(names).toEqual([['reader_ops', '1'], ['reader_ops_2', '2'], ['reader_ops_3', '3'], ['reader_ops_4', '4'], ['reader_ops_5', '5'], ['reader_ops_6', '6']]);
  });

  test('a name that would start with a digit is prefixed', () => {
    const blocks2 = importBlocks([{ ...result.unmanaged[0], roleName: '2nd Line Support', principalDisplayName: 'x' }]);
    expect(blocks2.import[0].to).toBe('azurerm_role_assignment.assignment_2nd_line_support_x');
  });
});
