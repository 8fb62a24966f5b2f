import { describeAppPermission, describeDirectoryRole, describeDirectoryScope, describeTier } from './describe-entra-access';
import { delegatedGrantRow, groupAssignmentRow, ReportRequestedPermission, requestedPermissionRow } from './entra-extra-rows';
import { ReportRow, ReportSuppression } from './report-row';
import { RuleId } from '../../model/rule-id';
import { PermissionTier, tierName } from '../../roles/permission-tier';
import { RolePlane } from '../../roles/role-plane';
import { describeApprovers } from '../escalation/activation';
import { describeChainBounded, describeReach } from '../escalation/describe-root-cause';
import { EscalationChain } from '../escalation/escalation-chain';
import { reachOfGraph } from '../escalation/reach';
import { RootCause, rootCausesOfGraph } from '../escalation/root-causes';
import { storeReaderNames } from '../escalation/store-readers';
import { AccessGraph } from '../graph/access-graph';
import { credentialKey, storesByCredential } from '../graph/ci-secret-stores';
import { credentialOwnerName } from '../graph/credential-owner';
import { describeCoverage } from '../graph/describe-coverage';
import { describeCredentialStore, isKeptInAzure } from '../graph/describe-credential-store';
import { describePrincipal } from '../graph/describe-principal';
import { shownScope } from '../graph/describe-scope';
import { DeclaredPolicies, governingPolicy } from '../graph/governing-policy';
import {
  GraphAppPermission,
  GraphCredential,
  GraphCredentialStore,
  GraphCredentialStoreKind,
  GraphDirectoryRole,
  GraphEligibility,
  GraphGrant,
  GraphPrincipal,
  GraphRole,
  Origin,
} from '../graph/graph-types';

export type { ReportRow, ReportSuppression } from './report-row';

export interface ReportCredential {
  readonly kind: GraphCredential['kind'];
  /** Accepted exceptions on the credential (a secret's dated migration window, AZA005). */
  readonly suppressions: ReportSuppression[];
  readonly owner: string;
  readonly endDate?: string;
  /** `end_date_relative` as written (`4320h`): it ends that long after creation. */
  readonly endDateRelative?: string;
  readonly issuer?: string;
  readonly subject?: string;
  readonly address: string;
  /** The CI secret stores that keep this secret (absent when none do): whoever can use one signs in as its principal. */
  readonly stores?: ReportCredentialStore[];
}

/** A place that keeps a credential: GitHub Actions, Azure DevOps, a Key Vault secret. */
export interface ReportCredentialStore {
  readonly kind: GraphCredentialStoreKind;
  /** `GitHub Actions secret AZURE_CLIENT_SECRET of environment prod of repository infra`. */
  readonly store: string;
  /** The secret's, variable's or service connection's name. */
  readonly name: string;
  readonly repository?: string;
  readonly environment?: string;
  /** An environment's store behind required reviewers: narrower than a repository secret. */
  readonly requiredReviewers?: boolean;
  readonly project?: string;
  readonly variableGroup?: string;
  /** A store in an Azure resource: that resource (the vault, the app, the App Configuration store, the Automation account). */
  readonly keptIn?: string;
  /**
   * A store in an Azure resource: who this configuration lets read what it keeps (and so sign in
   * as the secret's principal), the first {@link READERS_LISTED}; `readerCount` says how many in all.
   */
  readonly readers?: string[];
  readonly readerCount?: number;
  readonly address: string;
}

/** An input resource that carries access the review does not read. */
export interface ReportNotReviewed {
  /** `azurerm_kusto_database_principal_assignment`, `azapi_resource (Microsoft.Authorization/roleAssignments)`. */
  readonly kind: string;
  readonly reason: string;
  readonly address: string;
  readonly file: string;
}

/**
 * A module call the reader could not read (not installed, missing, calling itself): whatever
 * access it declares is in none of the report's rows.
 */
export interface ReportModuleNotRead {
  /** The call's address, `module.app.module.network`. */
  readonly address: string;
  /** Its `source` as written. */
  readonly source: string;
  readonly reason: string;
  readonly file: string;
}

