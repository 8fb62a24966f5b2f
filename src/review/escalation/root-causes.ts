import { scopeName } from './chain-steps';
import { entraHoldingsOf } from './entra-holdings';
import { ChainReach, EscalationChain, EscalationStep, StepBasis, StepTrail } from './escalation-chain';
import { reachOfGraph } from './reach';
import { isReportedChain } from './reported-chain';
import { StaleMaxHeap } from './stale-max-heap';
import { PermissionTier, permissionTierRank } from '../../roles/permission-tier';
import { AccessGraph } from '../graph/access-graph';
import { credentialKey } from '../graph/ci-secret-stores';
import { credentialPrincipal } from '../graph/credential-owner';
import { describeCredentialStore } from '../graph/describe-credential-store';
import { describePrincipal } from '../graph/describe-principal';
import { GraphCredentialStore, GraphEligibility, GraphGrant, GraphPrincipal, GraphResource, GraphWorkloadTrust, Origin } from '../graph/graph-types';
import { documentKeyOf } from '../graph/origin';

/**
 * An edge of the graph that chains stand on: a grant, an eligibility, an Entra holding (a
 * directory role, an application permission, an ownership, a membership), an identity attached
 * to a resource, a credential kept where others read it (a Key Vault secret that holds a client
 * secret), or a federated credential that trusts a cluster's service account. Removing it closes
 * every chain through it.
 */
export interface ChainEdge {
  /**
   * What it is in any synthesis of the same code: names, not addresses or files, so the base and
   * the head of a diff agree on it (as `chainKey` does for chains).
   */
  readonly key: string;
  readonly kind: 'grant' | 'eligibility' | 'entra' | 'attachment' | 'stored-credential' | 'federated-trust';
  /** The block that declares it: a root cause's finding points there, and its suppressions apply. */
  readonly origin: Origin;
  /** `managed identity uai-ordering-api holds "Owner" at 11111111-…`, as a reviewer reads it. */
  readonly description: string;
  readonly principal: GraphPrincipal;
}

/** A root cause: the edge whose removal closes a set of chains, and those chains. */
export interface RootCause {
  readonly edge: ChainEdge;
  /** The paths it closes, worst end first (tier, then what can grant access). */
  readonly chains: readonly EscalationChain[];
  /** The distinct ends of those paths, worst first. */
  readonly ends: readonly ChainReach[];
  /** The widest tier its paths reach (application-defined ranks below tier 2). */
  readonly tier: PermissionTier;
  /** That tier as a rank: 0 is the widest, 3 application-defined. */
  readonly tierLevel: number;
  /** The principals its paths start from, by name, in first-seen order. */
  readonly starts: readonly GraphPrincipal[];
}

/** The edge one step stands on, if any: what it holds, or the resource whose identity it takes on. */
function stepEdge(step: EscalationStep, edgeOf: (basis: StepBasis, step: EscalationStep) => TableEdge,
  attachmentOf: (step: EscalationStep) => TableEdge | undefined): TableEdge | undefined {
  if (step.kind === 'holds') return edgeOf(step.grant, step);
  if (step.kind === 'acts-as') return attachmentOf(step);
  return undefined;
}

/** The key of a workload trust: the cluster, the service account and whom it signs in as, by name. */
function trustKey(trust: GraphWorkloadTrust, principal: GraphPrincipal): string {
  return ['federated-trust', trust.cluster.name, trust.namespace, trust.serviceAccount, principal.name].join('\u0000');
}

/** The key of a kept credential: where it is kept and whose it is, by name. */
function storedKey(store: GraphCredentialStore, principal: GraphPrincipal): string {
  return ['stored-credential', store.kind, store.keptIn ?? '', store.name, principal.name].join('\u0000');
}

/** The key of a grant's edge, as `graphEdgeKeys` and the chains' edges name it. */
export function grantEdgeKey(grant: GraphGrant): string {
  return basisKey('grant', grant);
}

/** The key of an Azure role's eligibility as an edge of reach (undefined for one without role or scope, which reach does not hold). */
export function eligibilityEdgeKey(e: GraphEligibility): string | undefined {
  if (e.kind !== 'azure-rbac' || e.role === undefined || e.scope === undefined) return undefined;
  return basisKey('eligibility', { origin: e.origin, principal: e.principal, role: e.role, scope: e.scope });
}

