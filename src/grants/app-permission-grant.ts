/* eslint-disable @typescript-eslint/no-require-imports */
import type * as AppRoleAssignmentModule from '@cdktf/provider-azuread/lib/app-role-assignment';
import { Construct } from 'constructs';
import { apiServicePrincipalObjectId } from './api-service-principal';
import { checkTierZeroAtSynth } from './app-permission-check';
import { AppPermissionGrantOptions } from './app-permission-options';
import { describeHolder, describePrincipalName } from './describe';
import type { IPrincipal } from '../model/principal';
import { grantHostOf } from '../model/principal-hosting';
import { PrincipalKind } from '../model/principal-kind';
import { recordJustification, recordPrincipal } from '../private/record-metadata';
import { AppPermission } from '../roles/app-permission';

/** Properties of an application permission grant. */
export interface AppPermissionGrantProps extends AppPermissionGrantOptions {
  /** Who receives the permission: a managed identity or an application's service principal. */
  readonly principal: IPrincipal;
  /** The permission, e.g. `GraphPermission.USER_READ_ALL` or `AppPermission.forApi({...})`. */
  readonly permission: AppPermission;
}

let appRoleAssignmentModule: typeof AppRoleAssignmentModule | undefined;

/** Loaded on first use by deep path, as src/private/providers.ts does for the other provider classes. */
function appRoleAssignment(): typeof AppRoleAssignmentModule {
  appRoleAssignmentModule ??= require('@cdktf/provider-azuread/lib/app-role-assignment') as typeof AppRoleAssignmentModule;
  return appRoleAssignmentModule;
}

/**
 * An application permission granted to a workload (`azuread_app_role_assignment`): the app role
 * of Microsoft Graph (looked up once per stack by Graph's client ID) or of another API, assigned
 * to the workload's service principal. A tier-0 permission needs a written justification, or
 * synthesis fails.
 */
export class AppPermissionGrant extends Construct {
  /**
   * Grants a permission to a principal, placing the grant under the principal's construct.
   * @internal
   */
  public static _create(principal: IPrincipal, permission: AppPermission, options: AppPermissionGrantOptions): AppPermissionGrant {
    const parent = grantHostOf(principal);
    if (parent === undefined) {
      throw new Error(
        `Cannot place the grant of ${permission} to ${describePrincipalName(principal)}: the principal belongs to no stack. ` +
          'Create it with new AppPermissionGrant(stack, id, { principal, permission }).',
      );
    }
    const id = options.id ?? defaultGrantId(permission);
    if (parent.node.tryFindChild(id)) {
      throw new Error(
        `${parent.node.path}: ${describePrincipalName(principal)} is already granted ${permission} (construct ${id}); Entra refuses the same ` +
          'app role assignment twice ("Permission being assigned already exists on the object"). Pass options.id if this is a different grant.',
      );
    }
    return new AppPermissionGrant(parent, id, { ...options, principal, permission });
  }

  /** The workload given the permission: a managed identity or an application's service principal. */
  public readonly principal: IPrincipal;
  /** The application permission (an app role of an API such as Microsoft Graph) it is given. */
  public readonly permission: AppPermission;
  /** The written reason, when one was given. */
  public readonly justification?: string;
  /** The `azuread_app_role_assignment` resource. */
  public readonly assignment: AppRoleAssignmentModule.AppRoleAssignment;

  /**
   * @param scope the construct the grant belongs to
   * @param id its ID within that scope
   * @param props the principal, the permission and, for a tier-0 one, the justification
   */
  constructor(scope: Construct, id: string, props: AppPermissionGrantProps) {
    super(scope, id);
    this.principal = props.principal;
    this.permission = props.permission;
    const justification = props.justification?.trim();
    if (props.justification !== undefined && !justification) {
      throw new Error(`${this.node.path}: justification is empty. Say why ${describePrincipalName(props.principal)} needs ${props.permission}.`);
    }
    this.justification = justification;
    // Application permissions of Microsoft Graph are app roles for applications only: Entra
    // refuses to assign them to a user or a group.
    if (props.permission.isMicrosoftGraph && (props.principal.kind === PrincipalKind.HUMAN || props.principal.kind === PrincipalKind.GROUP)) {
      throw new Error(
        `${this.node.path}: ${describeHolder(props.principal)} cannot hold ${props.permission}: Microsoft Graph application permissions ` +
          'are granted to service principals only (a managed identity or an application). People get delegated permissions by consent instead.',
      );
    }
    const resourceObjectId = props.permission.resourceObjectId ?? apiServicePrincipalObjectId(this, props.permission.resourceAppId!);
    const { AppRoleAssignment: Assignment } = appRoleAssignment();
    this.assignment = new Assignment(this, 'Assignment', {
      appRoleId: props.permission.appRoleId,
      principalObjectId: props.principal.principalId,
      resourceObjectId,
    });
    recordPrincipal(this.assignment, props.principal);
    if (justification !== undefined) recordJustification(this.assignment, justification);
    checkTierZeroAtSynth({
      construct: this,
      resource: this.assignment,
      holder: describeHolder(props.principal),
      permission: props.permission.toString(),
      tier: props.permission.tier,
      justification,
    });
  }
}

/** `Graph-User-Read-All`, `AppRole-<id>`: stable across runs, readable in addresses. */
function defaultGrantId(permission: AppPermission): string {
  const name = permission.name.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  return permission.isMicrosoftGraph ? `Graph-${name}` : `AppRole-${name}`;
}
