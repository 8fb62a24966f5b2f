import type { ITerraformResource } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { grantOn } from '../grants/access-grant';
import { Access } from '../grants/access-intents.generated';
import { AppPermissionGrant } from '../grants/app-permission-grant';
import { AppPermissionGrantOptions } from '../grants/app-permission-options';
import { GrantOptions } from '../grants/grant-options';
import { RoleGrant } from '../grants/role-grant';
import { isGuid, NIL_GUID } from '../model/guid';
import { IPrincipal } from '../model/principal';
import { registerHosting } from '../model/principal-hosting';
import { PrincipalKind, PrincipalType, principalTypeOf } from '../model/principal-kind';
import { azureadPrincipalTypes, principalFactsOf } from '../model/terraform-types';
import { refuseToken } from '../model/token';
import { cdktf, isUnresolved } from '../private/cdktf-runtime';
import { azuread } from '../private/providers';
import { AppPermission } from '../roles/app-permission';
import { Role } from '../roles/role';
import { Scope } from '../scope/scope';


/** A principal that can be granted a role directly: `identity.grant(role, scope)`. */
export interface IGrantable extends IPrincipal {
  /**
   * Grants `role` at `scope` to this principal.
   *
   * A wide scope (a subscription or wider, or one that cannot be read) needs `options.justification`:
   * rule AZA001 reports it otherwise, as an error unless the AccessGuard is set to allow it.
   */
  grant(role: Role, scope: Scope, options?: GrantOptions): RoleGrant;

  /**
   * Grants this principal `access` on `resource` as the least-privileged built-in role for that job, scoped to the resource.
   *
   * `Access.SECRETS_READ` on a Key Vault is Key Vault Secrets User. A resource type the access
   * does not apply to is refused: the role would grant nothing there.
   */
  grantOn(resource: ITerraformResource, access: Access, options?: GrantOptions): RoleGrant;
}

/** How a principal is described to `Principal.fromObjectId`. */
export interface PrincipalProps {
  /** The Entra object ID (a GUID or a token). */
  readonly objectId: string;
  /** Human, group, application or managed identity: the rules judge each kind differently. */
  readonly kind: PrincipalKind;
  /**
   * The name reports and errors call the principal by.
   * @default - the object ID
   */
  readonly displayName?: string;
}

/** Options of the lookups that synthesize an azuread data source. */
export interface PrincipalLookupOptions {
  /**
   * The construct ID of the data source, needed when the looked-up value is a token.
   * @default - derived from the looked-up value
   */
  readonly id?: string;
}

/**
 * Principals that exist outside this library's constructs: people, groups and applications by
 * object ID, from azuread resources and data sources, or looked up by name.
 */
export class Principal implements IGrantable {
  /** A user by Entra object ID. */
  public static user(objectId: string, displayName?: string): Principal {
    return Principal.fromObjectId({ objectId, kind: PrincipalKind.HUMAN, displayName });
  }

  /** A security group by Entra object ID. */
  public static group(objectId: string, displayName?: string): Principal {
    return Principal.fromObjectId({ objectId, kind: PrincipalKind.GROUP, displayName });
  }

  /** An application's service principal by its object ID (not the client/app ID). */
  public static servicePrincipal(objectId: string, displayName?: string): Principal {
    return Principal.fromObjectId({ objectId, kind: PrincipalKind.APPLICATION, displayName });
  }

  /**
   * A managed identity that exists outside this stack, by the object (principal) ID of its
   * service principal. Its grants do not skip the Entra check: it has had time to replicate.
   */
  public static existingManagedIdentity(principalId: string, displayName?: string): Principal {
    return Principal.fromObjectId({ objectId: principalId, kind: PrincipalKind.MANAGED_IDENTITY, displayName });
  }

  /** A principal of any kind by object ID. */
  public static fromObjectId(props: PrincipalProps): Principal {
    if (!isUnresolved(props.objectId) && !isGuid(props.objectId)) {
      throw new Error(
        `"${props.objectId}" is not an Entra object ID: expected a GUID such as aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb ` +
          '(the object ID, not a user principal name, display name or application/client ID; use Principal.userByPrincipalName(), ' +
          'groupByDisplayName() or servicePrincipalByClientId() to look those up).',
      );
    }
    if (props.objectId === NIL_GUID) {
      throw new Error(
        `"${props.objectId}" is the nil GUID, which names no principal: a placeholder left in? Azure refuses a role assignment to it ` +
          '(PrincipalNotFound). Accepted: the object ID of a real user, group, service principal or managed identity.',
      );
    }
    const objectId = isUnresolved(props.objectId) ? props.objectId : props.objectId.toLowerCase();
    return new Principal(objectId, props.kind, props.displayName ?? objectId);
  }