/** The key of a held edge: the same in every synthesis of the same code (names, not addresses). */
function basisKey(kind: ChainEdge['kind'], basis: StepBasis): string {
  return [kind, basis.principal.kind, basis.principal.name, basis.role.name, basis.scope.name ?? basis.scope.value].join('\u0000');
}

function attachmentKey(type: string, resource: string, identity: string): string {
  return ['attachment', type, resource, identity].join('\u0000');
}

/** A reader of the edge each step stands on, sharing edge objects across the steps it is asked about. */
export function edgeReader(): (step: EscalationStep) => ChainEdge | undefined {
  const table = new EdgeTable();
  return (step) => table.ofStep(step);
}

/**
 * The keys of every edge a graph holds, on a chain or not: its grants, Azure eligibilities, Entra
 * holdings and identity attachments. A diff tells the edges a change adds from these.
 */
export function graphEdgeKeys(graph: AccessGraph): Set<string> {
  const keys = new Set<string>();
  for (const grant of graph.grants) keys.add(basisKey('grant', grant));
  for (const e of [...graph.eligibilities, ...graph.tenantEligibilities]) {
    const key = eligibilityEdgeKey(e);
    if (key !== undefined) keys.add(key);
  }
  for (const holdings of entraHoldingsOf(graph).values()) for (const holding of holdings) keys.add(basisKey('entra', holding.basis));
  // The live tenant's grants and identities are edges both sides of a diff share: never "added".
  for (const grant of graph.tenantGrants) keys.add(basisKey('grant', grant));
  for (const identity of [...graph.identities, ...graph.tenantIdentities]) {
    if (identity.kind !== 'user-assigned' && identity.origin.tenant === undefined) continue;
    for (const on of identity.attachedTo) keys.add(attachmentKey(on.type, on.name, identity.principal.name));
  }
  for (const trust of graph.workloadTrusts) {
    const principal = credentialPrincipal(trust.credential, graph);
    if (principal !== undefined) keys.add(trustKey(trust, principal));
  }
  // A kept credential is an edge whether or not anyone reads it yet; its principal is named as reach names it.
  const stores = graph.credentialStores.filter((s) => s.placement !== undefined && s.credential !== undefined);
  if (stores.length > 0) {
    const credentials = new Map(graph.credentials.map((c) => [credentialKey(c), c]));
    for (const store of stores) {
      const credential = credentials.get(`${documentKeyOf(store.origin)}\u0000${store.credential}`);
      const principal = credential === undefined ? undefined : credentialPrincipal(credential, graph);
      if (principal !== undefined) keys.add(storedKey(store, principal));
    }
  }
  return keys;
}

/** Makes and shares the edge objects of one set of chains: the same grant is the same edge in every chain. */
class EdgeTable {
  private readonly byOrigin = new Map<Origin, TableEdge[] | Map<string, TableEdge>>();
  // Steps are shared by the paths that pass them: each step's edge is worked out once.
  private readonly byStep = new Map<EscalationStep, TableEdge | null>();

  /** The edge one step stands on, if any. */
  public ofStep(step: EscalationStep): TableEdge | undefined {
    let edge = this.byStep.get(step);
    if (edge === undefined) {
      edge = stepEdge(step, (basis, s) => this.basisEdge(basis, s), (s) => this.actingEdge(s)) ?? null;
      this.byStep.set(step, edge);
    }
    return edge ?? undefined;
  }

  /**
   * The edge a block declares for what it holds, made once: by the block's origin (one object per
   * block), then by kind, holder and what is held, since one block can declare several (a group's
   * `members`, an application's `owners`). Most blocks declare one: a list is searched until it
   * grows long, then a map by a key made of the three.
   */
  private edgeAt(origin: Origin, kind: ChainEdge['kind'], holder: GraphPrincipal, what: string, make: () => TableEdge): TableEdge {
    const ofBlock = this.byOrigin.get(origin);
    if (ofBlock === undefined) {
      const edge = make();
      this.byOrigin.set(origin, [edge]);
      return edge;
    }
    if (Array.isArray(ofBlock)) {
      for (const edge of ofBlock) if (edge.kind === kind && edge.principal.key === holder.key && edge.what === what) return edge;
      const edge = make();
      if (ofBlock.length < LISTED_EDGES) ofBlock.push(edge);
      else this.byOrigin.set(origin, new Map([...ofBlock, edge].map((e) => [heldKey(e.kind, e.principal, e.what), e])));
      return edge;
    }
    const key = heldKey(kind, holder, what);
    let edge = ofBlock.get(key);
    if (edge === undefined) ofBlock.set(key, (edge = make()));
    return edge;
  }

