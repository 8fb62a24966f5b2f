import { auditDirectoryRoles } from './audit-directory-roles';
import { AuditResult } from './audit-result';
import { AuditRuleId } from './audit-rule-ids';
import { credentialFinding } from './credential-findings';
import { declaredAccessOf } from './declared-access';
import { missingFinding, notComparableFinding, unmanagedFinding } from './drift-findings';
import { auditFederatedCredentials } from './federated-credential-findings';
import { idleIdentityFinding } from './identity-findings';
import { LiveAssignment, LiveExport, LiveExports, NotReviewed } from './live-types';
import { matchDeclared } from './match-declared';
import { PrincipalDirectory } from './principal-directory';
import { eligibilityWithoutEnd, humanStandingAccessAdmin, RoleLookup } from './privilege-findings';
import { compareText } from './sorted-by';
import { tenantEscalations } from './tenant-escalations';
import { checkCalendarDate } from '../../model/dates';
import { Finding } from '../../model/finding';
import { Severity } from '../../model/severity';
import { Role } from '../../roles/role';
import { RoleCatalog } from '../../roles/role-catalog';
import { AccessGraph } from '../graph/access-graph';
import { groupBy } from '../group-by';

/** Options of an audit. */
export interface AuditOptions {
  /** `YYYY-MM-DD`: secrets' end dates are counted from it. */
  readonly today: string;
  /**
   * Called where the audit has let go of the most at once: the tenant's own graph and reach. The
   * command collects garbage there; left to itself, V8 let the heap of a million-assignment audit
   * grow to 2.2 GB, where 0.5 GB was alive.
   */
  readonly released?: () => void;
}

/**
 * Compares what the code declares (an AccessGraph, possibly empty) with what the tenant holds:
 * assignments and eligibilities no code declares (AUD001) and declared ones the tenant lacks
 * (AUD002, or AUD008 when they cannot be compared), standing access administration by people
 * (AUD003), eligibilities that never end (AUD007), application secrets and certificates still
 * present (AUD004, AUD006), managed identities that hold nothing (AUD005), exports that
 * were cut at their first page (AUD009), and, given Graph's directory role exports, the same
 * drift for Entra directory roles (AUD011, AUD012, AUD008, AUD003); what an export holds that
 * is not reviewed is named with its count (AUD013).
 */
export function audit(desired: AccessGraph, live: LiveExports, options: AuditOptions): AuditResult {
  checkCalendarDate('today', options.today);
  const directory = new PrincipalDirectory(live);
  const assignments = [...live.assignments.items, ...(live.eligibilities?.items ?? [])];
  // Without the eligibility export, a declared eligibility is not missing: it was never looked for.
  const declared = declaredAccessOf(desired).map((d) => (d.kind === 'eligible' && live.eligibilities === undefined && d.notComparable === undefined
    ? { ...d, notComparable: 'no roleEligibilitySchedules export was given' }
    : d));
  const { matches, unmatchedLive, missing } = matchDeclared(declared, assignments, directory);
  const catalog = RoleCatalog.builtIn();
  const customRoles = new Map<string, Role>();
  // The first definition of a GUID wins, as a search in the code's order would find it.
  for (const d of desired.roleDefinitions) if (!customRoles.has(d.role.guid.toLowerCase())) customRoles.set(d.role.guid.toLowerCase(), d.role);
  const roleOf: RoleLookup = (guid) => (guid === undefined ? undefined : catalog.tryFromId(guid) ?? customRoles.get(guid));
  // What each principal holds, looked up by key: an application by its appId (az's principalName
  // of a service principal), a managed identity by its object ID.
  // Only the applications' appIds are looked up: a tenant's million assignments are not all grouped for them.
  const appIds = new Set((live.applications?.items ?? []).map((application) => application.appId.toLowerCase()));
  const heldByName = appIds.size === 0 ? new Map<string, LiveAssignment[]>()
    : groupBy(live.assignments.items.filter((a) => a.principalName !== undefined && appIds.has(a.principalName.toLowerCase())),
      (a) => a.principalName!.toLowerCase());
  const holders = new Set(assignments.map((a) => a.principalId));
  const entra = auditDirectoryRoles(desired, live, directory);
  const federated = live.applicationFederatedCredentials === undefined && live.identityFederatedCredentials === undefined ? undefined
    : auditFederatedCredentials(desired, {
      ...(live.applicationFederatedCredentials === undefined ? {} : { applications: live.applicationFederatedCredentials }),
      ...(live.identityFederatedCredentials === undefined ? {} : { identities: live.identityFederatedCredentials }),
    });

  // The tenant's own escalations first: its graph and reach are the audit's largest moment, and a
  // million unmanaged findings need not be held through it (the findings are sorted below).
  const escalations = tenantEscalations(live, directory);
  options.released?.();
  const findings = [
    ...unmatchedLive.map((a) => unmanagedFinding(a, directory)),
    ...missing.map(missingFinding),
    ...declared.filter((d) => d.notComparable !== undefined).map(notComparableFinding),
    ...assignments.flatMap((a) => [humanStandingAccessAdmin(a, roleOf, directory), eligibilityWithoutEnd(a, roleOf, directory)]),
    ...(live.applications?.items ?? []).flatMap((application) => application.credentials.map((credential) =>
      credentialFinding(application.file, application, credential, options.today, heldByName.get(application.appId) ?? []))),
    ...(live.managedIdentities?.items ?? []).map((identity) => idleIdentityFinding(identity.file, identity, holders)),
    ...exportsOf(live).filter((e) => e.nextLink !== undefined).map(incompleteExport),
    ...notReviewedFindings([...live.notReviewed ?? [], ...escalations.notListed]),
    ...escalations.findings,
    ...(entra?.findings ?? []),
    ...(federated?.findings ?? []),
  ].filter((f): f is Finding => f !== undefined);

  const ordered = findings.sort(byRuleFileAddressMessage);
  // A display name the export lacks, from the Graph exports; az's own principalName is not copied
  // into one (every reader falls back to it, and the JSON writes it as each is written), so a
  // tenant's million assignments are not copied.
  const unmanaged = unmatchedLive.map((a) => {
    const name = directory.displayNameOf(a.principalId);
    return name === undefined || name === a.principalName || a.principalDisplayName !== undefined ? a : { ...a, principalDisplayName: name };
  });
  const count = (severity: Severity) => ordered.reduce((n, f) => (f.severity === severity ? n + 1 : n), 0);
  return {
    today: options.today,
    // A file that fills several exports (an AzureHound collection) is one source.
    sources: [...new Set(exportsOf(live).map((e) => e.file))],
    findings: ordered,
    unmanaged,
    matched: matches,
    ...(entra === undefined ? {} : { directoryRoles: { unmanaged: entra.unmanaged, matched: entra.matched } }),
    summary: {
      error: count(Severity.ERROR),
      warning: count(Severity.WARNING),
      info: count(Severity.INFO),
      live: assignments.length,
      matched: matches.length,
      unmanaged: unmanaged.length,
      missing: missing.length,
      notComparable: declared.filter((d) => d.notComparable !== undefined).length + (entra?.notComparable ?? 0),
      ...(entra === undefined ? {} : {
        directoryRoles: { live: entra.live, matched: entra.matched.length, unmanaged: entra.unmanaged.length, missing: entra.missing },
      }),
      ...(federated === undefined ? {} : {
        federatedCredentials: { live: federated.live, matched: federated.matched.length, unmanaged: federated.unmanaged.length },
      }),
    },
  };
}

