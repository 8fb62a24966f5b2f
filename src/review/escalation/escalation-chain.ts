import { ScopeLevel } from '../../model/scope-level';
import { EscalationPath } from '../../roles/escalation-path';
import { PermissionTier } from '../../roles/permission-tier';
import { describePrincipal } from '../graph/describe-principal';
import { GraphCredentialStore, GraphPrincipal, GraphResource, GraphWorkloadTrust, Origin } from '../graph/graph-types';

/**
 * What a step stands on: an Azure grant (a `GraphGrant` is one), or an Entra holding (a
 * directory role, a Graph permission, an ownership, a membership) described the same way.
 */
export interface StepBasis {
  readonly origin: Origin;
  readonly principal: GraphPrincipal;
  /** The role, permission or relation held (`Owner`, `RoleManagement.ReadWrite.Directory`, `owner of app-deploy`). */
  readonly role: { readonly name: string; readonly canGrantAccess: boolean };
  readonly scope: { readonly value: string; readonly name?: string; readonly level: ScopeLevel };
  readonly condition?: string;
}

/**
 * One step of a chain, named so a reviewer can follow it without the plan open:
 * `holds "Virtual Machine Contributor" at rg-app`,
 * `runs as uai-worker on vm-worker (Microsoft.Compute/virtualMachines/runCommand/action)`,
 * `uai-worker holds "Key Vault Secrets Officer" at kv-payments`.
 */
export interface EscalationStep {
  /** `holds` a grant; `acts-as` another identity; `opens` a path that ends in access. */
  readonly kind: 'holds' | 'acts-as' | 'opens';
  readonly description: string;
  /** The grant the step stands on (for `holds`, and for the grant that opens `acts-as` and `opens`). */
  readonly grant: StepBasis;
  /**
   * The BloodHound edge kind of an Entra step (`AZAddSecret`, `AZMGGrantRole`, `AZMemberOf`), so
   * security teams recognise it; the description names it too.
   */
  readonly edgeKind?: string;
  /** For `holds`: the role is eligible, held only after activation through PIM. */
  readonly eligible?: boolean;
  /** For `holds`: what is held is of the Entra half (a directory role, a Graph permission, an ownership, a membership). */
  readonly entra?: boolean;
  /** For an Entra `holds`: what is held, without the holder's name (`holds the Entra role "…" at …`). */
  readonly holds?: string;
  /** For `acts-as` and `opens`: the escalation path and the operation of the role that opens it. */
  readonly path?: EscalationPath;
  readonly action?: string;
  /** For `acts-as`: other paths the same grant opens to the same identity (the description names the first). */
  readonly alternatives?: readonly { readonly path: EscalationPath; readonly action: string }[];
  /** For `acts-as`: the identity taken on, and the resource it runs on when there is one. */
  readonly identity?: GraphPrincipal;
  readonly resource?: string;
  /** For `acts-as` on a resource: that resource, whose attachment of the identity is an edge of its own. */
  readonly on?: GraphResource;
  /** For `acts-as` through a stored credential: where it is kept (a Key Vault secret), an edge of its own. */
  readonly store?: GraphCredentialStore;
  /** For `acts-as` through a trust: the federated credential a pod's token satisfies (AKS workload identity), an edge of its own. */
  readonly trust?: GraphWorkloadTrust;
  /**
   * Not what the step says, but room for the one grouping by root cause that is running
   * (root-causes.ts), as on trails: which grouping last read the edge this step stands on, and
   * that edge's number there (-1 for none). Reach makes every step with both.
   */
  groupedBy?: number;
  groupEdge?: number;
}

/** What a chain ends in: a role at a scope, or what a path gives in place of a role. */
export interface ChainReach {
  /** A role's name, or what the path gives ("any role (Owner included)", "Key Vault secret values"). */
  readonly role: string;
  /** The scope as a reviewer knows it: its name, or the value as written. */
  readonly scope: string;
  readonly scopeLevel: ScopeLevel;
  readonly canGrantAccess: boolean;
  /** The tier of what is reached: of the role, permission or data at the end (application-defined for an application's own app role). */
  readonly tier: PermissionTier;
}

/**
 * The steps of a path, from its last back to its first. The paths of one search share their
 * beginnings: five hundred identities that each run as the next make 125,000 paths, and each
 * is one or two nodes here, never a copy of every step before it.
 */
export interface StepTrail {
  readonly step: EscalationStep;
  readonly previous?: StepTrail;
  /** How many steps, this one included. */
  readonly length: number;
  /**
   * Not what the trail says, but room for the one grouping by root cause that is running
   * (root-causes.ts): which grouping last made this trail a node of its tree (a number no other
   * grouping has), and that node. A map from trails to nodes, for the tens of thousands of
   * trails of a large review, was a fifth of the grouping's time.
   */
  groupedBy: number;
  groupNode: number;
}

/** A trail one step longer. */
export function extendTrail(trail: StepTrail | undefined, step: EscalationStep): StepTrail {
  // One shape for every trail (made for each step of every path): `previous` is there, undefined at the start.
  return { step, previous: trail, length: (trail?.length ?? 0) + 1, groupedBy: 0, groupNode: 0 };
}

/** The steps of a trail, first to last. */
export function stepsOf(trail: StepTrail): EscalationStep[] {
  const steps = new Array<EscalationStep>(trail.length);
  for (let at: StepTrail | undefined = trail, i = trail.length - 1; at !== undefined; at = at.previous, i--) steps[i] = at.step;
  return steps;
}

/** The first step of a trail, first to last, that passes `test`; walked back along the trail, no array made. */
export function firstStepOf(trail: StepTrail, test: (step: EscalationStep) => boolean): EscalationStep | undefined {
  let found: EscalationStep | undefined;
  for (let at: StepTrail | undefined = trail; at !== undefined; at = at.previous) if (test(at.step)) found = at.step;
  return found;
}