  private basisEdge(basis: StepBasis, step: EscalationStep): TableEdge {
    const kind: HeldKind = step.entra ? 'entra' : step.eligible ? 'eligibility' : 'grant';
    return this.edgeAt(basis.origin, kind, basis.principal, basis.role.name, () => new HeldEdge(kind, basis, step.holds));
  }

  private actingEdge(step: EscalationStep): TableEdge | undefined {
    if (step.store !== undefined && step.identity !== undefined) {
      const { store, identity } = step;
      return this.edgeAt(store.origin, 'stored-credential', identity, '', () => new StoredCredentialEdge(store, identity));
    }
    if (step.trust !== undefined && step.identity !== undefined) {
      const { trust, identity } = step;
      return this.edgeAt(trust.credential.origin, 'federated-trust', identity, '', () => new TrustEdge(trust, identity));
    }
    const on = step.on;
    const identity = step.identity;
    // A system-assigned identity is its resource's own: that resource holds no separate edge.
    if (on?.origin === undefined || identity === undefined || identity.name.endsWith('(system-assigned)')) return undefined;
    return this.edgeAt(on.origin, 'attachment', identity, '', () => new AttachmentEdge(on as GraphResource & { origin: Origin }, identity));
  }
}

/** How many edges of one block are searched in a list before they are kept in a map. */
const LISTED_EDGES = 8;

const heldKey = (kind: string, holder: GraphPrincipal, what: string) => `${kind}\u0000${holder.key}\u0000${what}`;

type HeldKind = Exclude<ChainEdge['kind'], 'attachment' | 'stored-credential' | 'federated-trust'>;

/*
 * Edges are made for every step of every chain grouped; most are never shown, and only a diff
 * reads their keys: a description or a key is made when first read.
 */

/** An edge the table makes: names that order it without building its description. */
abstract class TableEdge implements ChainEdge {
  public abstract readonly kind: ChainEdge['kind'];
  public abstract readonly origin: Origin;
  public abstract readonly principal: GraphPrincipal;
  public abstract readonly description: string;
  public abstract readonly key: string;
  /** What is held, within its kind and holder: the role, permission or relation; nothing for an attachment. */
  public abstract readonly what: string;
  /** Who holds it, what is held, where: the order ties between equal root causes are decided in. */
  public abstract nameAt(part: 0 | 1 | 2): string;
}

/** By the holder's name, then what is held, then where; then by kind. */
function compareEdgeNames(a: TableEdge, b: TableEdge): number {
  for (const part of [0, 1, 2] as const) {
    const order = compareText(a.nameAt(part), b.nameAt(part));
    if (order !== 0) return order;
  }
  return compareText(a.kind, b.kind);
}

class HeldEdge extends TableEdge {
  public readonly origin: Origin;
  public readonly principal: GraphPrincipal;
  public readonly what: string;
  private madeKey?: string;
  private madeDescription?: string;

  /** @param holds what an Entra step says is held, without the holder's name. */
  constructor(public readonly kind: HeldKind, private readonly basis: StepBasis, private readonly holds: string | undefined) {
    super();
    this.origin = basis.origin;
    this.principal = basis.principal;
    this.what = basis.role.name;
  }

  public get description(): string {
    if (this.madeDescription === undefined) {
      const who = describePrincipal(this.principal);
      const verb = this.kind === 'eligibility' ? 'is eligible for' : 'holds';
      this.madeDescription = this.holds !== undefined ? `${who} ${this.holds}` : `${who} ${verb} "${this.basis.role.name}" at ${scopeName(this.basis)}`;
    }
    return this.madeDescription;
  }

  public get key(): string {
    return (this.madeKey ??= basisKey(this.kind, this.basis));
  }

  public nameAt(part: 0 | 1 | 2): string {
    return part === 0 ? this.principal.name : part === 1 ? this.basis.role.name : scopeName(this.basis);
  }
}

class AttachmentEdge extends TableEdge {
  public readonly kind = 'attachment';
  public readonly what = '';
  public readonly origin: Origin;
  private madeKey?: string;
  private madeDescription?: string;

  constructor(private readonly on: GraphResource & { readonly origin: Origin }, public readonly principal: GraphPrincipal) {
    super();
    this.origin = on.origin;
  }

  public get description(): string {
    return (this.madeDescription ??= `${this.on.name} runs as ${this.principal.name}`);
  }

