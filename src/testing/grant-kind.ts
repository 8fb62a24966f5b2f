/** How a principal holds access, as `GrantInventory` lists it. */
export enum GrantKind {
  /** A standing Azure role assignment (`azurerm_role_assignment`). */
  ROLE_ASSIGNMENT = 'role-assignment',
  /** A time-bound active PIM assignment of an Azure role (`azurerm_pim_active_role_assignment`). */
  ACTIVE_ASSIGNMENT = 'active-assignment',
  /** PIM eligibility for an Azure role (`azurerm_pim_eligible_role_assignment`). */
  ELIGIBLE_ASSIGNMENT = 'eligible-assignment',
  /** PIM eligibility for an Entra directory role (`azuread_directory_role_eligibility_schedule_request`). */
  DIRECTORY_ROLE_ELIGIBILITY = 'directory-role-eligibility',
  /** PIM for Groups eligibility: membership or ownership of a group (`azuread_privileged_access_group_eligibility_schedule`). */
  GROUP_ELIGIBILITY = 'group-eligibility',
}
