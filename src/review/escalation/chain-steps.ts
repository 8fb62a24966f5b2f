import { eligibleSuffix } from './activation';
import { escalationPathById } from './escalation-catalog';
import { EscalationStep, StepBasis } from './escalation-chain';
import { EscalationEffect } from './escalation-effect';
import { IdentityAttachment } from './scope-contents';

import { EscalationPath } from '../../roles/escalation-path';
import { describeCredentialStore } from '../graph/describe-credential-store';
import { shownScope } from '../graph/describe-scope';
import { GraphCredentialStore, GraphGrant, GraphPrincipal, GraphWorkloadTrust } from '../graph/graph-types';

/** What a step says of an edge the live tenant holds and the code does not declare. */
export const IN_TENANT = ' (in the tenant, not in this code)';

/** The scope as a reviewer knows it (`shownScope`), or that it has none. */
export function scopeName(grant: StepBasis): string {
  return grant.scope.value || grant.scope.name !== undefined ? shownScope(grant.scope) : '(no scope)';
}

/**
 * `holds "Virtual Machine Contributor" at rg-app`; named after the holder past the chain's first
 * principal. An eligibility (with what its activation needs) is `is eligible for "…" at … (after activation, …)`.
 */
export function holdsStep(grant: GraphGrant, holder: string | undefined, activation?: string): EscalationStep {
  const condition = (grant.condition === undefined ? '' : ' (with a condition)') + (grant.origin.tenant === undefined ? '' : IN_TENANT);
  const who = holder === undefined ? '' : `${holder} `;
  if (activation !== undefined) {
    return {
      kind: 'holds',
      description: `${who}is eligible for "${grant.role.name}" at ${scopeName(grant)}${condition} ${eligibleSuffix(activation)}`,
      grant,
      edgeKind: 'AZRoleEligible',
      eligible: true,
    };
  }
  return { kind: 'holds', description: `${who}holds "${grant.role.name}" at ${scopeName(grant)}${condition}`, grant };
}

/** How a grant lets its holder act as an identity. */
export interface ActingAs {
  readonly grant: GraphGrant;
  readonly path: EscalationPath;
  readonly action: string;
  readonly effect: Extract<EscalationEffect, { kind: 'run-as' | 'use-identity' | 'function-content' }>;
  readonly attachment: IdentityAttachment;
  /** The resource's group could not be read, so it was counted as within the scope. */
  readonly assumed: boolean;
  readonly alternatives: readonly { readonly path: EscalationPath; readonly action: string }[];
}

/** `runs as uai-worker on vm-worker (Microsoft.Compute/virtualMachines/runCommand/action)`. */
export function actsAsStep(acting: ActingAs): EscalationStep {
  const { attachment: { identity, resource: on }, effect } = acting;
  const name = identity.principal.name;
  const assumed = acting.assumed ? ', counted as within the scope because its resource group cannot be read' : '';
  const tenant = identity.origin.tenant === undefined ? '' : IN_TENANT;
  const what = effect.kind === 'function-content'
    ? `overwrites the code of ${on.name} in ${on.storageAccount?.name ?? 'its storage account'} and runs as ${name}`
    : effect.kind === 'run-as' ? `${effect.verb} ${name} on ${on.name}` : `${effect.verb} ${name}`;
  return {
    kind: 'acts-as',
    description: `${what} (${acting.action}${assumed})${tenant}`,
    grant: acting.grant,
    path: acting.path,
    action: acting.action,
    ...(acting.alternatives.length === 0 ? {} : { alternatives: acting.alternatives }),
    identity: identity.principal,
    ...(effect.kind === 'use-identity' ? {} : { resource: on.address, on }),
  };
}

/** `can assign itself any role (Owner included) at rg-app (Microsoft.Authorization/roleAssignments/write)`. */
export function opensStep(grant: GraphGrant, path: EscalationPath, action: string, what: string): EscalationStep {
  return { kind: 'opens', description: `${what} (${action})`, grant, path, action };
}

/** How a grant lets its holder sign in with a credential kept where it reads (a Key Vault secret, an app setting, ...). */
export interface ReadingStored {
  readonly grant: GraphGrant;
  readonly store: GraphCredentialStore;
  /** The operation of the grant's role that reads it. */
  readonly operation: string;
  /** The principal the kept credential signs in as. */
  readonly target: GraphPrincipal;
}

/**
 * The escalation-table path and BloodHound edge kind a way of reading is known by, where there is
 * one: reading a vault's secrets is AZGetSecrets; running a runbook is the table's runbook path.
 */
const KNOWN_AS: Partial<Record<GraphCredentialStore['kind'], { readonly path?: EscalationPath; readonly edgeKind?: string }>> = {
  'key-vault-secret': { path: escalationPathById('keyvault-secret-read'), edgeKind: 'AZGetSecrets' },
  'automation-asset': { path: escalationPathById('automation-runbook-exec') },
};

/**
 * `reads Key Vault secret sp-deploy of vault kv-ops, a client secret of app-deploy, and signs in
 * as app-deploy (Microsoft.KeyVault/vaults/secrets/getSecret/action)`: followed to whom the secret belongs.
 */
export function readsStoredStep(reading: ReadingStored): EscalationStep {
  const { grant, store, target, operation } = reading;
  const known = KNOWN_AS[store.kind];
  return {
    kind: 'acts-as',
    description: `reads ${describeCredentialStore(store)}, a client secret of ${target.name}, and signs in as ${target.name} (${operation})`,
    grant,
    ...(known?.edgeKind === undefined ? {} : { edgeKind: known.edgeKind }),
    ...(known?.path === undefined ? {} : { path: known.path }),
    action: operation,
    identity: target,
    store,
  };
}

/** How a grant lets its holder run a pod whose token a federated credential trusts. */
export interface SatisfyingTrust {
  readonly grant: GraphGrant;
  readonly trust: GraphWorkloadTrust;
  /** The operation of the grant's role that runs the pod. */
  readonly operation: string;
  /** The principal the federated credential signs in as. */
  readonly target: GraphPrincipal;
}

/**
 * `runs a pod as service account platform:ops-operator on aks-prod and signs in as uai-ops through
 * its federated credential (Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action)`.
 */
export function runsPodAsStep(satisfying: SatisfyingTrust): EscalationStep {
  const { grant, trust, operation, target } = satisfying;
  return {
    kind: 'acts-as',
    description: `runs a pod as service account ${trust.namespace}:${trust.serviceAccount} on ${trust.cluster.name} and signs in as ${target.name} `
      + `through its federated credential (${operation})`,
    grant,
    edgeKind: 'AZAuthenticatesTo',
    action: operation,
    identity: target,
    trust,
  };
}
