import { entraGraphOf } from './entra-fixtures';
import { ScopeLevel } from '../../../src/model/scope-level';
import { PrivilegeTier } from '../../../src/roles/privilege-tier';
import { ruleFindings, USER } from '../../policy/rule-fixtures';

/** A custom directory role with these permission blocks, assigned to the user through the given attribute. */
function customRole(permissions: string, attribute = 'object_id'): string {
  return `
resource "azuread_custom_directory_role" "helpdesk" {
  display_name = "Helpdesk"
  enabled      = true
  version      = "1.0"
${permissions}
}
resource "azuread_directory_role_assignment" "helpdesk" {
  role_id             = azuread_custom_directory_role.helpdesk.${attribute}
  principal_object_id = "${USER}"
}
`;
}

const block = (actions: string) => `  permissions {\n    allowed_resource_actions = ${actions}\n  }`;
const READ_ONLY = block('["microsoft.directory/users/standard/read", "microsoft.directory/groups/standard/read"]');

describe('a custom directory role is tiered by its actions', () => {
  test('read-only actions: tier 2, and no standing tier-0 finding (by object_id or template_id)', async () => {
    for (const attribute of ['object_id', 'template_id']) {
      const hcl = customRole(READ_ONLY, attribute);
      const g = await entraGraphOf(hcl, ['directoryRoles', 'customDirectoryRoles']);
      expect(g.directoryRoles.map((d) => [d.role.name, d.role.tier, d.role.known])).toEqual([['custom role Helpdesk', PrivilegeTier.USER_ACCESS, true]]);
      expect(g.customDirectoryRoles.map((r) => [r.origin.address, r.role.tier, r.actions])).toEqual([
        ['azuread_custom_directory_role.helpdesk', PrivilegeTier.USER_ACCESS, ['microsoft.directory/users/standard/read', 'microsoft.directory/groups/standard/read']],
      ]);
      expect(await ruleFindings(hcl, 'AZA021')).toEqual([]);
    }
  });

  test('an action that adds credentials, in any of its permission blocks, makes it tier 0: AZA021 fires', async () => {
    const hcl = customRole(`${READ_ONLY}\n${block('["microsoft.directory/applications/credentials/update"]')}`);
    const g = await entraGraphOf(hcl, ['directoryRoles', 'customDirectoryRoles']);
    expect(g.directoryRoles.map((d) => [d.role.tier, d.role.known])).toEqual([[PrivilegeTier.CONTROL_PLANE, true]]);
    expect((await ruleFindings(hcl, 'AZA021')).map((f) => f.message))
      .toEqual([`principal of unknown kind ${USER} holds the Entra role "custom role Helpdesk" standing at the whole tenant (/).`]);
  });

  test('an action entraops does not classify, or none at all, counts as tier 0, and the role\'s name says why', async () => {
    const unlisted = customRole(`${READ_ONLY}\n${block('["microsoft.directory/somethingNew/update"]')}`);
    const [d] = (await entraGraphOf(unlisted, ['directoryRoles'])).directoryRoles;
    expect([d.role.name, d.role.tier, d.role.known])
      .toEqual(['custom role Helpdesk (actions no classification lists, counted as tier 0: microsoft.directory/somethingNew/update)', PrivilegeTier.CONTROL_PLANE, true]);
    const [empty] = (await entraGraphOf(customRole(''), ['directoryRoles'])).directoryRoles;
    expect([empty.role.name, empty.role.tier]).toEqual(['custom role Helpdesk (no actions, counted as tier 0)', PrivilegeTier.CONTROL_PLANE]);
    expect(await ruleFindings(unlisted, 'AZA021')).toHaveLength(1);
  });

  test('actions that cannot be read (a variable, a dynamic block) count as tier 0, and say so', async () => {
    const dynamic = '  dynamic "permissions" {\n    for_each = var.sets\n    content {\n      allowed_resource_actions = permissions.value\n    }\n  }';
    for (const permissions of [block('var.actions'), block('["microsoft.directory/users/standard/read", local.more]'), dynamic]) {
      const hcl = customRole(permissions);
      const g = await entraGraphOf(hcl, ['directoryRoles', 'customDirectoryRoles']);
      expect(g.directoryRoles.map((d) => [d.role.name, d.role.tier, d.role.known]))
        .toEqual([['custom role Helpdesk (its actions cannot be read)', PrivilegeTier.CONTROL_PLANE, false]]);
      expect(g.customDirectoryRoles[0].actions).toBeUndefined();
      expect(await ruleFindings(hcl, 'AZA021')).toHaveLength(1);
    }
  });
});

describe('azuread_administrative_unit_role_member: a role scoped to one administrative unit', () => {
  const hcl = (unit: string) => `
resource "azuread_administrative_unit" "hr" {
  display_name = "HR"
}
resource "azuread_directory_role" "users" {
  display_name = "User Administrator"
}
resource "azuread_service_principal" "provisioner" {
  client_id = "dddddddd-0000-4000-8000-000000000004"
}
resource "azuread_administrative_unit_role_member" "hr_admin" {
  role_object_id                = azuread_directory_role.users.object_id
  member_object_id              = azuread_service_principal.provisioner.object_id
  administrative_unit_object_id = ${unit}
}
`;

  test('by reference, a literal ID or a variable: the unit, never the tenant', async () => {
    const cases: [string, string | undefined, string][] = [
      ['azuread_administrative_unit.hr.object_id', 'HR', 'administrative unit HR'],
      ['"aaaaaaaa-0000-4000-8000-000000000005"', undefined, 'administrative unit /administrativeUnits/aaaaaaaa-0000-4000-8000-000000000005'],
      ['var.unit', undefined, 'administrative unit /administrativeUnits/${var.unit}'],
    ];
    for (const [unit, name, shown] of cases) {
      const g = await entraGraphOf(hcl(unit), ['directoryRoles']);
      expect(g.directoryRoles.map((d) => [d.via, d.role.name, d.principal.kind, d.scope.level, d.scope.name])).toEqual([
        ['administrative-unit-role-member', 'User Administrator', 'application', ScopeLevel.RESOURCE_GROUP, name],
      ]);
      expect((await ruleFindings(hcl(unit), 'AZA022')).map((f) => f.message)).toEqual([
        `application azuread_service_principal.provisioner, a workload identity, holds the Entra role "User Administrator" standing as a member of the activated role at ${shown}.`,
      ]);
      expect(g.notReviewed).toEqual([]);
    }
  });

  test('a tier-1 role in a unit is no tier-0 finding', async () => {
    const readers = hcl('azuread_administrative_unit.hr.object_id').replace('User Administrator', 'Directory Readers');
    expect((await entraGraphOf(readers, ['directoryRoles'])).directoryRoles).toHaveLength(1);
    expect(await ruleFindings(readers, 'AZA021')).toEqual([]);
    expect(await ruleFindings(readers, 'AZA022')).toEqual([]);
  });
});
