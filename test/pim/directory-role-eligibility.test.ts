import { newStack, only, PLATFORM_GROUP, synth, USER } from './pim-test-support';
import { DirectoryRoleEligibility, DirectoryRoleEligibilityProps } from '../../src';
import { Principal } from '../../src/identity/principal';
import { BuiltInRole } from '../../src/roles/built-in-role.generated';
import { DirectoryRole } from '../../src/roles/directory-role.generated';
import { EntraRole } from '../../src/roles/entra-role';

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