/** One way a principal reaches a role at a scope: a direct grant, or a chain through paths and identities. */
export interface EscalationChain {
  readonly principal: GraphPrincipal;
  /** The steps, first to last, made from `trail` when asked: views ask it of the few paths they show. */
  readonly steps: EscalationStep[];
  /** The last step, with the ones before it: what grouping and diffs walk, sharing what paths share. */
  readonly trail: StepTrail;
  /** The first step: where the path starts. */
  readonly first: EscalationStep;
  /** Whether some step acts as another principal (runs code as an identity, signs in as a service principal). */
  readonly passesIdentity: boolean;
  readonly reaches: ChainReach;
  /** The first grant of the chain: a finding points there, and suppressions on it apply. */
  readonly origin: Origin;
  /** The reached scope lies outside every scope the principal holds a role at itself. */
  readonly widens: boolean;
  /** The principal itself holds an Azure role that can grant access (then an Azure chain adds no power over access). */
  readonly holderCanGrantAccess: boolean;
  /**
   * The chain ends in data or control the principal does not hold itself: a role an identity on
   * the way holds, data a control-plane operation opens, an Entra role or permission it can give itself.
   */
  readonly gains: boolean;
  /**
   * The end is the start's own reach, not an escalation: what its own grant or holding opens in
   * one step, or an end it holds already or can give itself in one step (any role at a scope
   * where it can grant access, any Entra role when it can assign them). It is shown with the
   * grant, which the grant rules (AZA001 to AZA004, AZA021, AZA022) judge.
   */
  readonly ownReach: boolean;
  /** Which half of Azure access the chain ends in: an Azure role or data, or an Entra role or permission. */
  readonly endsIn: 'azure' | 'entra';
}

/**
 * The chain without Terraform addresses or file names: the principal's name and what each step
 * says. Two syntheses of the same code give the same key, so a diff can match chains.
 */
export function chainKey(chain: EscalationChain): string {
  return [chain.principal.name, ...chain.steps.map((s) => s.description)].join(' → ');
}

/** `user alice → holds "…" at rg-app → runs as uai-worker on vm-worker (…) → uai-worker holds "…" at kv-payments`. */
export function describeChain(chain: EscalationChain): string {
  // A report describes every chain: the text is joined step by step, with no array per chain.
  let text = describePrincipal(chain.principal);
  for (const step of chain.steps) text += ` → ${step.description}`;
  return text;
}

/** What a chain says yes or no to: one shared object per combination (at most 64). */
interface ChainFacts {
  readonly passesIdentity: boolean;
  readonly widens: boolean;
  readonly holderCanGrantAccess: boolean;
  readonly gains: boolean;
  readonly ownReach: boolean;
  readonly endsIn: 'azure' | 'entra';
}

// One slot per combination, numbered by the facts as binary digits (no string made per chain).
const CHAIN_FACTS: (ChainFacts | undefined)[] = new Array(64);

function factsOf(passesIdentity: boolean, widens: boolean, holderCanGrantAccess: boolean, gains: boolean, ownReach: boolean,
  endsIn: 'azure' | 'entra'): ChainFacts {
  const slot = (passesIdentity ? 1 : 0) + (widens ? 2 : 0) + (holderCanGrantAccess ? 4 : 0) + (gains ? 8 : 0) + (ownReach ? 16 : 0)
    + (endsIn === 'entra' ? 32 : 0);
  let facts = CHAIN_FACTS[slot];
  if (facts === undefined) CHAIN_FACTS[slot] = facts = Object.freeze({ passesIdentity, widens, holderCanGrantAccess, gains, ownReach, endsIn });
  return facts;
}

/**
 * A chain whose `steps` are made from its trail on each ask: no chain keeps a copy of what others
 * share. A large review keeps tens of thousands of chains: what a chain says yes or no to is
 * one shared object, and its origin is its first step's.
 */
class TrailChain implements EscalationChain {
  public readonly principal: GraphPrincipal;
  public readonly trail: StepTrail;
  public readonly first: EscalationStep;
  public readonly reaches: ChainReach;
  private readonly facts: ChainFacts;

  constructor(principal: GraphPrincipal, trail: StepTrail, first: EscalationStep, reaches: ChainReach, facts: ChainFacts) {
    this.principal = principal;
    this.trail = trail;
    this.first = first;
    this.reaches = reaches;
    this.facts = facts;
  }

  public get origin(): Origin {
    return this.first.grant.origin;
  }

  public get passesIdentity(): boolean {
    return this.facts.passesIdentity;
  }

  public get widens(): boolean {
    return this.facts.widens;
  }

  public get holderCanGrantAccess(): boolean {
    return this.facts.holderCanGrantAccess;
  }

  public get gains(): boolean {
    return this.facts.gains;
  }

  public get ownReach(): boolean {
    return this.facts.ownReach;
  }

  public get endsIn(): 'azure' | 'entra' {
    return this.facts.endsIn;
  }

  public get steps(): EscalationStep[] {
    return stepsOf(this.trail);
  }
}

/**
 * A chain of what reach knows of it, given one by one: reach makes tens of thousands of chains,
 * and an object of their fields for each was as large as the chain.
 */
export function chainFrom(principal: GraphPrincipal, trail: StepTrail, first: EscalationStep, reaches: ChainReach,
  passesIdentity: boolean, widens: boolean, holderCanGrantAccess: boolean, gains: boolean, ownReach: boolean,
  endsIn: 'azure' | 'entra'): EscalationChain {
  return new TrailChain(principal, trail, first, reaches, factsOf(passesIdentity, widens, holderCanGrantAccess, gains, ownReach, endsIn));
}
