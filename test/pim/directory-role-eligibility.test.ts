import { DataAzureadGroup } from '@cdktf/provider-azuread/lib/data-azuread-group';
import { Group } from '@cdktf/provider-azuread/lib/group';
import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { TerraformVariable } from 'cdktf';
import { newStack, only, PLATFORM_GROUP, synth, USER } from './pim-test-support';
import { DirectoryRoleEligibility, DirectoryRoleEligibilityProps } from '../../src';
import { Principal } from '../../src/identity/principal';
import { BuiltInRole } from '../../src/roles/built-in-role.generated';
import { DirectoryRole } from '../../src/roles/directory-role.generated';
import { EntraRole } from '../../src/roles/entra-role';
import { findingsOf } from '../policy/rule-fixtures';

const TYPE = 'azuread_directory_role_eligibility_schedule_request';

describe('DirectoryRoleEligibility', () => {
  test('synthesizes an eligibility by template ID, tenant-wide by default', () => {
    const { stack } = newStack();
    const eligibility = new DirectoryRoleEligibility(stack, 'AppAdmin', {
      principal: Principal.user(USER, 'jdoe'),
      role: DirectoryRole.APPLICATION_ADMINISTRATOR,
      justification: 'Owns the app registrations',
    });
    const json = synth(stack);
    expect(json).toMatchSnapshot();
    const resource = only(json, TYPE);
    expect(resource.role_definition_id).toBe('9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3');
    expect(resource.directory_scope_id).toBe('/');
    expect(resource.principal_id).toBe(USER);
    // The provider has no schedule argument: nothing in the JSON can make it expire.
    expect(resource).not.toHaveProperty('schedule');
    expect(eligibility.isPermanent).toBe(true);
  });

  test('accepts an administrative unit scope', () => {
    const { stack } = newStack();
    new DirectoryRoleEligibility(stack, 'E', {
      principal: Principal.group(PLATFORM_GROUP),
      role: DirectoryRole.GLOBAL_ADMINISTRATOR,
      justification: 'Break-glass',
      directoryScopeId: `/administrativeUnits/${PLATFORM_GROUP}`,
    });
    expect(only(synth(stack), TYPE).directory_scope_id).toBe(`/administrativeUnits/${PLATFORM_GROUP}`);
  });

  test.each([
    ['an Azure resource role', { role: BuiltInRole.OWNER as unknown as EntraRole }, /pim\/Bad: role is not a directory role\. Accepted: an EntraRole such as DirectoryRole\.GLOBAL_ADMINISTRATOR/],
    ['a workload', { principal: Principal.servicePrincipal(USER, 'ci') }, /pim\/Bad: principal ci is of kind "application"; PIM is for people\. Accepted: a user \(human\) or a group \(group\)/],
    ['a malformed directory scope', { directoryScopeId: '/subscriptions/x' }, /pim\/Bad: directoryScopeId "\/subscriptions\/x" is not accepted\. Accepted: "\/" \(tenant\), "\/administrativeUnits\/<object-id>"/],
    ['an empty justification', { justification: '' }, /pim\/Bad: justification "" is empty\. Accepted: a non-empty reason/],
  ])('refuses %s', (_name, overrides, message) => {
    const { stack } = newStack();
    expect(
      () =>
        new DirectoryRoleEligibility(stack, 'Bad', {
          principal: Principal.user(USER),
          role: DirectoryRole.APPLICATION_ADMINISTRATOR,
          justification: 'ok',
          ...(overrides as Partial<DirectoryRoleEligibilityProps>),
        }),
    ).toThrow(message);
  });
});

