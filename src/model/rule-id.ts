/**
 * Stable rule IDs. A suppression names one; they never change meaning once published.
 * Constructs that record an accepted exception (a wide grant with a written justification) use
 * them too, so the exception travels with the synthesized JSON.
 */
export enum RuleId {
  /** A standing grant at subscription, management group, root or unknown scope. */
  WIDE_SCOPE = 'AZA001',
  /** A user or group holds, standing, a role that can grant access. */
  STANDING_ACCESS_ADMIN = 'AZA002',
  /** A managed identity or service principal holds a role that can grant access. */
  WORKLOAD_CAN_GRANT_ACCESS = 'AZA003',
  /** A managed identity or service principal holds a wildcard control-plane role (Owner, Contributor). */
  WORKLOAD_WILDCARD = 'AZA004',
  /** An application password or service principal secret is present. */
  SECRET_PRESENT = 'AZA005',
  /** Eligibility for a role that can grant access never expires. */
  ELIGIBILITY_WITHOUT_EXPIRY = 'AZA006',
  /** Entra directory role eligibility, which the provider cannot make expire. */
  DIRECTORY_ROLE_ELIGIBILITY = 'AZA007',
  /** An eligible privileged role without a strict activation policy. */
  WEAK_ACTIVATION = 'AZA008',
  /** The same principal, role and scope twice. */
  DUPLICATE_ASSIGNMENT = 'AZA009',
  /** A user holds standing write access: a user-based service account. */
  USER_STANDING_WRITE = 'AZA010',
  /** An identity or grant nobody answers for. */
  MISSING_OWNER = 'AZA011',
  /** A suppression whose date has passed. */
  EXPIRED_SUPPRESSION = 'AZA012',
  /** A chain of grants, paths and identities by which a principal reaches more than it holds. */
  ESCALATION_CHAIN = 'AZA013',
  /** A custom role that can grant access or holds `*`, assignable at a subscription or wider, held or not. */
  WIDE_CUSTOM_ROLE = 'AZA014',
  /** An input resource that carries access, of a kind the review does not read. */
  NOT_REVIEWED = 'AZA015',
}

const RULE_IDS: ReadonlySet<string> = new Set(Object.values(RuleId));

/** `AZA001 to AZA013`: the published IDs, for messages that name the accepted ones. */
export function ruleIdRange(): string {
  const ids = Object.values(RuleId);
  return `${ids[0]} to ${ids[ids.length - 1]}`;
}

/** Whether a text is a published rule ID (`AZA999` is not, though it looks like one). */
export function isRuleId(value: unknown): value is RuleId {
  return typeof value === 'string' && RULE_IDS.has(value);
}
