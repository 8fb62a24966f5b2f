import type { IConstruct } from 'constructs';
import type { IPrincipal } from '../model/principal';
import { grantHostOf } from '../model/principal-hosting';
import { NOT_ROLE_ASSIGNABLE_ERROR } from '../model/role-assignable-group';

/** An `azuread_group` resource, as cdktf's Group class shapes it. */
interface DeclaredGroup extends IConstruct {
  readonly terraformResourceType: string;
  toTerraform(): { resource?: Record<string, Record<string, Record<string, unknown>>> };
}

/** The group resource behind a principal; a looked-up group (the data source, same type name) has no `assignableToRoleInput`. */
function declaredGroupOf(principal: IPrincipal): DeclaredGroup | undefined {
  const host = grantHostOf(principal) as Partial<DeclaredGroup> | undefined;
  return host !== undefined && host.terraformResourceType === 'azuread_group' && 'assignableToRoleInput' in host ? (host as DeclaredGroup) : undefined;
}

/** `assignable_to_role` as the group will be written, escape-hatch overrides included. */
function writtenAssignable(group: DeclaredGroup): unknown {
  const [body] = Object.values(group.toTerraform().resource?.azuread_group ?? {});
  return body?.assignable_to_role;
}

/**
 * Fails synthesis when a directory role goes to an `azuread_group` resource that is not
 * role-assignable: Entra refuses it at apply. Checked at synth, not at construction, because
 * `assignableToRole` can be set on the group afterwards. A token counts as true (it may be), and
 * a group given by object ID or looked up may be role-assignable: neither is refused.
 */
export function checkRoleAssignableAtSynth(construct: IConstruct, principal: IPrincipal, what: string): void {
  const group = declaredGroupOf(principal);
  if (group === undefined) return;
  construct.node.addValidation({
    validate: () => {
      const value = writtenAssignable(group);
      if (value !== undefined && value !== false) return [];
      return [
        `${what} ${principal.displayName} (${group.node.path}) is an azuread_group with assignableToRole ${value === undefined ? 'not set' : 'false'}, ` +
          `and Entra refuses a directory role for it at apply: "${NOT_ROLE_ASSIGNABLE_ERROR}". Accepted: a group made with assignableToRole: true ` +
          '(Entra cannot change it on an existing group, so Terraform replaces the group), a role-assignable group given by object ID, or a user.',
      ];
    },
  });
}
