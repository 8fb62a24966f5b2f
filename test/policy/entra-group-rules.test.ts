import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { findingsOf, ruleFindings, USER } from './rule-fixtures';
import { evaluate } from '../../src/policy/evaluate';
import { AccessGraph } from '../../src/review/graph/access-graph';
import { readInputs, readJsonText } from '../../src/review/reader/read-inputs';
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

describe('AZA030: an Entra role for a group that is not role-assignable', () => {
  const opsGroup = (assignable?: string) => `
resource "azuread_group" "ops" {
  display_name     = "ops-admins"
  security_enabled = true
${assignable === undefined ? '' : `  assignable_to_role = ${assignable}\n`}}
`;
  // The four ways to give a directory role to the group: standing, as a role member, in an
  // administrative unit, and as an eligibility.
  const roles = (group: string) => `
resource "azuread_directory_role" "users" {
  display_name = "User Administrator"
}
resource "azuread_directory_role_assignment" "ga" {
  role_id             = "62e90394-69f5-4237-9190-012177145e10"
  principal_object_id = ${group}
}
resource "azuread_directory_role_member" "users" {
  role_object_id   = azuread_directory_role.users.object_id
  member_object_id = ${group}
}
resource "azuread_administrative_unit_role_member" "hr" {
  role_object_id                = azuread_directory_role.users.object_id
  member_object_id              = ${group}
  administrative_unit_object_id = "aaaaaaaa-0000-4000-8000-000000000005"
}
resource "azuread_directory_role_eligibility_schedule_request" "readers" {
  role_definition_id = "88d8e3e3-8f55-4a1e-953a-9b9898b8876b"
  principal_id       = ${group}
  directory_scope_id = "/"
  justification      = "on call"
}
`;
  const GROUP_REF = 'azuread_group.ops.object_id';

  test('fires on each way of giving the role, whether assignable_to_role is false or not set, naming the role, the group and where it is declared', async () => {
    for (const assignable of ['false', undefined]) {
      const findings = await ruleFindings(opsGroup(assignable) + roles(GROUP_REF), 'AZA030');
      expect(findings.map((f) => [f.address, f.severity])).toEqual([
        ['azuread_administrative_unit_role_member.hr', 'error'],
        ['azuread_directory_role_assignment.ga', 'error'],
        ['azuread_directory_role_eligibility_schedule_request.readers', 'error'],
        ['azuread_directory_role_member.users', 'error'],
      ]);
      expect(findings.find((f) => f.address === 'azuread_directory_role_assignment.ga')!.message).toBe(
        'The Entra role "Global Administrator" is given to group ops-admins, which is not role-assignable (azuread_group.ops: assignable_to_role false or not set, '
          + 'where Entra needs true): Entra refuses it at apply with "Groups without IsAssignableToRole property set cannot be assigned to roles (Request_BadRequest)".',
      );
      expect(findings.find((f) => f.address === 'azuread_directory_role_eligibility_schedule_request.readers')!.message).toMatch(
        /^Eligibility for the Entra role "Directory Readers" is given to group ops-admins, which is not role-assignable/,
      );
      expect(findings[0].fix).toMatch(/assignable_to_role = true/);
    }
  });

  test('a group referred to by .id is the same group', async () => {
    expect((await ruleFindings(opsGroup() + roles('azuread_group.ops.id'), 'AZA030')).map((f) => f.address)).toHaveLength(4);
  });

  test('an instance of a counted group, read as the command reads it (count expanded)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aza030-'));
    writeFileSync(path.join(dir, 'main.tf'), opsGroup().replace('resource "azuread_group" "ops" {', 'resource "azuread_group" "ops" {\n  count = 2') + roles('azuread_group.ops[1].object_id'));
    const sources = await readInputs([dir], { env: {} });
    const graph = AccessGraph.fromDocuments(sources.map((d) => ({ file: d.file, document: d.document })));
    expect(graph.directoryObjects.map((o) => o.origin.address)).toEqual(['azuread_group.ops[0]', 'azuread_group.ops[1]']);
    const findings = evaluate(graph, { today: '2026-11-27' }).findings.filter((f) => f.ruleId === 'AZA030');
    expect(findings.map((f) => f.message.match(/\((azuread_group\.ops\[\d\])/)?.[1])).toEqual(['azuread_group.ops[1]', 'azuread_group.ops[1]', 'azuread_group.ops[1]', 'azuread_group.ops[1]']);
  });

  test('in a plan, a role for a group that exists already names it by object ID: it is the declared group', async () => {
    const GROUP_ID = '0b5e6a3c-1111-4222-8333-944445555666';
    const resource = (type: string, name: string, values: Record<string, unknown>) =>
      ({ address: `${type}.${name}`, mode: 'managed', type, name, provider_name: 'registry.terraform.io/hashicorp/azuread', values });
    const plan = {
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [
            resource('azuread_group', 'ops', { display_name: 'ops-admins', security_enabled: true, assignable_to_role: false, object_id: GROUP_ID.toUpperCase() }),
            resource('azuread_directory_role_assignment', 'ga', { role_id: '62e90394-69f5-4237-9190-012177145e10', principal_object_id: GROUP_ID }),
          ],
        },
      },
    };
    const findings = findingsOf(readJsonText('plan.json', JSON.stringify(plan))[0].document).filter((f) => f.ruleId === 'AZA030');
    expect(findings.map((f) => [f.address, f.message])).toEqual([[
      'azuread_directory_role_assignment.ga',
      'The Entra role "Global Administrator" is given to group ops-admins, which is not role-assignable (azuread_group.ops: '
        + 'assignable_to_role false or not set, where Entra needs true): Entra refuses it at apply with "Groups without IsAssignableToRole property set cannot be '
        + 'assigned to roles (Request_BadRequest)".',
    ]]);
  });

  test('PIM for Groups needs no role-assignable group: an eligible member of the same group is not reported', async () => {
    const pimForGroups = `${opsGroup('false')}
resource "azuread_privileged_access_group_eligibility_schedule" "alice" {
  group_id        = ${GROUP_REF}
  principal_id    = ${GROUP_REF}
  assignment_type = "member"
  duration        = "P180D"
}
`;
    expect((await entraGraphOf(pimForGroups, ['eligibilities'])).eligibilities.map((e) => e.kind)).toEqual(['pim-group']);
    expect(await ruleFindings(pimForGroups, 'AZA030')).toEqual([]);
  });

  test('stays quiet for a role-assignable group, one whose flag cannot be read, and groups the configuration does not declare', async () => {
    const quiet: [string, string][] = [
      [opsGroup('true') + roles(GROUP_REF), 'assignable_to_role = true'],
      [opsGroup('var.assignable') + roles(GROUP_REF), 'a variable: it may be true'],
      [roles('"cccccccc-0000-4000-8000-000000000001"'), 'a group by object ID, declared elsewhere'],
      ['data "azuread_group" "ops" {\n  display_name = "ops-admins"\n}\n' + roles('data.azuread_group.ops.object_id'), 'a group looked up: it may be role-assignable'],
    ];
    for (const [hcl, why] of quiet) {
      // The roles are read in every case: the rule is quiet about them, not blind to them.
      const graph = await entraGraphOf(hcl, ['directoryRoles', 'eligibilities']);
      expect([why, graph.directoryRoles.length, graph.eligibilities.length]).toEqual([why, 3, 1]);
      expect([why, await ruleFindings(hcl, 'AZA030')]).toEqual([why, []]);
    }
  });
});
