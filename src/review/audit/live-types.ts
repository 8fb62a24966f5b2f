import { ScopeLevel } from '../../model/scope-level';

/** Something an export says the tenant holds for a principal, and where the export says it. */
export interface LiveHolding {
  /** The export it was read from, and where in it (a JSON pointer). */
  readonly file: string;
  readonly place: string;
  readonly id: string;
  /** Object ID, lower case. */
  readonly principalId: string;
  readonly principalType?: string;
  readonly principalDisplayName?: string;
}

/**
 * A role assignment (`az role assignment list`) or a PIM eligibility (ARM
 * `roleEligibilitySchedules`) as it is in the tenant.
 */
export interface LiveAssignment extends LiveHolding {
  readonly kind: 'standing' | 'eligible';
  /** The ARM ID of the assignment or eligibility schedule: what `terraform import` takes. */
  readonly id: string;
  /** `User`, `Group`, `ServicePrincipal`, `ForeignGroup`, ... as Azure writes it. */
  readonly principalType?: string;
  /** az's `principalName`: a UPN for users, a display name for groups, the appId / clientId for service principals and identities. */
  readonly principalName?: string;
  /** A display name, from the export itself or (in audit results) from the Graph exports. */
  readonly principalDisplayName?: string;
  readonly roleDefinitionId: string;
  /** The role's GUID, lower case, when the role definition ID has one. */
  readonly roleGuid?: string;
  readonly roleName?: string;
  readonly scope: string;
  readonly scopeLevel: ScopeLevel;
  readonly condition?: string;
  /** Eligibilities only: when it ends; null when it never does. */
  readonly endDateTime?: string | null;
}

/** One parsed export: what it holds, and whether Azure had more pages of it. */
export interface LiveExport<T> {
  readonly file: string;
  readonly items: T[];
  /** The `nextLink` / `@odata.nextLink` of a paged response: later pages were not given. */
  readonly nextLink?: string;
  /**
   * For exports of one kind given in several files (one per subscription): each file, with its
   * `nextLink`. `file` and `nextLink` are then the first file's; every file is a source.
   */
  readonly parts?: readonly { readonly file: string; readonly nextLink?: string }[];
}

/**
 * Exports of one kind read from several files (`--live-assignments` once per subscription), as
 * one: their items in the order given, each file kept as a part. One file is itself. An item
 * two files both hold (`az role assignment list --all` lists a management group's assignments in
 * every subscription's file) is kept once, where it is first: `keyOf` says what the same item is.
 */
export function mergeExports<T>(exports: readonly LiveExport<T>[], keyOf?: (item: T) => string): LiveExport<T> | undefined {
  if (exports.length <= 1) return exports[0];
  const parts = exports.map((e) => ({ file: e.file, ...(e.nextLink === undefined ? {} : { nextLink: e.nextLink }) }));
  const seen = new Set<string>();
  // One list, filled once: a tenant's 250 files of 4,000 assignments are not copied twice over.
  const items: T[] = [];
  for (const e of exports) {
    for (const item of e.items) {
      if (keyOf !== undefined) {
        const key = keyOf(item);
        if (seen.has(key)) continue;
        seen.add(key);
      }
      items.push(item);
    }
  }
  return { ...parts[0], items, parts };
}

/** What makes two assignments or eligibilities of the exports the same: their ARM ID, whatever its case. */
export const assignmentKey = (assignment: LiveAssignment): string => assignment.id.toLowerCase();

/** What makes two Graph items the same when their ID is no GUID (an app role assignment's): the ID as Graph writes it, case and all. */
export const graphObjectKey = (item: { readonly id: string }): string => item.id;

/** What makes two Graph objects of the exports the same: their object ID. */
export const objectKey = (item: { readonly id: string }): string => item.id.toLowerCase();

/** What makes two directory roles of the exports the same: their Graph ID, whose case matters (`lAPpYvVpN0KR...-1`). */
export const directoryRoleKey = (role: LiveDirectoryRole): string => `${role.kind}\u0000${role.id}`;

