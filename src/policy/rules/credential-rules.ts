import { keptInStoresFix, keptInStoresFlows, keptInStoresText } from './secret-kept-in-ci';
import { RuleId } from '../../model/rule-id';
import { Severity } from '../../model/severity';
import { AccessGraph } from '../../review/graph/access-graph';
import { credentialKey, storesByCredential } from '../../review/graph/ci-secret-stores';
import { credentialOwnerName } from '../../review/graph/credential-owner';
import { describeDirectoryRole } from '../../review/report/describe-entra-access';
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
      // Named as the configuration names its owner (an application's display_name), the reference only when it has no name.
      const message = `${c.kind.replace(/-/g, ' ')} of ${credentialOwnerName(c, graph)}${c.endDate ? ` (ends ${c.endDate})` : ' (no end date)'}.`;
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

export const userServiceAccount: Rule = {
  id: RuleId.USER_SERVICE_ACCOUNT,
  title: 'User account used as a service account',
  defaultSeverity: Severity.ERROR,
  description: 'A user account whose password the configuration sets or hands on, or that a workload signs in as: its password is in Terraform state, '
    + 'and no pipeline can satisfy its MFA. People\'s accounts declared without a credential are not reported.',
  fix: 'Run the job as a managed identity (WorkloadIdentity) or a service principal with a federated credential, give it the account\'s roles, '
    + 'then delete the account. During the migration, suppress AZA031 with a reason and an `until` date.',
  suppressionNeedsExpiry: true,
  check: (graph) =>
    graph.directoryObjects.flatMap((o) => {
      if (o.serviceAccountSigns === undefined) return [];
      const holds = o.principal === undefined ? '' : holdingsOf(graph, o.principal.key);
      return [{ origin: o.origin, message: `user ${o.name} is a service account: ${o.serviceAccountSigns.join('; ')}${holds}.` }];
    }),
};

/** What a user holds, as a clause: its first Azure role or Entra role and how many more, or nothing. */
function holdingsOf(graph: AccessGraph, key: string): string {
  const held = [
    ...graph.grants.filter((g) => g.principal.key === key).map((g) => `"${g.role.name}" at ${g.scope.name ?? g.scope.value}`),
    ...graph.directoryRoles.filter((d) => d.principal.key === key).map((d) => `the Entra role ${describeDirectoryRole(d)}`),
  ];
  if (held.length === 0) return '';
  return `; it holds ${held[0]}${held.length > 1 ? ` and ${held.length - 1} more` : ''}`;
}
