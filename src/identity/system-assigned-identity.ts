import type { ITerraformResource, TerraformResource } from 'cdktf';
import { enableSystemAssignedIdentity } from './identity-block';
import { IGrantable } from './principal';
import { grantOn } from '../grants/access-grant';
import { Access } from '../grants/access-intents.generated';
import { AppPermissionGrant } from '../grants/app-permission-grant';
import { AppPermissionGrantOptions } from '../grants/app-permission-options';
import { GrantOptions } from '../grants/grant-options';
import { RoleGrant } from '../grants/role-grant';
import { registerHosting } from '../model/principal-hosting';
import { PrincipalKind, PrincipalType } from '../model/principal-kind';
import { cdktf } from '../private/cdktf-runtime';
import { AppPermission } from '../roles/app-permission';
import { Role } from '../roles/role';
import { Scope } from '../scope/scope';

/**
 * The system-assigned managed identity of a resource in this stack: it lives and dies with the
 * resource. `SystemAssignedIdentity.enable(resource)` turns it on (keeping user-assigned
 * identities already attached) and returns it as a principal to grant roles to.
 */
export class SystemAssignedIdentity implements IGrantable {
  /**
   * Turns on the system-assigned identity of `resource` (a resource with an `identity` block)
   * and returns it, to grant roles to.
   */
  public static enable(resource: TerraformResource): SystemAssignedIdentity {
    enableSystemAssignedIdentity(resource);
    return new SystemAssignedIdentity(resource);
  }

  /** The resource whose identity this is. */
  public readonly resource: TerraformResource;
  /** `${<resource>.identity[0].principal_id}`: known after apply. */
  public readonly principalId: string;
  public readonly principalType = PrincipalType.SERVICE_PRINCIPAL;
  public readonly kind = PrincipalKind.MANAGED_IDENTITY;
  public readonly displayName: string;

  private constructor(resource: TerraformResource) {
    this.resource = resource;
    this.principalId = cdktf().Token.asString(resource.interpolationForAttribute('identity[0].principal_id'));
    this.displayName = `${resource.node.id} (system-assigned)`;
    registerHosting(this, { host: resource, createdInStack: true });
  }

  public grant(role: Role, scope: Scope, options: GrantOptions = {}): RoleGrant {
    return RoleGrant._create(this, role, scope, options);
  }

  /**
   * Grants this identity `access` on `resource` as the least-privileged built-in role for that job, scoped to the resource.
   *
   * `Access.SECRETS_READ` on a Key Vault is Key Vault Secrets User. A resource type the access
   * does not apply to is refused: the role would grant nothing there.
   */
  public grantOn(resource: ITerraformResource, access: Access, options: GrantOptions = {}): RoleGrant {
    return grantOn(this, resource, access, options);
  }

  /**
   * Grants this identity an application permission: Microsoft Graph's
   * (`GraphPermission.USER_READ_ALL`) or another API's (`AppPermission.forApi({...})`). A tier-0
   * permission needs `options.justification`, or synthesis fails.
   */
  public grantAppPermission(permission: AppPermission, options: AppPermissionGrantOptions = {}): AppPermissionGrant {
    return AppPermissionGrant._create(this, permission, options);
  }
}