/**
 * What makes two eligibilities for an Entra role the same holding whatever lists them: the
 * principal, the role and the scopes (Graph's schedules and AzureHound's schedule instances have
 * IDs of their own; PIM keeps one eligibility per principal, role and scope).
 */
export const directoryEligibilityKey = (role: LiveDirectoryRole): string =>
  `${role.principalId}\u0000${role.roleDefinitionId}\u0000${role.directoryScopeId?.toLowerCase() ?? ''}\u0000${role.appScopeId ?? ''}`;

/** A client secret or certificate of an application. Its value is never read, so it can never be printed. */
export interface LiveCredential {
  readonly kind: 'secret' | 'certificate';
  readonly place: string;
  readonly keyId: string;
  readonly displayName?: string;
  readonly startDateTime?: string;
  readonly endDateTime?: string;
}

/** A Microsoft Graph application with its credentials. */
export interface LiveApplication {
  /** The export it was read from. */
  readonly file: string;
  readonly place: string;
  readonly id: string;
  readonly appId: string;
  readonly displayName?: string;
  readonly credentials: LiveCredential[];
}

/** A managed identity's service principal, from Microsoft Graph. */
export interface LiveManagedIdentity {
  /** The export it was read from. */
  readonly file: string;
  readonly place: string;
  /** The object ID: what role assignments name as principalId. */
  readonly id: string;
  /** The client ID: what `az role assignment list` prints as principalName. */
  readonly appId: string;
  readonly displayName: string;
  /** From `alternativeNames`: `isExplicit=True` is user-assigned, `isExplicit=False` system-assigned. */
  readonly assignment?: 'user-assigned' | 'system-assigned';
  /** The ARM ID of the identity (user-assigned) or of the resource it belongs to (system-assigned). */
  readonly resourceId?: string;
}

/**
 * An Entra directory role as the tenant holds it: a Microsoft Graph `unifiedRoleAssignment`
 * (`roleManagement/directory/roleAssignments`, standing) or `unifiedRoleEligibilitySchedule`
 * (`roleManagement/directory/roleEligibilitySchedules`, eligible).
 */
export interface LiveDirectoryRole extends LiveHolding {
  readonly kind: 'standing' | 'eligible';
  /** Graph's ID of the assignment or schedule (an assignment's is no GUID: `lAPpYvVpN0KR...-1`). */
  readonly id: string;
  /** `User`, `Group` or `ServicePrincipal`, from the expanded principal's `@odata.type` (`$expand=principal`). */
  readonly principalType?: string;
  /** The expanded principal's display name. */
  readonly principalDisplayName?: string;
  /** The role definition's ID, lower case: a built-in role's is its template ID. */
  readonly roleDefinitionId: string;
  /** `/`, `/administrativeUnits/<id>` or `/<object id>` as Graph writes it; undefined for a role scoped to an app only. */
  readonly directoryScopeId?: string;
  readonly appScopeId?: string;
  /** Eligibilities only: `Direct`, `Group` or `Inherited`, and Graph's status (`Provisioned`). */
  readonly memberType?: string;
  readonly status?: string;
  /**
   * Eligibilities only: `scheduleInfo.expiration`; `endDateTime` null when it never ends, undefined
   * when the export does not say (AzureHound's eligibility schedule instances carry no end).
   */
  readonly startDateTime?: string;
  readonly expirationType?: string;
  readonly endDateTime?: string | null;
  readonly duration?: string;
}

/** An application permission of Microsoft Graph the tenant has granted (`appRoleAssignedTo` of Graph's service principal). */
export interface LiveAppRoleAssignment extends LiveHolding {
  /** Graph's ID of the app role assignment. */
  readonly id: string;
  /** The app role's ID, lower case: which permission (`RoleManagement.ReadWrite.Directory`, ...). */
  readonly appRoleId: string;
  /** `ServicePrincipal`, `User` or `Group`. */
  readonly principalType?: string;
  /** Microsoft Graph's service principal in this tenant (its object ID). */
  readonly resourceId: string;
}