  /**
   * The principal behind an `azuread_user`, `azuread_group` or `azuread_service_principal`
   * resource or data source of this stack (its `object_id`).
   */
  public static fromAzureadObject(resource: ITerraformResource): Principal {
    const type = (resource as Partial<ITerraformResource> | undefined)?.terraformResourceType ?? String(resource);
    const facts = type.startsWith('azuread_') ? principalFactsOf(type) : undefined;
    const host = resource as unknown as IConstruct;
    if (facts === undefined) {
      throw new Error(
        `${host.node?.path ?? resource.terraformResourceType}: a ${resource.terraformResourceType} is not a principal. ` +
          `Accepted: ${azureadPrincipalTypes().join(', ')} (resources or data sources).`,
      );
    }
    const objectId = cdktf().Token.asString(resource.interpolationForAttribute(facts.objectIdAttributes[0]));
    return new Principal(objectId, facts.kind, host.node?.id ?? type, host);
  }

  /** Looks a user up by user principal name (`azuread_user` data source). */
  public static userByPrincipalName(scope: Construct, userPrincipalName: string, options: PrincipalLookupOptions = {}): Principal {
    const { DataAzureadUser } = azuread.dataUser();
    const id = options.id ?? lookupId(scope, 'Principal.userByPrincipalName(userPrincipalName)', 'User', userPrincipalName);
    const data = new DataAzureadUser(scope, id, { userPrincipalName });
    return new Principal(data.objectId, PrincipalKind.HUMAN, userPrincipalName, data);
  }

  /** Looks a security group up by display name (`azuread_group` data source). */
  public static groupByDisplayName(scope: Construct, displayName: string, options: PrincipalLookupOptions = {}): Principal {
    const { DataAzureadGroup } = azuread.dataGroup();
    const id = options.id ?? lookupId(scope, 'Principal.groupByDisplayName(displayName)', 'Group', displayName);
    const data = new DataAzureadGroup(scope, id, { displayName, securityEnabled: true });
    return new Principal(data.objectId, PrincipalKind.GROUP, displayName, data);
  }

  /** Looks an application's service principal up by client (application) ID. */
  public static servicePrincipalByClientId(scope: Construct, clientId: string, options: PrincipalLookupOptions = {}): Principal {
    const { DataAzureadServicePrincipal } = azuread.dataServicePrincipal();
    const id = options.id ?? lookupId(scope, 'Principal.servicePrincipalByClientId(clientId)', 'ServicePrincipal', clientId);
    // An application permission grant may have looked the same API up already (Microsoft Graph,
    // once per stack): share that lookup rather than fail on a second construct of the same ID.
    const existing = scope.node.tryFindChild(id);
    const data = existing instanceof DataAzureadServicePrincipal && existing.clientIdInput === clientId
      ? existing
      : new DataAzureadServicePrincipal(scope, id, { clientId });
    return new Principal(data.objectId, PrincipalKind.APPLICATION, clientId, data);
  }

  public readonly principalId: string;
  public readonly principalType: PrincipalType;
  public readonly kind: PrincipalKind;
  public readonly displayName: string;

  private constructor(principalId: string, kind: PrincipalKind, displayName: string, host?: IConstruct) {
    this.principalId = principalId;
    this.kind = kind;
    this.principalType = principalTypeOf(kind);
    this.displayName = displayName;
    registerHosting(this, { host, createdInStack: false });
  }

  public grant(role: Role, scope: Scope, options: GrantOptions = {}): RoleGrant {
    return RoleGrant._create(this, role, scope, options);
  }

  /**
   * Grants this principal `access` on `resource` as the least-privileged built-in role for that job, scoped to the resource.
   *
   * `Access.SECRETS_READ` on a Key Vault is Key Vault Secrets User. A resource type the access
   * does not apply to is refused: the role would grant nothing there.
   */
  public grantOn(resource: ITerraformResource, access: Access, options: GrantOptions = {}): RoleGrant {
    return grantOn(this, resource, access, options);
  }

  /**
   * Grants this service principal an application permission (Microsoft Graph's, or another
   * API's). The principal must belong to a stack: one looked up there (servicePrincipalByClientId)
   * or made from an azuread object; for one given by object ID use `new AppPermissionGrant(stack, ...)`.
   * A tier-0 permission needs `options.justification`, or synthesis fails.
   */
  public grantAppPermission(permission: AppPermission, options: AppPermissionGrantOptions = {}): AppPermissionGrant {
    return AppPermissionGrant._create(this, permission, options);
  }

  public toString(): string {
    return `${this.kind} ${this.displayName}`;
  }
}

/**
 * `Group-platform-admins` from a looked-up name: letters, digits, `-` and `_` only. A token has no
 * text to name the data source by (its placeholder would become the Terraform address), so it
 * needs `options.id`.
 */
function lookupId(scope: Construct, call: string, prefix: string, value: string): string {
  refuseToken(`${scope.node.path}: ${call}`, value, 'string', 'the name written in the code, or options.id to name the lookup when the value is a token');
  return `${prefix}-${value.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '')}`;
}
