import { declaredDirectoryRolesOf, DeclaredDirectoryRole } from './declared-directory-roles';
import { humanStandingDirectoryRoleAdmin, missingDirectoryRoleFinding, unmanagedDirectoryRoleFinding } from './directory-role-findings';
import { notComparableFinding } from './drift-findings';
import { LiveDirectoryRole, LiveExport, LiveExports } from './live-types';
import { AuditMatch } from './match-declared';
import { matchDirectoryRoles } from './match-directory-roles';
import { PrincipalDirectory } from './principal-directory';
import { Finding } from '../../model/finding';
import { AccessGraph } from '../graph/access-graph';

/** The Entra half of an audit: the code's directory roles against the tenant's. */
export interface DirectoryRoleAudit {
  readonly findings: Finding[];
  /** Live directory role assignments and eligibility schedules read. */
  readonly live: number;
  readonly matched: AuditMatch[];
  /** Live directory roles no code declares. */
  readonly unmanaged: LiveDirectoryRole[];
  /** Declared directory roles the tenant does not hold. */
  readonly missing: number;
  /** Declared directory roles that could not be compared. */
  readonly notComparable: number;
}

/**
 * Compares the code's Entra directory roles (standing and eligible) with the Graph exports:
 * unmanaged ones (AUD011), declared ones missing (AUD012) or not comparable (AUD008), and people
 * holding standing a role that assigns directory roles (AUD003). Undefined when neither export
 * was given: the Entra half was then not asked for. With one of the two, what the other would
 * hold is not comparable, never missing.
 */
export function auditDirectoryRoles(desired: AccessGraph, live: LiveExports, directory: PrincipalDirectory): DirectoryRoleAudit | undefined {
  const { directoryRoles, directoryEligibilities } = live;
  if (directoryRoles === undefined && directoryEligibilities === undefined) return undefined;
  const exportOf = (kind: DeclaredDirectoryRole['kind']) => (kind === 'standing' ? directoryRoles : directoryEligibilities);
  const declared = declaredDirectoryRolesOf(desired).map((d): DeclaredDirectoryRole => (
    d.notComparable === undefined && exportOf(d.kind) === undefined
      ? { ...d, notComparable: `no roleManagement/directory/${d.kind === 'standing' ? 'roleAssignments' : 'roleEligibilitySchedules'} export was given` }
      : d));
  const items = [...(directoryRoles?.items ?? []), ...(directoryEligibilities?.items ?? [])];
  const { matches, unmatchedLive, missing } = matchDirectoryRoles(declared, items, directory);
  // A principal the code names is looked up by name: an export without its principals' names
  // ($expand=principal) cannot say it is absent.
  const unnamed = missing.filter((d) => d.principalId === undefined && !namesEveryPrincipal(exportOf(d.kind)));
  const notComparable = [
    ...declared.filter((d) => d.notComparable !== undefined),
    ...unnamed.map((d) => ({ ...d, notComparable: `its principal (${d.principalName}) is known by name only, and the export does not name every principal (export it with $expand=principal)` })),
  ];
  const reallyMissing = missing.filter((d) => !unnamed.includes(d));
  return {
    findings: [
      ...unmatchedLive.map((l) => unmanagedDirectoryRoleFinding(l, directory)),
      ...reallyMissing.map(missingDirectoryRoleFinding),
      ...notComparable.map(notComparableFinding),
      ...items.map((l) => humanStandingDirectoryRoleAdmin(l, directory)).filter((f): f is Finding => f !== undefined),
    ],
    live: items.length,
    matched: matches,
    unmanaged: unmatchedLive,
    missing: reallyMissing.length,
    notComparable: notComparable.length,
  };
}

function namesEveryPrincipal(exported: LiveExport<LiveDirectoryRole> | undefined): boolean {
  return exported !== undefined && exported.items.every((l) => l.principalDisplayName !== undefined);
}