/** A member or owner of a directory object, as Graph expands it (`$expand=members`, `$expand=owners`). */
export interface LiveDirectoryMember {
  readonly place: string;
  /** Object ID, lower case. */
  readonly id: string;
  /** `User`, `Group` or `ServicePrincipal`, from `@odata.type`. */
  readonly principalType?: string;
  readonly displayName?: string;
}

/** A group of the tenant with its members, as Graph lists it with `$expand=members`. */
export interface LiveGroupMembers {
  readonly file: string;
  readonly place: string;
  /** The group's object ID, lower case. */
  readonly id: string;
  readonly displayName?: string;
  /** `isAssignableToRole`, when the export says it. */
  readonly roleAssignable?: boolean;
  readonly members: readonly LiveDirectoryMember[];
}

/**
 * An application, service principal or group of the tenant with its owners, as Graph lists them
 * with `$expand=owners`: an owner adds a secret to an application or service principal and signs
 * in as it, or adds members to a group.
 */
export interface LiveOwned {
  readonly file: string;
  readonly place: string;
  readonly kind: 'application' | 'service-principal' | 'group';
  /** The owned object's ID, lower case. */
  readonly id: string;
  /** An application's or service principal's appId, lower case, when the export says it. */
  readonly appId?: string;
  readonly displayName?: string;
  /** A group's `isAssignableToRole`, when the export says it. */
  readonly roleAssignable?: boolean;
  /** A service principal's `servicePrincipalType` (`Application`, `ManagedIdentity`, ...). */
  readonly servicePrincipalType?: string;
  readonly owners: readonly LiveDirectoryMember[];
}

/** A service principal of the tenant, by its appId: what an application's owner signs in as. */
export interface LiveServicePrincipal {
  readonly file: string;
  readonly place: string;
  /** Object ID, lower case. */
  readonly id: string;
  /** appId, lower case. */
  readonly appId: string;
  readonly displayName?: string;
}

/**
 * A PIM for Groups schedule as the tenant holds it: Microsoft Graph's
 * `privilegedAccessGroupEligibilitySchedule` (eligible: the principal may activate membership or
 * ownership of the group) or `privilegedAccessGroupAssignmentSchedule` (active: it is a member or
 * owner now, assigned or activated). Whoever holds it holds what the group holds, or, as owner,
 * can make anyone a member.
 */
export interface LiveGroupSchedule extends LiveHolding {
  readonly kind: 'eligible' | 'active';
  /** Graph's ID of the schedule, as written (`<groupId>_member_<guid>`). */
  readonly id: string;
  /** The group's object ID, lower case. */
  readonly groupId: string;
  /** The expanded group's display name (`$expand=group`), when the export has it. */
  readonly groupDisplayName?: string;
  /** Membership or ownership of the group. */
  readonly accessId: 'member' | 'owner';
  /** `User`, `Group` or `ServicePrincipal`, from the expanded principal's `@odata.type` (`$expand=principal`). */
  readonly principalType?: string;
  readonly principalDisplayName?: string;
  /** `direct` or `group` (held through a group), as Graph writes it. */
  readonly memberType?: string;
  /** Graph's status (`Provisioned`). */
  readonly status?: string;
  /** Active schedules only: `assigned` (standing, by an administrator) or `activated` (through an eligibility), lower case. */
  readonly assignmentType?: 'assigned' | 'activated';
  /** `scheduleInfo`: its start, and `expiration` (type, end, duration); `endDateTime` null when it never ends. */
  readonly startDateTime?: string;
  readonly expirationType?: string;
  readonly endDateTime?: string | null;
  readonly duration?: string;
}

/** What a federated credential belongs to: an application (by object ID and appId) or a user-assigned identity (by its ARM ID). */
export type LiveFederatedCredentialOwner =
  | {
    readonly kind: 'application';
    /** The application's object ID, lower case: what `azuread_application_federated_identity_credential` names as `/applications/<id>`. */
    readonly id: string;
    readonly appId: string;
    readonly displayName?: string;
  }
  | {
    readonly kind: 'user-assigned-identity';
    /** The identity's ARM ID as written: the credential's ID without `/federatedIdentityCredentials/<name>`. */
    readonly id: string;
    readonly subscriptionId: string;
    readonly resourceGroup: string;
    readonly name: string;
  };

