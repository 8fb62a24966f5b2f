import type { ITerraformResource } from 'cdktf';
import type { IConstruct } from 'constructs';
import { Access, ACCESS_INTENTS } from './access-intents.generated';
import { GrantOptions } from './grant-options';
import { RoleGrant } from './role-grant';
import type { IPrincipal } from '../model/principal';
import { BuiltInRole } from '../roles/built-in-role.generated';
import { Role } from '../roles/role';
import { Scope } from '../scope/scope';

/**
 * `principal.grantOn(resource, access)`: the role of `access` from the table
 * (data/access-intents.json), granted at the resource. A resource type the row does not list is
 * refused: Azure would accept the assignment, and the role would grant nothing there (AZA018).
 */
export function grantOn(principal: IPrincipal, resource: ITerraformResource, access: Access, options: GrantOptions = {}): RoleGrant {
  return RoleGrant._create(principal, roleForAccess(resource, access), Scope.of(resource), options);
}

/** The built-in role `access` is granted as on `resource`, or an error that says why there is none. */
export function roleForAccess(resource: ITerraformResource, access: Access): Role {
  const path = (resource as Partial<IConstruct> | undefined)?.node?.path ?? String(resource);
  const intent = ACCESS_INTENTS.get(access);
  if (intent === undefined) {
    // From JavaScript any value can arrive here.
    throw new Error(
      `${path}: grantOn(${JSON.stringify(access)}): not an Access; accepted: ${[...ACCESS_INTENTS.keys()].map((a) => `Access.${a}`).join(', ')}.`,
    );
  }
  const type = (resource as Partial<ITerraformResource> | undefined)?.terraformResourceType;
  if (typeof type !== 'string' || !intent.resourceTypes.includes(type)) {
    throw new Error(
      `${path}: grantOn(Access.${access}) on ${typeof type === 'string' ? type : 'something that is no Terraform resource'}: ` +
        `Access.${access} applies to ${intent.resourceTypes.join(', ')} only. ` +
        `Its role, "${intent.roleName}", granted there would be accepted by Azure and grant nothing (rule AZA018: a data-plane role on a resource of another provider). ` +
        'Grant it on a resource of an accepted type, or grant the role this resource needs with grant(role, Scope.of(resource)).',
    );
  }
  return BuiltInRole.fromId(intent.roleId);
}
