import { flowOf } from './escalation-rules';
import { holdingsOf, widestHolding } from './principal-holdings';
import { keptInStoresFix, keptInStoresFlows, keptInStoresText } from './secret-kept-in-ci';
import { RuleId } from '../../model/rule-id';
import { Severity } from '../../model/severity';
import { rootCauseMessage } from '../../review/escalation/root-cause-verdict';
import { RootCause, rootCausesOfGraph } from '../../review/escalation/root-causes';
import { AccessGraph } from '../../review/graph/access-graph';
import { credentialKey, storesByCredential } from '../../review/graph/ci-secret-stores';
import { credentialEndPhrase } from '../../review/graph/credential-end';
import { credentialOwnerName } from '../../review/graph/credential-owner';
import { isKeptInAzure } from '../../review/graph/describe-credential-store';
import { GraphCredentialStore, GraphPrincipal, Origin } from '../../review/graph/graph-types';
import { Rule } from '../rule';

const MIGRATION_WINDOW = 'During the migration, suppress AZA005 with a reason and an `until` date.';

export const secretPresent: Rule = {
  id: RuleId.SECRET_PRESENT,
  title: 'Secret still present',
  defaultSeverity: Severity.ERROR,
  description: 'An application password or service principal secret exists; workloads should use managed identities or federated credentials. '
    + 'Where the configuration keeps it (a CI secret or variable; in Azure, a Key Vault secret, an app setting or connection string, an App '
    + 'Configuration key, an Automation credential or variable), the finding names who can use it there, and the escalation paths its '
    + 'readers in Azure open by signing in as its principal (said here, not again by AZA013).',
  fix: `Move the workload to a managed identity (WorkloadIdentity) or a federated credential, then delete the secret. ${MIGRATION_WINDOW}`,
  suppressionNeedsExpiry: true,
  check: (graph) => {
    const secrets = graph.credentials.filter((c) => c.kind === 'application-password' || c.kind === 'service-principal-password');
    // One root cause, one finding: where the secret is kept in CI is said on the secret itself.
    const stores = secrets.length === 0 || graph.credentialStores.length === 0
      ? new Map<string, GraphCredentialStore[]>() : storesByCredential(graph);
    const keptCauses = stores.size === 0 ? new Map<Origin, RootCause[]>() : causesByStore(graph);
    return secrets.map((c) => {
      // Named as the configuration names its owner (an application's display_name), the reference only when it has no name.
      const message = `${c.kind.replace(/-/g, ' ')} of ${credentialOwnerName(c, graph)} (${credentialEndPhrase(c)}).`;
      const kept = stores.get(credentialKey(c));
      if (kept === undefined) return { origin: c.origin, message };
      // The escalations through where it is kept are this secret's: said here, not again by AZA013.
      // Stores of one block (an app's settings) share its edge: each root cause once.
      const paths = [...new Set(kept.flatMap((store) => keptCauses.get(store.origin) ?? []))];
      return {
        origin: c.origin,
        message: [message, keptInStoresText(c, kept, graph), ...paths.map(rootCauseMessage)].join(' '),
        fix: `${keptInStoresFix(kept)} ${MIGRATION_WINDOW}`,
        flows: [...(keptInStoresFlows(c, kept, graph) ?? []), ...paths.flatMap((cause) => cause.chains.slice(0, 1).map(flowOf))],
      };
    });
  },
};

/** The root causes that are a kept client secret (its readers sign in as its principal), by where it is kept. */
function causesByStore(graph: AccessGraph): Map<Origin, RootCause[]> {
  const byStore = new Map<Origin, RootCause[]>();
  if (!graph.credentialStores.some(isKeptInAzure)) return byStore;
  for (const cause of rootCausesOfGraph(graph)) {
    if (cause.edge.kind !== 'stored-credential') continue;
    byStore.set(cause.edge.origin, [...(byStore.get(cause.edge.origin) ?? []), cause]);
  }
  return byStore;
}

export const userServiceAccount: Rule = {
  id: RuleId.USER_SERVICE_ACCOUNT,
  title: 'User account with a standing password, or used as a service account',
  defaultSeverity: Severity.ERROR,
  description: 'A user account whose password the configuration sets and no first sign-in replaces (force_password_change not true), or that '
    + 'a job signs in as (its password never expires, is kept in another resource, or an automation credential names it): the password '
    + 'is in Terraform state, and no pipeline can satisfy the account\'s MFA. Accounts declared without a credential, and initial passwords '
    + 'the person must change, are not reported. An account disabled as written (account_enabled = false) is a warning: no one signs in '
    + 'to it until it is enabled, and whoever enables it (a User Administrator, or an apply that sets account_enabled) makes the password '
    + 'in state usable.',
  fix: 'For a job: run it as a managed identity (WorkloadIdentity) or a service principal with a federated credential, give it the account\'s '
    + 'roles, then delete the account. For a person: set force_password_change = true, so the password in state stops working at first '
    + 'sign-in. During a migration, suppress AZA031 with a reason and an `until` date.',
  suppressionNeedsExpiry: true,
  check: (graph) =>
    graph.directoryObjects.flatMap((o) => {
      if (o.accountSigns === undefined) return [];
      const { serviceAccount, disabled, signs } = o.accountSigns;
      const holds = o.principal === undefined ? '' : holdsClause(o.principal, graph);
      const message = `user ${o.name} ${accountClause(serviceAccount, disabled)}: ${signs.join('; ')}${holds}.`;
      // Entra refuses sign-in to a disabled account: the password is in state, usable only once someone enables it.
      return [{ origin: o.origin, message, ...(disabled ? { severity: Severity.WARNING } : {}) }];
    }),
};

/** What the account is, and whether its password can be used now. */
function accountClause(serviceAccount: boolean, disabled: boolean): string {
  if (!disabled) return serviceAccount ? 'is a service account' : 'keeps a password from the configuration, usable and in Terraform state';
  return serviceAccount
    ? 'is a service account, disabled now (account_enabled = false); enabling the account makes its password usable'
    : 'is disabled now (account_enabled = false) and keeps a password from the configuration in Terraform state; enabling the account makes it usable';
}

/** `; it holds "Owner" at rg-prod and 1 other grant`: the widest of what the user holds (the shared holdings), or nothing. */
function holdsClause(principal: GraphPrincipal, graph: AccessGraph): string {
  const holdings = holdingsOf(principal, graph);
  const widest = widestHolding(holdings);
  if (widest === undefined) return '';
  const others = holdings.length - 1;
  return `; it holds "${widest.role}" at ${widest.scope}${others === 0 ? '' : ` and ${others} other grant${others === 1 ? '' : 's'}`}`;
}
