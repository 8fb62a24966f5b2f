import { GraphPermissionRecord } from './graph-permission-record';
import { MICROSOFT_GRAPH_APP_ID } from './microsoft-graph';
import { PrivilegeTier, tierOfLevel } from './privilege-tier';
import { isGuid } from '../model/guid';
import { isUnresolved } from '../private/cdktf-runtime';

/** An application permission (app role) of an API other than Microsoft Graph. */
export interface ApiPermissionProps {
  /**
   * The object ID of the API's service principal in this tenant (a GUID, or a token such as
   * `${data.azuread_service_principal.api.object_id}`): what `resource_object_id` names.
   */
  readonly resourceObjectId: string;
  /** The ID of the app role on that API (a GUID or a token). */
  readonly appRoleId: string;
  /**
   * The permission's name (the app role's `value`, e.g. `Orders.Read`), for reports and messages.
   * @default - the app role ID
   */
  readonly name?: string;
  /**
   * What holding the permission allows, as an Enterprise Access Model tier. Nobody classified
   * another API's roles for this library, so unknown counts as the widest.
   * @default PrivilegeTier.CONTROL_PLANE
   */
  readonly tier?: PrivilegeTier;
}

/**
 * An application permission: an app role of an API (Microsoft Graph's `User.Read.All`, or one
 * of your own APIs) that a workload's service principal is assigned, with the privilege tier
 * holding it gives. See `GraphPermission` for Microsoft Graph's.
 */
export class AppPermission {
  /** An app role of another API, by the object ID of its service principal and the role's ID. */
  public static forApi(props: ApiPermissionProps): AppPermission {
    for (const [argument, value] of [['resourceObjectId', props.resourceObjectId], ['appRoleId', props.appRoleId]] as const) {
      if (!isUnresolved(value) && !isGuid(value)) {
        throw new Error(
          `AppPermission.forApi: ${argument} "${value}" is not a GUID. Accepted: ${argument === 'appRoleId' ? 'the app role\'s ID (appRoles[].id in the API\'s manifest)' : 'the object ID of the API\'s service principal in this tenant (not its client ID)'}, or a token.`,
        );
      }
    }
    const name = props.name?.trim();
    if (props.name !== undefined && !name) throw new Error('AppPermission.forApi: name is empty; leave it out to use the app role ID.');
    const lower = (value: string) => (isUnresolved(value) ? value : value.toLowerCase());
    return new AppPermission({
      appRoleId: lower(props.appRoleId),
      name: name ?? props.appRoleId,
      category: '',
      tier: props.tier ?? PrivilegeTier.CONTROL_PLANE,
      resourceObjectId: lower(props.resourceObjectId),
    });
  }

  /** @internal */
  public static _fromGraphRecord(record: GraphPermissionRecord): AppPermission {
    return new AppPermission({
      appRoleId: record.appRoleId,
      name: record.name,
      category: record.category,
      tier: tierOfLevel(record.tier),
      resourceAppId: MICROSOFT_GRAPH_APP_ID,
    });
  }

  /** The permission's name, e.g. `User.Read.All`. */
  public readonly name: string;
  /** The app role's ID: what `azuread_app_role_assignment.app_role_id` carries. */
  public readonly appRoleId: string;
  /** The Enterprise Access Model tier: CONTROL_PLANE (tier 0) can take over the tenant. */
  public readonly tier: PrivilegeTier;
  /** The entraops category, e.g. "Tenant Configuration (Reader)"; empty for another API's role. */
  public readonly category: string;
  /**
   * The client (application) ID of the API that defines the role, when the service principal is
   * to be looked up by it (Microsoft Graph's: 00000003-0000-0000-c000-000000000000).
   */
  public readonly resourceAppId?: string;
  /** The object ID of the API's service principal, when it was given (`AppPermission.forApi`). */
  public readonly resourceObjectId?: string;

  private constructor(fields: {
    appRoleId: string;
    name: string;
    category: string;
    tier: PrivilegeTier;
    resourceAppId?: string;
    resourceObjectId?: string;
  }) {
    this.appRoleId = fields.appRoleId;
    this.name = fields.name;
    this.category = fields.category;
    this.tier = fields.tier;
    this.resourceAppId = fields.resourceAppId;
    this.resourceObjectId = fields.resourceObjectId;
  }

  /** Whether the permission is one of Microsoft Graph's. */
  public get isMicrosoftGraph(): boolean {
    return this.resourceAppId === MICROSOFT_GRAPH_APP_ID;
  }

  /** The permission's name and app role ID, as messages show it. */
  public toString(): string {
    return `${this.isMicrosoftGraph ? 'Microsoft Graph ' : ''}${this.name} (${this.appRoleId})`;
  }
}