/** A value of an access resource the review did not evaluate (it counts as the widest), and why. */
export interface ReportValueNotEvaluated {
  /** The argument and why: `scope: timestamp() has a value only when Terraform applies`. */
  readonly reason: string;
  readonly address: string;
  readonly file: string;
}

/** An access resource that was read but gives no grant, and why (a vault with RBAC authorization ignores its access policies). */
export interface ReportCoverageNote {
  readonly kind: string;
  readonly note: string;
  readonly address: string;
  readonly file: string;
}

/** Who holds which access, in one table, with totals: what a reviewer reads in a pull request. */
export interface AccessReport {
  readonly rows: ReportRow[];
  readonly totals: {
    readonly grants: number;
    readonly eligibilities: number;
    /** Entra directory roles held standing, and application permissions (Microsoft Graph or another API). */
    readonly directoryRoles: number;
    readonly appPermissions: number;
    readonly byScopeLevel: Record<string, number>;
    readonly byPrincipalKind: Record<string, number>;
    /** Input resources that carry access (by data/access-resource-types.json): read, and not read. */
    readonly accessResources: { readonly reviewed: number; readonly notReviewed: number };
  };
  /** Access resources of the input that the review does not read: nothing judged them. */
  readonly notReviewed: ReportNotReviewed[];
  /** Module calls that could not be read: the access they declare is not reviewed either. */
  readonly modulesNotRead: ReportModuleNotRead[];
  /** Access resources that were read but give no grant, with the reason, so a missing row is explained. */
  readonly coverageNotes: ReportCoverageNote[];
  /** Values of access resources the review did not evaluate: they count as the widest, and this says why. */
  readonly valuesNotEvaluated: ReportValueNotEvaluated[];
  /** Managed identities that hold no grant and no eligibility. */
  readonly identitiesWithoutGrant: { readonly name: string; readonly address: string }[];
  /** Credentials still present: passwords, certificates, federated credentials. */
  readonly credentials: ReportCredential[];
  /** What applications only request (`required_resource_access`, azuread_application_api_access): no grant, listed apart. */
  readonly requestedPermissions: ReportRequestedPermission[];
  /**
   * Escalations by root cause (the same grouping AZA013 reports): the edge whose removal closes
   * them, how many paths, the highest tier, the ends worst first, and a few paths as examples.
   */
  readonly escalations: ReportRootCause[];
  /**
   * What grants open in one step beyond their role's name (storage keys, vault access policies, any
   * role where they can grant access): each grant's own reach, judged with the grant, never an escalation.
   */
  readonly opensItself: ReportOwnReach[];
}

/** One root cause of escalation, with its paths summarised (output grows with root causes, not paths). */
export interface ReportRootCause {
  readonly rootCause: string;
  readonly kind: string;
  readonly address: string;
  readonly file: string;
  readonly paths: number;
  /** `tier 0`, or `application-defined`. */
  readonly tier: string;
  readonly ends: { readonly role: string; readonly scope: string }[];
  /** At most a few paths, worst first, each shortened to its first and last steps. */
  readonly examples: string[];
}

/** What one grant opens in one step beyond its name. */
export interface ReportOwnReach {
  readonly principal: string;
  readonly role: string;
  readonly scope: string;
  readonly opens: string[];
  readonly address: string;
}

/** How many paths a root cause shows as examples. */
const EXAMPLES = 3;

function rootCauseRow(cause: RootCause): ReportRootCause {
  return {
    rootCause: cause.edge.description,
    kind: cause.edge.kind,
    address: cause.edge.origin.address,
    file: cause.edge.origin.file,
    paths: cause.chains.length,
    tier: tierName(cause.tier),
    ends: cause.ends.map((e) => ({ role: e.role, scope: e.scope })),
    examples: cause.chains.slice(0, EXAMPLES).map(describeChainBounded),
  };
}

