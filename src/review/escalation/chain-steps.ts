import { eligibleSuffix } from './activation';
import { escalationPathById } from './escalation-catalog';
import { EscalationStep, StepBasis } from './escalation-chain';
import { EscalationEffect } from './escalation-effect';
import { IdentityAttachment } from './scope-contents';

import { EscalationPath } from '../../roles/escalation-path';
import { describeCredentialStore } from '../graph/describe-credential-store';
import { shownScope } from '../graph/describe-scope';
import { GraphCredentialStore, GraphGrant, GraphPrincipal, GraphResource, GraphWorkloadTrust } from '../graph/graph-types';

/** What a step says of an edge the live tenant holds and the code does not declare. */
export const IN_TENANT = ' (in the tenant, not in this code)';

/** The scope as a reviewer knows it (`shownScope`), or that it has none. */
export function scopeName(grant: StepBasis): string {
  return grant.scope.value || grant.scope.name !== undefined ? shownScope(grant.scope) : '(no scope)';
}

/*
 * A step's words are made when first read. A large review makes tens of thousands of steps and
 * shows a few (a root cause's shortest path, a few code flows): the words of every step, made as
 * it was, were a quarter of a million joined strings kept to the end of the review, which the
 * collector copied again and again. Each step keeps what its words are made of (it already held
 * most of it) and makes them once, the same as they were made before.
 */

/** A step whose description is made from its other fields when first read. */
abstract class WordedStep {
  public groupedBy = 0;
  public groupEdge = -1;
  private words: string | undefined = undefined;

  public get description(): string {
    return (this.words ??= this.describe());
  }

  protected abstract describe(): string;
}

/** Holding a grant (for an eligibility: after activation). */
class HoldsStep extends WordedStep implements EscalationStep {
  public readonly kind = 'holds';
  declare public readonly edgeKind?: string;
  declare public readonly eligible?: boolean;

  constructor(public readonly grant: GraphGrant, private readonly holder: string | undefined, private readonly activation: string | undefined) {
    super();
    if (activation !== undefined) {
      (this as { edgeKind?: string }).edgeKind = 'AZRoleEligible';
      (this as { eligible?: boolean }).eligible = true;
    }
  }

  protected describe(): string {
    const { grant, holder, activation } = this;
    const condition = (grant.condition === undefined ? '' : ' (with a condition)') + (grant.origin.tenant === undefined ? '' : IN_TENANT);
    const who = holder === undefined ? '' : `${holder} `;
    if (activation !== undefined) return `${who}is eligible for "${grant.role.name}" at ${scopeName(grant)}${condition} ${eligibleSuffix(activation)}`;
    return `${who}holds "${grant.role.name}" at ${scopeName(grant)}${condition}`;
  }
}

/**
 * `holds "Virtual Machine Contributor" at rg-app`; named after the holder past the chain's first
 * principal. An eligibility (with what its activation needs) is `is eligible for "…" at … (after activation, …)`.
 */