/**
 * The audit's order: by rule, file, address, then message. Compared field by field, not as one
 * joined key: a tenant's million findings would each need its message made and kept for the sort.
 */
function byRuleFileAddressMessage(a: Finding, b: Finding): number {
  return compareText(a.ruleId, b.ruleId) || compareText(a.file, b.file) || compareText(a.address, b.address) || compareText(a.message, b.message);
}

type ExportSource = Pick<LiveExport<unknown>, 'file' | 'nextLink'>;

/** Every file the exports were read from (each part of an export given in several), in the order of the kinds. */
function exportsOf(live: LiveExports): ExportSource[] {
  const all: (LiveExport<unknown> | undefined)[] = [
    live.assignments, live.eligibilities, live.applications, live.managedIdentities, live.directoryRoles, live.directoryEligibilities,
    live.appRoleAssignments, live.groupMembers, live.owners, live.groupEligibilities, live.groupAssignments, live.applicationFederatedCredentials,
    live.identityFederatedCredentials,
  ];
  return all.flatMap((e) => (e === undefined ? [] : e.parts ?? [e]));
}

/** AUD009: a paged response holds its first page only. */
function incompleteExport(source: ExportSource): Finding {
  return {
    ruleId: AuditRuleId.INCOMPLETE_EXPORT,
    severity: Severity.WARNING,
    message: 'holds only the first page of the list (it has a nextLink): what is on later pages was not audited.',
    address: 'nextLink',
    file: source.file,
    fix: 'Export every page: follow nextLink (az rest does not) until there is none, and give the merged "value" list.',
  };
}

/** AUD013: one finding a file, naming each kind of item it holds that the audit does not read, with its count. */
function notReviewedFindings(parts: readonly NotReviewed[]): Finding[] {
  const byFile = groupBy(parts, (part) => part.file);
  return [...byFile].map(([file, kinds]) => {
    const total = kinds.reduce((n, k) => n + k.count, 0);
    return {
      ruleId: AuditRuleId.NOT_REVIEWED,
      severity: Severity.INFO,
      message: `holds ${total} item${total === 1 ? '' : 's'} this audit does not review: ${kinds.map((k) => `${k.count} ${k.kind}`).join(', ')}. `
        + 'What they grant or reach is not judged here.',
      address: 'data',
      file,
      fix: 'Review what these items grant by other means (BloodHound reads them all); the audit reads Azure role assignments and '
        + 'eligibilities, Entra directory roles and eligibilities, managed identities, applications\' credentials and federated credentials, '
        + 'Microsoft Graph\'s application permissions, groups, their members and PIM for Groups schedules, and the owners of applications, '
        + 'service principals and groups.',
    };
  });
}