/** A grant's own reach: its `holds → opens` chains, one row per grant with what each opens, once. */
function ownReachRows(chains: readonly EscalationChain[]): ReportOwnReach[] {
  const byGrant = new Map<Origin, ReportOwnReach>();
  // Indexed: for...of makes an iterator result per chain in code not yet optimized (25,000 on the benchmark stack).
  for (let at = 0; at < chains.length; at++) {
    const chain = chains[at];
    // A data role reading its own data (Key Vault Secrets User, secret values) is what its name says: not listed.
    const opened = chain.trail.step;
    if (!chain.ownReach || chain.trail.length !== 2 || opened.kind !== 'opens' || opened.path?.plane === 'data') continue;
    const held = chain.first.grant;
    // The report's rows are the code's grants: what a grant the live tenant holds opens is not one of them.
    if (held.origin.tenant !== undefined) continue;
    let row = byGrant.get(held.origin);
    if (row === undefined) {
      row = {
        principal: describePrincipal(held.principal),
        role: held.role.name,
        scope: shownScope(held.scope),
        opens: [],
        address: held.origin.address,
      };
      byGrant.set(held.origin, row);
    }
    const what = describeReach(chain.reaches);
    if (!row.opens.includes(what)) row.opens.push(what);
  }
  return [...byGrant.values()];
}

function planeOf(role: GraphRole): RolePlane | 'unknown' {
  return role.role?.plane ?? 'unknown';
}

const NO_EXCEPTIONS: { suppressions: ReportSuppression[] } = Object.freeze({ suppressions: Object.freeze([]) as unknown as ReportSuppression[] });

/** The exceptions on a row's resource, and the justification among them (AZA001, written by RoleGrant). */
function exceptionsOf(origin: Origin): { suppressions: ReportSuppression[]; justification?: string } {
  // Most resources of a large stack carry none: their rows share one empty list.
  if (origin.suppressions.length === 0) return NO_EXCEPTIONS;
  const suppressions = origin.suppressions.map((s) => ({
    ruleId: s.ruleId,
    reason: s.reason,
    ...(s.until === undefined ? {} : { until: s.until }),
    ...(s.accepts === undefined ? {} : { accepts: [...s.accepts] }),
  }));
  const justification = suppressions.find((s) => s.ruleId === RuleId.WIDE_SCOPE)?.reason;
  return { suppressions, ...(justification === undefined ? {} : { justification }) };
}