  public get key(): string {
    return (this.madeKey ??= attachmentKey(this.on.type, this.on.name, this.principal.name));
  }

  /** The identity is what its resource runs as: named by the identity, then the resource. */
  public nameAt(part: 0 | 1 | 2): string {
    return part === 0 ? this.principal.name : part === 1 ? this.on.name : this.on.type;
  }
}

/**
 * An edge that is a credential of its principal (kept somewhere, or trusted from a cluster): its
 * description and key are made when first read, from what the subclass says.
 */
abstract class CredentialEdge extends TableEdge {
  public readonly what = '';
  private madeKey?: string;
  private madeDescription?: string;

  constructor(public readonly origin: Origin, public readonly principal: GraphPrincipal) {
    super();
  }

  public get description(): string {
    return (this.madeDescription ??= this.describe());
  }

  public get key(): string {
    return (this.madeKey ??= this.makeKey());
  }

  protected abstract describe(): string;
  protected abstract makeKey(): string;
}

/**
 * A client secret kept where others read it: whoever reads it signs in as its principal. Removing
 * the secret there (or the secret itself) closes every path through it, whoever the reader.
 */
class StoredCredentialEdge extends CredentialEdge {
  public readonly kind = 'stored-credential';

  constructor(private readonly store: GraphCredentialStore, principal: GraphPrincipal) {
    super(store.origin, principal);
  }

  /** Named by whose secret it is, then where it is kept. */
  public nameAt(part: 0 | 1 | 2): string {
    return part === 0 ? this.principal.name : part === 1 ? this.store.name : this.store.keptIn ?? '';
  }

  protected describe(): string {
    return `${describeCredentialStore(this.store)} (a client secret of ${describePrincipal(this.principal)})`;
  }

  protected makeKey(): string {
    return storedKey(this.store, this.principal);
  }
}

/**
 * A federated credential that trusts a cluster's service account: pods that run as it sign in as
 * its principal. Like an attachment, it is the workload's design (AKS workload identity).
 */
class TrustEdge extends CredentialEdge {
  public readonly kind = 'federated-trust';

  constructor(private readonly trust: GraphWorkloadTrust, principal: GraphPrincipal) {
    super(trust.credential.origin, principal);
  }

  /** Named by the identity, then the cluster and service account. */
  public nameAt(part: 0 | 1 | 2): string {
    return part === 0 ? this.principal.name : part === 1 ? this.trust.cluster.name : `${this.trust.namespace}:${this.trust.serviceAccount}`;
  }

  protected describe(): string {
    const { trust } = this;
    return `${describePrincipal(this.principal)} trusts service account ${trust.namespace}:${trust.serviceAccount} of ${trust.cluster.name}`;
  }

  protected makeKey(): string {
    return trustKey(this.trust, this.principal);
  }
}

