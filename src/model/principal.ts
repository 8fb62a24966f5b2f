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
}