/** The policy that governs an eligibility, in the words an auditor checks: the same answer the rules and the chains give. */
function activationOf(e: GraphEligibility, declared: DeclaredPolicies): string {
  const policy = governingPolicy(e, declared);
  if (policy === undefined) {
    return e.kind === 'entra-directory-role'
      ? 'set in the tenant (azuread has no resource for directory-role activation policies)'
      : 'no activation policy in the input (the tenant\'s settings apply)';
  }
  const parts = [
    policy.maximumActivation === undefined ? 'maximum activation not set' : `at most ${policy.maximumActivation.toIsoString()}`,
    !policy.requireApproval ? 'no approval' : policy.approvers.length === 0 ? 'approval (no approver named)' : `approval by ${describeApprovers(policy.approvers)}`,
    policy.requireMfa ? 'MFA' : policy.requireAuthenticationContext ? 'authentication context' : 'no MFA',
    policy.requireJustification ? 'justification' : 'no justification',
  ];
  return parts.join(', ');
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A grant's row. Built without spreads, one field after another in the order the JSON report
 * writes them: a large stack makes one per grant.
 */
function grantRow(g: GraphGrant): ReportRow {
  const active = g.via === 'pim-active';
  const row = {
    principal: g.principal.name,
    principalKind: g.principal.kind,
    role: g.role.name,
    plane: planeOf(g.role),
    scope: g.scope.value,
    scopeLevel: g.scope.level,
    access: active ? 'active' : 'standing',
    expiry: active ? (g.expiry ?? 'never') : 'never',
    address: g.origin.address,
    file: g.origin.file,
  } as Mutable<ReportRow>;
  if (g.origin.repeated !== undefined) row.repeated = g.origin.repeated;
  if (g.origin.repeatedTimes !== undefined) row.repeatedTimes = g.origin.repeatedTimes;
  if (g.scope.name !== undefined) row.scopeName = g.scope.name;
  if (g.scope.displayName !== undefined) row.subscriptionName = g.scope.displayName;
  const exceptions = exceptionsOf(g.origin);
  row.suppressions = exceptions.suppressions;
  if (exceptions.justification !== undefined) row.justification = exceptions.justification;
  return row;
}

function eligibilityRow(e: GraphEligibility, declared: DeclaredPolicies): ReportRow {
  const expiry = e.expiry.unknown ? 'unknown (counts as never)' : e.expiry.permanent ? 'never' : (e.expiry.duration?.toIsoString() ?? e.expiry.endDateTime ?? 'unknown');
  const common = {
    principal: e.principal.name,
    principalKind: e.principal.kind,
    access: 'eligible' as const,
    expiry,
    address: e.origin.address,
    file: e.origin.file,
    ...(e.origin.repeated === undefined ? {} : { repeated: e.origin.repeated }),
    ...(e.origin.repeatedTimes === undefined ? {} : { repeatedTimes: e.origin.repeatedTimes }),
    ...exceptionsOf(e.origin),
  };
  // Last in every row, as it always was in the Azure ones.
  const activation = activationOf(e, declared);
  if (e.kind === 'entra-directory-role') {
    const role = e.entraRole === undefined ? `directory role ${e.directoryRole}` : describeDirectoryRole({ role: e.entraRole });
    const scope = e.scope === undefined ? '/ (tenant)' : describeDirectoryScope(e.scope);
    return {
      ...common, role, plane: 'unknown', scope, scopeLevel: 'directory', ...(e.entraRole === undefined ? {} : { tier: describeTier(e.entraRole.tier) }), activation,
    };
  }
  if (e.kind === 'pim-group') {
    // Named as an active group assignment is: the group by its name when the configuration declares it.
    const group = e.group?.name ?? e.groupId ?? 'unknown group';
    return { ...common, role: `${e.assignmentType ?? 'member'} of ${group} (PIM for Groups)`, plane: 'unknown', scope: group, scopeLevel: 'group', activation };
  }
  return {
    ...common,
    role: e.role!.name,
    plane: planeOf(e.role!),
    scope: e.scope!.value,
    scopeLevel: e.scope!.level,
    ...(e.scope!.name === undefined ? {} : { scopeName: e.scope!.name }),
    activation,
  };
}

/** A row of the Entra half: held standing, never ending, with its tier in place of an Azure plane. */
function entraRow(
  held: { origin: Origin; principal: GraphPrincipal },
  what: { role: string; scope: string; scopeLevel: 'directory' | 'api'; tier: PermissionTier },
): ReportRow {
  return {
    principal: held.principal.name,
    principalKind: held.principal.kind,
    role: what.role,
    plane: 'unknown',
    scope: what.scope,
    scopeLevel: what.scopeLevel,
    tier: describeTier(what.tier),
    access: 'standing',
    expiry: 'never',
    address: held.origin.address,
    file: held.origin.file,
    ...exceptionsOf(held.origin),
  };
}

/** An Entra directory role held standing (`azuread_directory_role_assignment` or `_member`). */
function directoryRoleRow(d: GraphDirectoryRole): ReportRow {
  return entraRow(d, { role: describeDirectoryRole(d), scope: describeDirectoryScope(d.scope), scopeLevel: 'directory', tier: d.role.tier });
}

/** An application permission (an app role of an API) held by a principal. */
function appPermissionRow(p: GraphAppPermission): ReportRow {
  return entraRow(p, { role: describeAppPermission(p), scope: p.api.name, scopeLevel: 'api', tier: p.tier });
}

/** How many readers of a vault each of its secrets lists: a vault read by thousands must not repeat them for each secret. */
export const READERS_LISTED = 10;

function readersOf(names: readonly string[]): { readers: string[]; readerCount: number } {
  return { readers: names.slice(0, READERS_LISTED), readerCount: names.length };
}

function storeRow(s: GraphCredentialStore, graph: AccessGraph): ReportCredentialStore {
  return {
    kind: s.kind,
    store: describeCredentialStore(s),
    name: s.name,
    ...(s.repository === undefined ? {} : { repository: s.repository }),
    ...(s.environment === undefined ? {} : { environment: s.environment, requiredReviewers: s.requiredReviewers === true }),
    ...(s.project === undefined ? {} : { project: s.project }),
    ...(s.variableGroup === undefined ? {} : { variableGroup: s.variableGroup }),
    ...(isKeptInAzure(s) ? { keptIn: s.keptIn, ...readersOf(storeReaderNames(graph, s)) } : {}),
    address: s.origin.address,
  };
}

function count(values: string[]): Record<string, number> {
  // Counted in a Map, so no value can be mistaken for (or written to) Object.prototype; the few
  // distinct values are sorted, not the thousands of rows.
  const totals = new Map<string, number>();
  // forEach, not for...of: V8 loops it itself; in code not yet optimized, for...of makes an iterator result per row.
  values.forEach((v) => totals.set(v, (totals.get(v) ?? 0) + 1));
  return Object.fromEntries([...totals.keys()].sort().map((v) => [v, totals.get(v)!]));
}

export function buildReport(graph: AccessGraph): AccessReport {
  const reach = reachOfGraph(graph);
  const rows = [
    ...graph.grants.map(grantRow),
    ...graph.directoryRoles.map(directoryRoleRow),
    ...graph.appPermissions.map(appPermissionRow),
    ...graph.eligibilities.map((e) => eligibilityRow(e, graph)),
    ...graph.groupAssignments.map((a) => groupAssignmentRow(a, exceptionsOf)),
    ...graph.delegatedGrants.map((g) => delegatedGrantRow(g, exceptionsOf)),
  ];
  const stores = graph.credentialStores.length === 0 ? new Map<string, GraphCredentialStore[]>() : storesByCredential(graph);
  const holders = new Set([...graph.grants, ...graph.eligibilities, ...graph.directoryRoles, ...graph.appPermissions].map((x) => x.principal.key));
  return {
    rows,
    totals: {
      grants: graph.grants.length,
      eligibilities: graph.eligibilities.length,
      directoryRoles: graph.directoryRoles.length,
      appPermissions: graph.appPermissions.length,
      byScopeLevel: count(rows.map((r) => r.scopeLevel)),
      byPrincipalKind: count(rows.map((r) => r.principalKind)),
      accessResources: graph.accessResourceCounts,
    },
    notReviewed: graph.notReviewed.map((c) => ({ kind: describeCoverage(c), reason: c.reason, address: c.origin.address, file: c.origin.file })),
    modulesNotRead: graph.modulesNotRead.map((m) => ({ address: m.origin.address, source: m.source, reason: m.reason, file: m.origin.file })),
    // Filtered, then mapped: flatMap made an empty list for every access resource without a note.
    coverageNotes: graph.coverage.filter((c) => c.note !== undefined)
      .map((c) => ({ kind: describeCoverage(c), note: c.note!, address: c.origin.address, file: c.origin.file })),
    valuesNotEvaluated: graph.valuesNotEvaluated.map((v) => ({ reason: v.reason, address: v.origin.address, file: v.origin.file })),
    identitiesWithoutGrant: graph.identities
      .filter((i) => !holders.has(i.principal.key))
      .map((i) => ({ name: i.name, address: i.origin.address })),
    credentials: graph.credentials.map((c) => ({
      kind: c.kind,
      suppressions: exceptionsOf(c.origin).suppressions,
      owner: credentialOwnerName(c, graph),
      ...(c.endDate ? { endDate: c.endDate } : {}),
      ...(c.endDateRelative ? { endDateRelative: c.endDateRelative } : {}),
      ...(c.issuer ? { issuer: c.issuer } : {}),
      ...(c.subject ? { subject: c.subject } : {}),
      address: c.origin.address,
      ...(stores.has(credentialKey(c)) ? { stores: stores.get(credentialKey(c))!.map((store) => storeRow(store, graph)) } : {}),
    })),
    requestedPermissions: graph.requestedPermissions.map(requestedPermissionRow),
    escalations: rootCausesOfGraph(graph).map(rootCauseRow),
    opensItself: ownReachRows(reach.chains),
  };
}
