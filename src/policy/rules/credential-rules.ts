import { keptInStoresFix, keptInStoresFlows, keptInStoresText } from './secret-kept-in-ci';
import { RuleId } from '../../model/rule-id';
import { Severity } from '../../model/severity';
import { credentialKey, storesByCredential } from '../../review/graph/ci-secret-stores';
import { Rule } from '../rule';

const MIGRATION_WINDOW = 'During the migration, suppress AZA005 with a reason and an `until` date.';

export const secretPresent: Rule = {
  id: RuleId.SECRET_PRESENT,
  title: 'Secret still present',
  defaultSeverity: Severity.ERROR,
  description: 'An application password or service principal secret exists; workloads should use managed identities or federated credentials.',
  fix: `Move the workload to a managed identity (WorkloadIdentity) or a federated credential, then delete the secret. ${MIGRATION_WINDOW}`,
  suppressionNeedsExpiry: true,
  check: (graph) => {
    const secrets = graph.credentials.filter((c) => c.kind === 'application-password' || c.kind === 'service-principal-password');
    // One root cause, one finding: where the secret is kept in CI is said on the secret itself.
    const stores = secrets.length === 0 || graph.credentialStores.length === 0 ? new Map() : storesByCredential(graph);
    return secrets.map((c) => {
      const message = `${c.kind.replace(/-/g, ' ')} of ${c.owner}${c.endDate ? ` (ends ${c.endDate})` : ' (no end date)'}.`;
      const kept = stores.get(credentialKey(c));
      return kept === undefined
        ? { origin: c.origin, message }
        : {
          origin: c.origin,
          message: `${message} ${keptInStoresText(c, kept, graph)}`,
          fix: `${keptInStoresFix(kept)} ${MIGRATION_WINDOW}`,
          flows: keptInStoresFlows(c, kept, graph),
        };
    });
  },
};