describe('DirectoryRoleEligibility for a group of the stack: Entra gives directory roles only to role-assignable groups', () => {
  function azureadStack() {
    const { app, stack } = newStack();
    new AzureadProvider(stack, 'azuread', {});
    return { app, stack };
  }

  function eligibleGroup(assignableToRole?: boolean) {
    const { app, stack } = azureadStack();
    const group = new Group(stack, 'Ops', { displayName: 'ops-admins', securityEnabled: true, ...(assignableToRole === undefined ? {} : { assignableToRole }) });
    new DirectoryRoleEligibility(stack, 'OpsGa', { principal: Principal.fromAzureadObject(group), role: DirectoryRole.GLOBAL_ADMINISTRATOR, justification: 'on call' });
    return { app, stack, group };
  }

  test.each([
    ['not set', undefined],
    ['false', false],
  ])('assignableToRole %s fails synthesis with the path, the value, what is accepted and the error Entra would answer', (shown, assignable) => {
    const { app } = eligibleGroup(assignable);
    expect(() => app.synth()).toThrow(
      `[pim/OpsGa] principal Ops (pim/Ops) is an azuread_group with assignableToRole ${shown}, and Entra refuses a directory role for it at apply: `
        + '"Groups without IsAssignableToRole property set cannot be assigned to roles (Request_BadRequest)". Accepted: a group made with assignableToRole: true',
    );
  });

  test('the review finds the same configuration in the JSON: AZA030 names the group and the eligibility', () => {
    // Testing.synth runs no validation: this is the JSON the construct refuses to write.
    const findings = findingsOf(synth(eligibleGroup().stack)).filter((f) => f.ruleId === 'AZA030');
    expect(findings.map((f) => f.message)).toEqual([
      'Eligibility for the Entra role "Global Administrator" is given to group ops-admins, which is not role-assignable (azuread_group.Ops: '
        + 'assignable_to_role false or not set, where Entra needs true): Entra refuses it at apply with "Groups without IsAssignableToRole property set '
        + 'cannot be assigned to roles (Request_BadRequest)".',
    ]);
  });

  test('a role-assignable group synthesizes, also when assignableToRole is set after the eligibility', () => {
    for (const late of [false, true]) {
      const { app, stack, group } = eligibleGroup(late ? undefined : true);
      if (late) group.assignableToRole = true;
      expect(() => app.synth()).not.toThrow();
      const json = synth(stack);
      expect(only(json, TYPE).principal_id).toBe('${azuread_group.Ops.object_id}');
      expect(only(json, 'azuread_group').assignable_to_role).toBe(true);
      expect(findingsOf(json).filter((f) => f.ruleId === 'AZA030')).toEqual([]);
    }
  });

  test('the value the JSON will hold decides: an escape-hatch override either way, and a token, which may be true', () => {
    const overridden = (initial: boolean | undefined, override: boolean) => {
      const { app, group } = eligibleGroup(initial);
      group.addOverride('assignable_to_role', override);
      return app;
    };
    expect(() => overridden(undefined, true).synth()).not.toThrow();
    expect(() => overridden(true, false).synth()).toThrow('[pim/OpsGa] principal Ops (pim/Ops) is an azuread_group with assignableToRole false');
    const { app, stack, group } = eligibleGroup();
    group.assignableToRole = new TerraformVariable(stack, 'assignable', { type: 'bool' }).booleanValue;
    expect(() => app.synth()).not.toThrow();
    expect(only(synth(stack), 'azuread_group').assignable_to_role).toBe('${var.assignable}');
  });

  test('a group looked up, or given by object ID, may be role-assignable: neither is refused', () => {
    const { app, stack } = azureadStack();
    const looked = new DataAzureadGroup(stack, 'Looked', { displayName: 'ops-admins', securityEnabled: true });
    new DirectoryRoleEligibility(stack, 'ByLookup', { principal: Principal.fromAzureadObject(looked), role: DirectoryRole.GLOBAL_ADMINISTRATOR, justification: 'on call' });
    new DirectoryRoleEligibility(stack, 'ById', { principal: Principal.group(PLATFORM_GROUP), role: DirectoryRole.GLOBAL_ADMINISTRATOR, justification: 'on call' });
    expect(() => app.synth()).not.toThrow();
    expect(Object.values(synth(stack).resource[TYPE]).map((r) => (r as { principal_id: string }).principal_id)).toEqual([PLATFORM_GROUP, '${data.azuread_group.Looked.object_id}']);
  });
});
