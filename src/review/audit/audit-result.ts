import { LiveAssignment, LiveDirectoryRole } from './live-types';
import { AuditMatch } from './match-declared';
import { Finding } from '../../model/finding';

/** What an audit found, in a fixed order. */
export interface AuditResult {
  readonly today: string;
  /** The export files read, in the order assignments, eligibilities, applications, managed identities, directory roles, directory eligibilities. */
  readonly sources: string[];
  readonly findings: Finding[];
  /** Live assignments and eligibilities no code declares, with display names from the Graph exports. */
  readonly unmanaged: LiveAssignment[];
  /** Declared grants found in the tenant. */
  readonly matched: AuditMatch[];
  /** The Entra half, when a directory role export was given: what no code declares, and the declared ones found. */
  readonly directoryRoles?: { readonly unmanaged: LiveDirectoryRole[]; readonly matched: AuditMatch[] };
  readonly summary: AuditSummary;
}

export interface AuditSummary {
  readonly error: number;
  readonly warning: number;
  readonly info: number;
  /** Live assignments and eligibilities read. */
  readonly live: number;
  readonly matched: number;
  readonly unmanaged: number;
  /** Declared grants the tenant does not hold. */
  readonly missing: number;
  /** Declared grants (and directory roles) that could not be compared. */
  readonly notComparable: number;
  /** The Entra half, when a directory role export was given. */
  readonly directoryRoles?: DirectoryRoleSummary;
  /** Federated credentials, when an export of them was given. */
  readonly federatedCredentials?: FederatedCredentialSummary;
}

export interface FederatedCredentialSummary {
  /** Live federated credentials read (applications' and user-assigned identities'). */
  readonly live: number;
  readonly matched: number;
  readonly unmanaged: number;
}

export interface DirectoryRoleSummary {
  /** Live directory role assignments and eligibility schedules read. */
  readonly live: number;
  readonly matched: number;
  readonly unmanaged: number;
  /** Declared directory roles the tenant does not hold. */
  readonly missing: number;
}
