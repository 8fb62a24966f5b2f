/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * The provider classes of the PIM constructs, loaded on first use by deep path. A deep import
 * costs ~0.1 s and the package root ~2 s; an app that never declares an eligibility or a policy
 * never loads them, and neither does the command line.
 */
import type * as DirectoryRoleEligibilityScheduleRequestModule from '@cdktf/provider-azuread/lib/directory-role-eligibility-schedule-request';
import type * as GroupRoleManagementPolicyModule from '@cdktf/provider-azuread/lib/group-role-management-policy';
import type * as PrivilegedAccessGroupEligibilityScheduleModule from '@cdktf/provider-azuread/lib/privileged-access-group-eligibility-schedule';
import type * as PimActiveRoleAssignmentModule from '@cdktf/provider-azurerm/lib/pim-active-role-assignment';
import type * as PimEligibleRoleAssignmentModule from '@cdktf/provider-azurerm/lib/pim-eligible-role-assignment';
import type * as RoleManagementPolicyModule from '@cdktf/provider-azurerm/lib/role-management-policy';

function lazy<T>(load: () => T): () => T {
  let module: T | undefined;
  return () => (module ??= load());
}

export const azurermPim = {
  eligibleRoleAssignment: lazy(
    () => require('@cdktf/provider-azurerm/lib/pim-eligible-role-assignment') as typeof PimEligibleRoleAssignmentModule,
  ),
  activeRoleAssignment: lazy(
    () => require('@cdktf/provider-azurerm/lib/pim-active-role-assignment') as typeof PimActiveRoleAssignmentModule,
  ),
  roleManagementPolicy: lazy(() => require('@cdktf/provider-azurerm/lib/role-management-policy') as typeof RoleManagementPolicyModule),
};

export const azureadPim = {
  directoryRoleEligibilityScheduleRequest: lazy(
    () =>
      require('@cdktf/provider-azuread/lib/directory-role-eligibility-schedule-request') as typeof DirectoryRoleEligibilityScheduleRequestModule,
  ),
  privilegedAccessGroupEligibilitySchedule: lazy(
    () =>
      require('@cdktf/provider-azuread/lib/privileged-access-group-eligibility-schedule') as typeof PrivilegedAccessGroupEligibilityScheduleModule,
  ),
  groupRoleManagementPolicy: lazy(() => require('@cdktf/provider-azuread/lib/group-role-management-policy') as typeof GroupRoleManagementPolicyModule),
};
