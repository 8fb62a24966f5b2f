import { LiveHolding } from './live-types';

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
