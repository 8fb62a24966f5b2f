import { HeldInTenant, OpenGraphDocument, openGraphOf } from './opengraph';
import { declaredAccessOf } from '../audit/declared-access';
import { LiveExports } from '../audit/live-types';
import { matchDeclared } from '../audit/match-declared';
import { PrincipalDirectory } from '../audit/principal-directory';
import { allTenantEdges } from '../audit/tenant-edges';
import { AccessGraph } from '../graph/access-graph';

/**
 * The OpenGraph of a review (`report`): the code's graph, with the tenant's assignments overlaid
 * when the review was given exports. The code's grants the tenant holds too are matched as
 * `audit` matches them, and marked `both`.
 */
export function reviewOpenGraph(graph: AccessGraph, live: LiveExports | undefined): OpenGraphDocument {
  const heldInTenant = live === undefined ? []
    : matchDeclared(declaredAccessOf(graph), live.assignments.items, new PrincipalDirectory(live)).matches;
  return openGraphOf({ graphs: [graph], heldInTenant });
}

/**
 * The OpenGraph of an audit: the code's edges and the tenant's own graph (everything AUD010 reads:
 * assignments and eligibilities, managed identities on their resources, the Entra half), an edge
 * in both written once, as the code's, marked `both`.
 */
export function auditOpenGraph(desired: AccessGraph, live: LiveExports, matched: readonly HeldInTenant[]): OpenGraphDocument {
  const tenant = AccessGraph.fromDocuments([{ file: live.assignments.file, document: {} }], new Map(), { forTenant: true });
  tenant.addTenant(allTenantEdges(live, new PrincipalDirectory(live)));
  return openGraphOf({ graphs: [desired, tenant], heldInTenant: matched });
}
