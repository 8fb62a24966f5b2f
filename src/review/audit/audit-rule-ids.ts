/**
 * Stable IDs of what an audit finds when it compares the code with the tenant. Like the rule
 * IDs (AZA...), they never change meaning once published.
 */
export enum AuditRuleId {
  /** An assignment or eligibility in the tenant that no code declares. */
  UNMANAGED = 'AUD001',
  /** A grant or eligibility the code declares that the tenant does not hold. */
  MISSING_IN_TENANT = 'AUD002',
  /** A user or group holds, standing, a role that can grant access: an Azure role that writes role assignments, or an Entra role that assigns directory roles. */
  HUMAN_STANDING_ACCESS_ADMIN = 'AUD003',
  /** An application still has a client secret (password credential), expired or not. */
  SECRET_PRESENT = 'AUD004',
  /** A managed identity holds no role assignment and no eligibility. */
  IDLE_MANAGED_IDENTITY = 'AUD005',
  /** An application still has a certificate credential. */
  CERTIFICATE_PRESENT = 'AUD006',
  /** An eligibility for a role that can grant access never ends. */
  ELIGIBILITY_WITHOUT_END = 'AUD007',
  /** A declared grant whose principal, role or scope is only known after apply: it cannot be compared. */
  NOT_COMPARABLE = 'AUD008',
  /** An export holds only its first page (`nextLink`): what is on later pages was not audited. */
  INCOMPLETE_EXPORT = 'AUD009',
  /** An escalation the tenant holds already: a root cause of paths made of the live exports' assignments and identities. */
  ESCALATION_IN_TENANT = 'AUD010',
  /** An Entra directory role assignment or eligibility in the tenant that no code declares (tier 0: error). */
  UNMANAGED_DIRECTORY_ROLE = 'AUD011',
  /** An Entra directory role assignment or eligibility the code declares that the tenant does not hold. */
  DIRECTORY_ROLE_MISSING_IN_TENANT = 'AUD012',
  /** Items an export holds that the audit does not review yet (AzureHound's group members, app owners, ...), with their count. */
  NOT_REVIEWED = 'AUD013',
  /** A federated credential in the tenant that no code declares: an outside workload signs in as the application or identity (error when its subject is open to many). */
  FEDERATED_CREDENTIAL_UNMANAGED = 'AUD014',
  /** A federated credential the code declares that the tenant does not hold, though the exports list its application or identity. */
  FEDERATED_CREDENTIAL_MISSING_IN_TENANT = 'AUD015',
  /** A declared federated credential the exports cannot confirm or deny: they list nothing of its application or identity. */
  FEDERATED_CREDENTIAL_NOT_EXPORTED = 'AUD016',
}
