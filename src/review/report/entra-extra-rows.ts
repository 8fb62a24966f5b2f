import type { ReportRow } from './report-row';
import { tierLabel } from '../../roles/permission-tier';
import { expiryEnd } from '../graph/expiry-end';
import { GraphDelegatedGrant, GraphGroupAssignment, GraphRequestedPermission, Origin } from '../graph/graph-types';

/**
 * Report rows for the rest of the Entra half: active PIM for Groups assignments and delegated
 * consents as rows beside the grants, and requested permissions as a list of their own (a
 * request is no grant, so it is never a row). buildReport passes its `exceptionsOf`, so
 * suppressions are shown the one way they are shown everywhere.
 */
export type ExceptionsOf = (origin: Origin) => Pick<ReportRow, 'justification' | 'suppressions'>;

/** An active PIM for Groups assignment: membership or ownership held now, until its end. */
export function groupAssignmentRow(a: GraphGroupAssignment, exceptionsOf: ExceptionsOf): ReportRow {
  return {
    principal: a.principal.name,
    principalKind: a.principal.kind,
    role: `${a.assignmentType} of ${a.group.name} (PIM for Groups)`,
    plane: 'unknown',
    scope: a.group.name,
    scopeLevel: 'group',
    access: 'active',
    expiry: expiryEnd(a.expiry) ?? 'never',
    address: a.origin.address,
    file: a.origin.file,
    ...exceptionsOf(a.origin),
  };
}

/** Admin consent to delegated scopes: standing, for one user or every user of the tenant. */
export function delegatedGrantRow(g: GraphDelegatedGrant, exceptionsOf: ExceptionsOf): ReportRow {
  const scopes = g.unreadScopes ?? g.scopes.map((s) => s.name).join(' ');
  const who = !g.tenantWide && g.user !== undefined ? g.user.name : g.user === undefined ? 'every user' : `every user (user_object_id ${g.user.written} cannot be read)`;
  return {
    principal: g.client.name,
    principalKind: g.client.kind,
    role: `${scopes} (delegated, on behalf of ${who})`,
    plane: 'unknown',
    scope: g.api.name,
    scopeLevel: 'api',
    tier: tierLabel(g.tier),
    access: 'standing',
    expiry: 'never',
    address: g.origin.address,
    file: g.origin.file,
    ...exceptionsOf(g.origin),
  };
}

/** A permission an application requests: informational, listed apart from what is held. */
export interface ReportRequestedPermission {
  readonly application: string;
  readonly api: string;
  readonly kind: GraphRequestedPermission['kind'];
  readonly permission: string;
  /** What it would give if consented; `unclassified` when it counts as tier 0 for want of a classification. */
  readonly tier: string;
  readonly address: string;
  readonly file: string;
}

export function requestedPermissionRow(r: GraphRequestedPermission): ReportRequestedPermission {
  return {
    application: r.application,
    api: r.api.name,
    kind: r.kind,
    permission: r.name,
    tier: `${tierLabel(r.tier)}${r.classified ? '' : ', unclassified'}`,
    address: r.origin.address,
    file: r.origin.file,
  };
}
