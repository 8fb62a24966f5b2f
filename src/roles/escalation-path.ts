import { EscalationPathCriteria } from './role-classification';

/** Where a fact about an escalation path was read. */
export interface EscalationSource {
  readonly title: string;
  /** A repository (`owner/name`) or a site. */
  readonly repoOrSite: string;
  /** A file in that repository, or a URL. */
  readonly pathOrUrl: string;
}

/**
 * One way a holder of some Azure RBAC operations gets more than its role's name says, as
 * data/azure-escalation-actions.json records it. The matching fields come from
 * `EscalationPathCriteria`; the rest is what a reviewer reads next to a finding.
 */
export interface EscalationPath extends EscalationPathCriteria {
  readonly title: string;
  /** One sentence: what the holder can do once the path is open. */
  readonly effect: string;
  /** Prerequisites that are not RBAC operations, and other caveats. */
  readonly notes?: string;
  /** How well the sources support the path; `low` ones may no longer work. */
  readonly confidence: 'high' | 'medium' | 'low';
  readonly sources: EscalationSource[];
}
