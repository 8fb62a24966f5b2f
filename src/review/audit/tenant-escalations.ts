import { AuditRuleId } from './audit-rule-ids';
import { LiveExports } from './live-types';
import { PrincipalDirectory } from './principal-directory';
import { allTenantEdges } from './tenant-edges';
import { Finding } from '../../model/finding';
import { IN_TENANT } from '../escalation/chain-steps';
import { computeReach } from '../escalation/reach';
import { isReportedChain } from '../escalation/reported-chain';
import { rootCauseMessage, rootCauseSeverity } from '../escalation/root-cause-verdict';
import { groupByRootCause } from '../escalation/root-causes';
import { AccessGraph } from '../graph/access-graph';

/**
 * AUD010: the escalations the tenant holds already, one finding per root cause, as AZA013 says
 * the code's: a graph of the live exports alone (every standing assignment, every managed
 * identity on the resource it belongs to), its reach, grouped by the edge whose removal closes
 * the paths. The tenant's eligibilities are not read into it yet.
 */
export function tenantEscalations(live: LiveExports, directory: PrincipalDirectory): Finding[] {
  const graph = AccessGraph.fromDocuments([{ file: live.assignments.file, document: {} }], new Map(), { forTenant: true });
  graph.addTenant(allTenantEdges(live, directory));
  // The graph is this audit's own: only its escalations are kept, not every chain of the tenant.
  const causes = groupByRootCause(computeReach(graph, isReportedChain).chains);
  return causes.map((cause) => ({
    ruleId: AuditRuleId.ESCALATION_IN_TENANT,
    severity: rootCauseSeverity(cause),
    // Every step of the tenant's own paths is the tenant's: the mark that tells them from the code's says nothing here.
    message: rootCauseMessage(cause).split(IN_TENANT).join(''),
    address: cause.edge.origin.address,
    file: cause.edge.origin.tenant?.file ?? cause.edge.origin.file,
    fix: 'Remove or narrow this assignment in the tenant (or declare the access in code, narrower, and import it): every path above closes with it.',
  }));
}
