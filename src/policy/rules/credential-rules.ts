import { RuleId } from '../../model/rule-id';
import { Severity } from '../../model/severity';
import { Rule } from '../rule';

export const secretPresent: Rule = {
  id: RuleId.SECRET_PRESENT,
  title: 'Secret still present',
  defaultSeverity: Severity.ERROR,
  description: 'An application password or service principal secret exists; workloads should use managed identities or federated credentials.',
  fix: 'Move the workload to a managed identity (WorkloadIdentity) or a federated credential, then delete the secret. ' +
    'During the migration, suppress AZA005 with a reason and an `until` date.',
  suppressionNeedsExpiry: true,
  check: (graph) =>
    graph.credentials
      .filter((c) => c.kind === 'application-password' || c.kind === 'service-principal-password')
      .map((c) => ({
        origin: c.origin,
        message: `${c.kind.replace(/-/g, ' ')} of ${c.owner}${c.endDate ? ` (ends ${c.endDate})` : ' (no end date)'}.`,
      })),
};
