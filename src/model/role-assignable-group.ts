/**
 * Entra gives a directory role to a group only when the group was made role-assignable
 * (`isAssignableToRole`, `assignable_to_role` in azuread), which cannot be changed afterwards.
 * The construct that would synthesize such an assignment and the review rule that finds one in
 * any Terraform (AZA030) both name the error Entra answers with, from here.
 */
export const NOT_ROLE_ASSIGNABLE_ERROR = 'Groups without IsAssignableToRole property set cannot be assigned to roles (Request_BadRequest)';
