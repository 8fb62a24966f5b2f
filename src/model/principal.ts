import type { IConstruct } from 'constructs';
import { PrincipalKind, PrincipalType } from './principal-kind';

/**
 * Who can hold access: a user, a group, an application or a managed identity, as data. Grants,
 * eligibilities and test assertions take this; the identities that can also be granted roles
 * directly (`identity.grant(...)`) are `IGrantable`.
 */
export interface IPrincipal {
  /** The Entra object ID (a token when the principal is created or looked up in the stack). */
  readonly principalId: string;
  /** The `principal_type` of role assignments to this principal. */
  readonly principalType: PrincipalType;
  /** Human, group, managed identity or application. */
  readonly kind: PrincipalKind;
  /** A name for reports and errors ("uai-ordering-api", "platform-admins"). */
  readonly displayName: string;
  /**
   * True for a managed identity created in the same stack: its grants set
   * `skip_service_principal_aad_check`, so the assignment does not fail with PrincipalNotFound
   * while Entra replicates the new service principal.
   */
  readonly isCreatedInStack: boolean;
  /** The construct grants to this principal are placed under, when it has one. */
  readonly grantHost?: IConstruct;
}
