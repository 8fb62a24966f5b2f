import { ruleFindings, USER } from './rule-fixtures';
import { entraGraphOf } from '../review/graph/entra-fixtures';

describe('AZA025: a standing member of a role-assignable group', () => {
  const group = (assignable: string, extra = '') => `
resource "azuread_group" "ops" {
  display_name       = "ops-admins"
  security_enabled   = true
  assignable_to_role = ${assignable}
  members            = ["${USER}"]
}
${extra}`;
  const ga = `
resource "azuread_directory_role_assignment" "ops" {
  role_id             = "62e90394-69f5-4237-9190-012177145e10"
  principal_object_id = azuread_group.ops.object_id
}
resource "azuread_directory_role_assignment" "readers" {
  role_id             = "88d8e3e3-8f55-4a1e-953a-9b9898b8876b"
  principal_object_id = azuread_group.ops.object_id
}
`;

  test('fires on members of a role-assignable group, naming the roles it holds', async () => {
    expect((await ruleFindings(group('true', ga), 'AZA025')).map((f) => [f.severity, f.message])).toEqual([[
      'error',
      `principal of unknown kind ${USER} is a standing member of role-assignable group ops-admins, which holds the Entra role(s) "Global Administrator" (tier 0), `
        + '"Directory Readers" standing.',
    ]]);
    expect((await ruleFindings(group('true'), 'AZA025')).map((f) => f.message)).toEqual([
      `principal of unknown kind ${USER} is a standing member of role-assignable group ops-admins; the group holds no Entra role in this configuration, but it exists to hold them.`,
    ]);
  });

  test('a group the configuration does not declare counts as role-assignable, and says so', async () => {
    const member = `resource "azuread_group_member" "m" {\n  group_object_id  = "cccccccc-0000-4000-8000-000000000001"\n  member_object_id = "${USER}"\n}\n`;
    expect((await ruleFindings(member, 'AZA025')).map((f) => f.message)).toEqual([
      `principal of unknown kind ${USER} is a standing member of role-assignable principal of unknown kind cccccccc-0000-4000-8000-000000000001; `
        + 'the group is not declared in this configuration, so it may be role-assignable (counted as such).',
    ]);
  });

  test('members of a group that is not role-assignable, and eligible members, are not standing members of one', async () => {
    const g = await entraGraphOf(group('false'), ['groupMemberships']);
    expect(g.groupMemberships.map((m) => m.roleAssignable)).toEqual([false]);
    expect(await ruleFindings(group('false'), 'AZA025')).toEqual([]);
    const eligible = group('true', ga).replace(`  members            = ["${USER}"]\n`, '') + `
resource "azuread_privileged_access_group_eligibility_schedule" "alice" {
  group_id        = azuread_group.ops.object_id
  principal_id    = "${USER}"
  assignment_type = "member"
  duration        = "P180D"
}
`;
    expect((await entraGraphOf(eligible, ['eligibilities'])).eligibilities).toHaveLength(1);
    expect(await ruleFindings(eligible, 'AZA025')).toEqual([]);
  });
});