export function holdsStep(grant: GraphGrant, holder: string | undefined, activation?: string): EscalationStep {
  return new HoldsStep(grant, holder, activation);
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

/** Acting as an identity: running code on its resource, attaching it, federating it. */
class ActsAsStep extends WordedStep implements EscalationStep {
  public readonly kind = 'acts-as';
  public readonly grant: GraphGrant;
  public readonly path: EscalationPath;
  public readonly action: string;
  declare public readonly alternatives?: readonly { readonly path: EscalationPath; readonly action: string }[];
  public readonly identity: GraphPrincipal;
  declare public readonly resource?: string;
  declare public readonly on?: GraphResource;
  private readonly effect: ActingAs['effect'];
  private readonly onName: string;
  private readonly storageAccount: string | undefined;
  private readonly assumed: boolean;
  private readonly inTenant: boolean;

  constructor(acting: ActingAs) {
    super();
    const { attachment: { identity, resource: on }, effect } = acting;
    this.grant = acting.grant;
    this.path = acting.path;
    this.action = acting.action;
    if (acting.alternatives.length > 0) (this as { alternatives?: ActingAs['alternatives'] }).alternatives = acting.alternatives;
    this.identity = identity.principal;
    if (effect.kind !== 'use-identity') {
      (this as { resource?: string }).resource = on.address;
      (this as { on?: GraphResource }).on = on;
    }
    this.effect = effect;
    this.onName = on.name;
    this.storageAccount = on.storageAccount?.name;
    this.assumed = acting.assumed;
    this.inTenant = identity.origin.tenant !== undefined;
  }

  protected describe(): string {
    const { effect, onName } = this;
    const name = this.identity.name;
    const assumed = this.assumed ? ', counted as within the scope because its resource group cannot be read' : '';
    const tenant = this.inTenant ? IN_TENANT : '';
    const what = effect.kind === 'function-content'
      ? `overwrites the code of ${onName} in ${this.storageAccount ?? 'its storage account'} and runs as ${name}`
      : effect.kind === 'run-as' ? `${effect.verb} ${name} on ${onName}` : `${effect.verb} ${name}`;
    return `${what} (${this.action}${assumed})${tenant}`;
  }
}

/** `runs as uai-worker on vm-worker (Microsoft.Compute/virtualMachines/runCommand/action)`. */
export function actsAsStep(acting: ActingAs): EscalationStep {
  return new ActsAsStep(acting);
}

/** Opening a path that ends in access or roles: `can assign itself any role (Owner included) at rg-app (…/roleAssignments/write)`. */
class OpensStep extends WordedStep implements EscalationStep {
  public readonly kind = 'opens';

  constructor(public readonly grant: GraphGrant, public readonly path: EscalationPath, public readonly action: string,
    private readonly verb: string, private readonly what: string, private readonly where: string) {
    super();
  }

  protected describe(): string {
    return `${this.verb} ${this.what} at ${this.where} (${this.action})`;
  }
}

/**
 * `can assign itself any role (Owner included) at rg-app (Microsoft.Authorization/roleAssignments/write)`:
 * what the path does (`can assign itself`), to what (`any role (Owner included)`), where.
 */
export function opensStep(grant: GraphGrant, path: EscalationPath, action: string, verb: string, what: string, where: string): EscalationStep {
  return new OpensStep(grant, path, action, verb, what, where);
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
  return new ReadsStoredStep(reading);
}

class ReadsStoredStep extends WordedStep implements EscalationStep {
  public readonly kind = 'acts-as';
  public readonly grant: GraphGrant;
  declare public readonly edgeKind?: string;
  declare public readonly path?: EscalationPath;
  public readonly action: string;
  public readonly identity: GraphPrincipal;
  public readonly store: GraphCredentialStore;

  constructor(reading: ReadingStored) {
    super();
    const { grant, store, target, operation } = reading;
    const known = KNOWN_AS[store.kind];
    this.grant = grant;
    if (known?.edgeKind !== undefined) (this as { edgeKind?: string }).edgeKind = known.edgeKind;
    if (known?.path !== undefined) (this as { path?: EscalationPath }).path = known.path;
    this.action = operation;
    this.identity = target;
    this.store = store;
  }

  protected describe(): string {
    const name = this.identity.name;
    return `reads ${describeCredentialStore(this.store)}, a client secret of ${name}, and signs in as ${name} (${this.action})`;
  }
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
  return new RunsPodAsStep(satisfying.grant, satisfying.operation, satisfying.target, satisfying.trust);
}

class RunsPodAsStep extends WordedStep implements EscalationStep {
  public readonly kind = 'acts-as';
  public readonly edgeKind = 'AZAuthenticatesTo';

  constructor(public readonly grant: GraphGrant, public readonly action: string, public readonly identity: GraphPrincipal,
    public readonly trust: GraphWorkloadTrust) {
    super();
  }

  protected describe(): string {
    const { trust } = this;
    return `runs a pod as service account ${trust.namespace}:${trust.serviceAccount} on ${trust.cluster.name} and signs in as ${this.identity.name} `
      + `through its federated credential (${this.action})`;
  }
}
