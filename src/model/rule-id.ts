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
  /** A module call the review could not read (missing directory, registry or git module not installed). */
  MODULE_NOT_READ = 'AZA016',
  /** A group of people holds standing write access. */
  GROUP_STANDING_WRITE = 'AZA017',
  /** A built-in data-plane role granted on a resource of another resource provider: it grants nothing there. */
  DATA_ROLE_ELSEWHERE = 'AZA018',
  /** An active PIM assignment with no end, or longer than any policy allows: standing access by another name. */
  ACTIVE_ASSIGNMENT_STANDING = 'AZA019',
  /** A PIM schedule whose end is already past: Azure refuses the request at apply. */
  SCHEDULE_ENDED = 'AZA020',
  /** A tier-0 Entra directory role held standing, by anyone. */
  STANDING_TIER0_DIRECTORY_ROLE = 'AZA021',
  /** A workload identity holds a tier-0 Entra directory role or a tier-0 Microsoft Graph application permission. */
  WORKLOAD_TIER0_ENTRA = 'AZA022',
  /** A workload identity holds a tier-1 Microsoft Graph application permission. */
  WORKLOAD_TIER1_GRAPH_PERMISSION = 'AZA023',
  /**
   * An owner of an application or service principal whose service principal holds a tier-0 Entra
   * role, a tier-0 Graph permission or an Azure role that can grant access: owners can add a secret and sign in as it.
   */
  PRIVILEGED_OBJECT_OWNER = 'AZA024',
  /** A standing member of a role-assignable group: it holds the group's Entra roles without activating anything. */
  ROLE_ASSIGNABLE_GROUP_STANDING_MEMBER = 'AZA025',
  /** An active PIM for Groups assignment with no end, or longer than any policy allows: standing membership by another name. */
  ACTIVE_GROUP_ASSIGNMENT_STANDING = 'AZA026',
  /** A PIM for Groups policy that lets membership or ownership activate too easily, or lets assignments never expire. */
  WEAK_GROUP_ACTIVATION = 'AZA027',
  /** Tenant-wide admin consent to a tier-0 delegated permission. */
  TENANT_WIDE_TIER0_CONSENT = 'AZA028',
  /** An application requests a tier-0 permission: not held, but one consent away. */
  REQUESTED_TIER0_PERMISSION = 'AZA029',
  /** An Entra directory role given to a group the configuration declares as not role-assignable: Entra refuses it at apply. */
  GROUP_NOT_ROLE_ASSIGNABLE = 'AZA030',
  /** A user account used as a service account: its password set or handed on by the configuration, or a workload signs in as it. */
  USER_SERVICE_ACCOUNT = 'AZA031',
  /**
   * A federated credential of a tier-0 or tier-1 identity trusts more than a deployment
   * environment: pull requests, a wildcard or a subject known only at apply (an error), a branch or tag (a warning).
   */
  PRIVILEGED_TRUST_WITHOUT_ENVIRONMENT = 'AZA032',
}

const RULE_IDS: ReadonlySet<string> = new Set(Object.values(RuleId));

/** `AZA001 to AZA023` (`, except AZA0nn` for a number not published): the published IDs, for messages that name the accepted ones. */
export function ruleIdRange(): string {
  const numbers = Object.values(RuleId).map((id) => Number(id.slice(3))).sort((a, b) => a - b);
  const name = (n: number) => `AZA${String(n).padStart(3, '0')}`;
  const [first, last] = [numbers[0], numbers[numbers.length - 1]];
  const missing = Array.from({ length: last - first + 1 }, (_, i) => first + i).filter((n) => !numbers.includes(n));
  return `${name(first)} to ${name(last)}${missing.length ? `, except ${missing.map(name).join(', ')}` : ''}`;
}

/** Whether a text is a published rule ID (`AZA999` is not, though it looks like one). */
export function isRuleId(value: unknown): value is RuleId {
  return typeof value === 'string' && RULE_IDS.has(value);
}