/**
 * A federated identity credential in the tenant: a workload outside (a CI job, a Kubernetes
 * service account, another cloud) whose token of `issuer` with a matching subject is exchanged
 * for a token of the owner.
 */
export interface LiveFederatedCredential {
  /** The export it was read from, and where in it (a JSON pointer). */
  readonly file: string;
  readonly place: string;
  /** Graph's ID of an application's credential (a GUID, lower case), or the ARM ID of an identity's. */
  readonly id: string;
  readonly name: string;
  readonly issuer: string;
  /** The subject it trusts; absent for a flexible credential. */
  readonly subject?: string;
  /** A flexible credential's expression (`claimsMatchingExpression.value`), which may match many subjects. */
  readonly claimsMatchingExpression?: string;
  readonly audiences: readonly string[];
  readonly description?: string;
  readonly owner: LiveFederatedCredentialOwner;
}

/** An application of Microsoft Graph's list with its federated credentials (`$expand=federatedIdentityCredentials`). */
export interface LiveApplicationFederatedCredentials {
  readonly file: string;
  readonly place: string;
  /** The object ID, lower case. */
  readonly id: string;
  readonly appId: string;
  readonly displayName?: string;
  /** Every federated credential of the application: an application holds at most 20, and `$expand` lists 20. */
  readonly credentials: readonly LiveFederatedCredential[];
}

/** What an audit reads from the tenant; only the role assignment list is required. */
export interface LiveExports {
  readonly assignments: LiveExport<LiveAssignment>;
  readonly eligibilities?: LiveExport<LiveAssignment>;
  readonly applications?: LiveExport<LiveApplication>;
  readonly managedIdentities?: LiveExport<LiveManagedIdentity>;
  /** Entra directory role assignments (Microsoft Graph `roleManagement/directory/roleAssignments`). */
  readonly directoryRoles?: LiveExport<LiveDirectoryRole>;
  /** Entra directory role eligibility schedules (Microsoft Graph `roleManagement/directory/roleEligibilitySchedules`). */
  readonly directoryEligibilities?: LiveExport<LiveDirectoryRole>;
  /** Microsoft Graph application permissions granted (`appRoleAssignedTo` of Graph's service principal). */
  readonly appRoleAssignments?: LiveExport<LiveAppRoleAssignment>;
  /** Groups with their members (Microsoft Graph `groups?$expand=members`). */
  readonly groupMembers?: LiveExport<LiveGroupMembers>;
  /** Applications, service principals and groups with their owners (Microsoft Graph `...?$expand=owners`). */
  readonly owners?: LiveExport<LiveOwned>;
  /** Service principals by appId (the owners export's, AzureHound's): an application's owner signs in as its service principal. */
  readonly servicePrincipals?: LiveExport<LiveServicePrincipal>;
  /** PIM for Groups eligibility schedules (Microsoft Graph `identityGovernance/privilegedAccess/group/eligibilitySchedules`). */
  readonly groupEligibilities?: LiveExport<LiveGroupSchedule>;
  /** PIM for Groups assignment schedules: membership or ownership held now (`.../group/assignmentSchedules`). */
  readonly groupAssignments?: LiveExport<LiveGroupSchedule>;
  /** Applications with their federated credentials (Microsoft Graph `applications?$expand=federatedIdentityCredentials`). */
  readonly applicationFederatedCredentials?: LiveExport<LiveApplicationFederatedCredentials>;
  /** User-assigned identities' federated credentials (`az identity federated-credential list`). */
  readonly identityFederatedCredentials?: LiveExport<LiveFederatedCredential>;
  /** What an export holds that the review does not read (yet), named so that it is not silently lost. */
  readonly notReviewed?: readonly NotReviewed[];
}

/** Items of one kind in one export that the review does not read: AzureHound's group members, say. */
export interface NotReviewed {
  readonly file: string;
  /** The export's own name of the kind: `AZGroupMember`. */
  readonly kind: string;
  readonly count: number;
}
