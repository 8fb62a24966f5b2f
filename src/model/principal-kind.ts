/** The `principal_type` Azure records on a role assignment. */
export enum PrincipalType {
  /** A person's account. */
  USER = 'User',
  /** An Entra security group. */
  GROUP = 'Group',
  /** Applications and managed identities alike. */
  SERVICE_PRINCIPAL = 'ServicePrincipal',
}

/** What stands behind a principal, which decides the rules that apply to it. */
export enum PrincipalKind {
  /** A person's account. */
  HUMAN = 'human',
  /** An Entra security group. */
  GROUP = 'group',
  /** A managed identity (user- or system-assigned): a workload with no secret. */
  MANAGED_IDENTITY = 'managed-identity',
  /** An application's service principal: a workload that may hold secrets. */
  APPLICATION = 'application',
}

/** The principal type Azure uses for each kind. */
export function principalTypeOf(kind: PrincipalKind): PrincipalType {
  switch (kind) {
    case PrincipalKind.HUMAN:
      return PrincipalType.USER;
    case PrincipalKind.GROUP:
      return PrincipalType.GROUP;
    default:
      return PrincipalType.SERVICE_PRINCIPAL;
  }
}
