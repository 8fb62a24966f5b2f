import { AuditRuleId } from './audit-rule-ids';
import { LiveExports, NotReviewed } from './live-types';
import { PrincipalDirectory } from './principal-directory';
import { allTenantEdges } from './tenant-edges';
import { Finding } from '../../model/finding';
import { IN_TENANT } from '../escalation/chain-steps';
import { computeReach } from '../escalation/reach';
import { isReportedChain } from '../escalation/reported-chain';
import { rootCauseMessage, rootCauseSeverity } from '../escalation/root-cause-verdict';
import { groupByRootCause } from '../escalation/root-causes';
import { targetsNotListed } from '../escalation/targets-not-listed';
import { AccessGraph } from '../graph/access-graph';

/** The tenant's own escalations, and the holdings whose reach over objects no export lists. */
export interface TenantEscalations {
  readonly findings: Finding[];
  readonly notListed: NotReviewed[];
}

/**
 * AUD010: the escalations the tenant holds already, one finding per root cause, as AZA013 says
 * the code's: a graph of the live exports alone (assignments and eligibilities, managed identities
 * on the resources they belong to, the Entra half), its reach, grouped by the edge whose removal
 * closes the paths.
 */
export function tenantEscalations(live: LiveExports, directory: PrincipalDirectory): TenantEscalations {
  const graph = AccessGraph.fromDocuments([{ file: live.assignments.file, document: {} }], new Map(), { forTenant: true });
  graph.addTenant(allTenantEdges(live, directory));
  const notListed = targetsNotListed(graph).map((t): NotReviewed => ({
    file: t.file,
    kind: `holder${t.holders === 1 ? '' : 's'} of "${t.role}", whose reach over ${t.over} is not reviewed (${t.why})`,
    count: t.holders,
  }));
  // The graph is this audit's own: only its escalations are kept, not every chain of the tenant.
  const causes = groupByRootCause(computeReach(graph, isReportedChain).chains);
  const findings = causes.map((cause): Finding => ({
    ruleId: AuditRuleId.ESCALATION_IN_TENANT,
    severity: rootCauseSeverity(cause),
    // Every step of the tenant's own paths is the tenant's: the mark that tells them from the code's says nothing here.
    message: rootCauseMessage(cause).split(IN_TENANT).join(''),
    address: cause.edge.origin.address,
    file: cause.edge.origin.tenant?.file ?? cause.edge.origin.file,
    fix: 'Remove or narrow this assignment in the tenant (or declare the access in code, narrower, and import it): every path above closes with it.',
  }));
  return { findings, notListed };
}