/** Worse first: the wider tier, then an end that can grant access, then by name. */
function compareEnds(a: ChainReach, b: ChainReach): number {
  return permissionTierRank(a.tier) - permissionTierRank(b.tier) || Number(b.canGrantAccess) - Number(a.canGrantAccess)
    || compareText(`${a.role} at ${a.scope}`, `${b.role} at ${b.scope}`);
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A step of the paths being grouped, as the tree of trails shares it. */
class TrailNode {
  /** Its children in the order made, as a list through `next`: no array for each node of a tree of hundreds of thousands. */
  public firstChild: TrailNode | undefined = undefined;
  public lastChild: TrailNode | undefined = undefined;
  public next: TrailNode | undefined = undefined;
  /** The chain that ends at this node, by index, or -1. */
  public chain = -1;
  /** Chains not yet grouped that pass this node (end here or below). */
  public alive = 0;
  /** Nodes from here to the nearest chain end below. */
  public toEnd = Infinity;

  /** @param edge the index of the edge its step stands on, or -1 (a step stands on one edge at most). */
  constructor(public readonly parent: TrailNode | undefined, public readonly edge: number) {}
}

/**
 * Groups chains by root cause: repeatedly the grant, eligibility or Entra holding whose removal
 * closes the most chains not yet grouped, ties going to a client secret kept where others read it
 * (taking it away closes the paths and takes no role from anyone), then to the edge nearest the
 * privileged end (the end of the paths), then by name (the holder's, what it holds, where); each chain belongs to the first root cause
 * that closes it. Choke points first, as BloodHound Enterprise ranks attack paths. Every view of
 * chains (the rule, the report, SARIF, the diff) asks this one function and never regroups.
 *
 * `prefer` marks edges that are root causes whenever they are on a chain, before any count (a
 * diff's root cause is the edge the change adds).
 *
 * The paths of one search share their beginnings (their trails), so the work is done on the tree
 * of trails, never per step of each path: a chain of five hundred identities, 125,000 paths long
 * on average 170 steps, is a tree of 250,000 nodes. Removing an edge's paths takes the subtrees
 * under its nodes out, and what their ancestors count goes down by as much.
 */
export function groupByRootCause(chains: readonly EscalationChain[], prefer?: (edge: ChainEdge) => boolean): RootCause[] {
  const table = new EdgeTable();
  const edges: TableEdge[] = [];
  const indexOf = new Map<TableEdge, number>();
  const nodesOf: TrailNode[][] = [];
  // Steps are shared by many nodes (one held step for every path past a grant): their edge's index is read once.
  const edgeOfStep = new Map<EscalationStep, number>();
  const edgeOf = (step: EscalationStep): number => {
    let index = edgeOfStep.get(step);
    if (index === undefined) {
      // The table shares one object per edge, whatever step stands on it.
      const edge = table.ofStep(step);
      index = edge === undefined ? -1 : indexOf.get(edge);
      if (index === undefined) {
        index = edges.push(edge!) - 1;
        indexOf.set(edge!, index);
        nodesOf.push([]);
      }
      edgeOfStep.set(step, index);
    }
    return index;
  };
  const nodes = new Map<StepTrail, TrailNode>();
  const all: TrailNode[] = [];
  const missing: StepTrail[] = [];
  const nodeOf = (trail: StepTrail): TrailNode => {
    // The trail up to the first node made already, then made from the top down.
    let at: StepTrail | undefined = trail;
    let parent: TrailNode | undefined;
    missing.length = 0;
    for (; at !== undefined; at = at.previous) {
      parent = nodes.get(at);
      if (parent !== undefined) break;
      missing.push(at);
    }
    for (let i = missing.length - 1; i >= 0; i--) {
      const node: TrailNode = new TrailNode(parent, edgeOf(missing[i].step));
      if (node.edge >= 0) nodesOf[node.edge].push(node);
      if (parent?.lastChild !== undefined) parent.lastChild.next = node;
      else if (parent !== undefined) parent.firstChild = node;
      if (parent !== undefined) parent.lastChild = node;
      nodes.set(missing[i], node);
      all.push(node);
      parent = node;
    }
    return parent!;
  };
  chains.forEach((chain, index) => {
    nodeOf(chain.trail).chain = index;
  });
  // Bottom up (a node is made after its parent): how many chains pass each node, and how far the nearest end is.
  for (let i = all.length - 1; i >= 0; i--) {
    const node = all[i];
    if (node.chain >= 0) {
      node.alive += 1;
      node.toEnd = 0;
    }
    if (node.parent !== undefined) {
      node.parent.alive += node.alive;
      node.parent.toEnd = Math.min(node.parent.toEnd, node.toEnd + 1);
    }
  }
  const count = nodesOf.map((list) => list.reduce((n, node) => n + node.alive, 0));
  const nearEnd = nodesOf.map((list) => list.reduce((n, node) => Math.min(n, node.toEnd), Infinity));
  const preferred = edges.map((edge) => prefer?.(edge) ?? false);
  // An identity attached to a resource, or trusted by a cluster's service account, is the
  // workload's design, not a grant to take back: it is a root cause only where a change adds it
  // (a diff prefers it), never by count.
  const candidate = edges.map((edge, i) => (edge.kind !== 'attachment' && edge.kind !== 'federated-trust') || preferred[i]);
  // Ties end with the names (then the first seen): ranked once, compared as numbers.
  const named = [...edges.keys()].filter((i) => candidate[i]).sort((a, b) => compareEdgeNames(edges[a], edges[b]) || a - b);
  const nameRank = new Array<number>(edges.length);
  named.forEach((edge, rank) => (nameRank[edge] = rank));
  // A preferred edge goes before any count; then the most chains, a kept secret before the nearest end
  // (all in one number: a kept secret's place is above every distance), the names.
  const stored = edges.map((edge) => edge.kind === 'stored-credential');
  const priority = (i: number): number => {
    if (!candidate[i] || count[i] <= 0) return 0;
    const value = count[i] * 2 * NEAREST + (stored[i] ? 2 * NEAREST - 1 : NEAREST - 1 - Math.min(nearEnd[i], NEAREST - 1));
    return preferred[i] ? value + PREFERRED : value;
  };
  const best = new StaleMaxHeap(priority, (a, b) => nameRank[a] < nameRank[b]);
  best.pushAll(named);

  const grouped = new Array<boolean>(chains.length).fill(false);
  const causes: RootCause[] = [];
  for (let edge = best.popBest(); edge >= 0; edge = best.popBest()) {
    const members: EscalationChain[] = [];
    for (const node of nodesOf[edge]) {
      const taken = node.alive;
      if (taken === 0) continue;
      for (let up = node.parent; up !== undefined; up = up.parent) {
        up.alive -= taken;
        if (up.edge >= 0) count[up.edge] -= taken;
      }
      // The subtree: every chain below is closed with this edge.
      const stack = [node];
      while (stack.length > 0) {
        const below = stack.pop()!;
        if (below.alive === 0) continue;
        if (below.edge >= 0) count[below.edge] -= below.alive;
        below.alive = 0;
        if (below.chain >= 0 && !grouped[below.chain]) {
          grouped[below.chain] = true;
          members.push(chains[below.chain]);
        }
        for (let child = below.firstChild; child !== undefined; child = child.next) stack.push(child);
      }
    }
    causes.push(rootCause(edges[edge], members));
  }
  return causes.sort((a, b) => a.tierLevel - b.tierLevel || b.chains.length - a.chains.length || compareText(a.edge.description, b.edge.description));
}

/** How far an end is counted: nearer than this is nearer; farther ties (paths of a thousand steps are not written). */
const NEAREST = 2 ** 10;

/** Above any count of chains (times 2 NEAREST): a preferred edge is picked before every other. */
const PREFERRED = 2 ** 50;

function rootCause(edge: ChainEdge, chains: EscalationChain[]): RootCause {
  const sorted = [...chains].sort((a, b) => compareEnds(a.reaches, b.reaches));
  const ends: ChainReach[] = [];
  const seenEnds = new Set<string>();
  const starts: GraphPrincipal[] = [];
  const seenStarts = new Set<string>();
  for (const chain of sorted) {
    const end = `${chain.reaches.role}\u0000${chain.reaches.scope}`;
    if (!seenEnds.has(end)) {
      seenEnds.add(end);
      ends.push(chain.reaches);
    }
    if (!seenStarts.has(chain.principal.key)) {
      seenStarts.add(chain.principal.key);
      starts.push(chain.principal);
    }
  }
  const tier = sorted[0].reaches.tier;
  return { edge, chains: sorted, ends, tier, tierLevel: permissionTierRank(tier), starts };
}

const causesByGraph = new WeakMap<AccessGraph, RootCause[]>();

/**
 * The root causes of a graph's escalations (the chains AZA013 reports), worked out once per graph.
 * With the live tenant beside the code, only chains that pass an edge of the code count (the
 * tenant's own are `audit`'s to report), and the code's edges are root causes before the
 * tenant's: the code is what the review can change.
 */
export function rootCausesOfGraph(graph: AccessGraph): RootCause[] {
  let causes = causesByGraph.get(graph);
  if (causes === undefined) {
    const reported = reachOfGraph(graph).chains.filter(isReportedChain);
    if (!graph.onTenant) {
      causes = groupByRootCause(reported);
    } else {
      const inTenant = tenantEdgeTest(graph);
      const edgeOf = edgeReader();
      const passesCode = (chain: EscalationChain) => chain.steps.some((step) => {
        const edge = edgeOf(step);
        return edge !== undefined && !inTenant(edge);
      });
      // The code's grants and holdings go first; its attachments and trusts stay the workload's design, as without the tenant.
      const codeHolding = (edge: ChainEdge) => !inTenant(edge) && edge.kind !== 'attachment' && edge.kind !== 'federated-trust';
      causes = groupByRootCause(reported.filter(passesCode), codeHolding);
    }
    causesByGraph.set(graph, causes);
  }
  return causes;
}

/**
 * Whether an edge is the live tenant's, not the code's: read from an export, or a tenant
 * identity's attachment to a resource the code declares (the attachment is the tenant's).
 */
export function tenantEdgeTest(graph: AccessGraph): (edge: ChainEdge) => boolean {
  const identities = new Set(graph.tenantIdentities.map((i) => i.principal.key));
  return (edge) => edge.origin.tenant !== undefined || (edge.kind === 'attachment' && identities.has(edge.principal.key));
}
