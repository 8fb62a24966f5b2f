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
import { setAndReturn } from '../set-and-return';

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
  private readonly byOrigin = new Map<Origin, TableEdge | TableEdge[] | Map<string, TableEdge>>();
  // Steps are shared by the paths that pass them: each step's edge is worked out once.
  private readonly byStep = new Map<EscalationStep, TableEdge | null>();

  /** The edge one step stands on, if any: what it holds, or the resource, store or trust whose identity it takes on. */
  public ofStep(step: EscalationStep): TableEdge | undefined {
    let edge = this.byStep.get(step);
    if (edge === undefined) {
      edge = this.edgeOfStep(step) ?? null;
      this.byStep.set(step, edge);
    }
    return edge ?? undefined;
  }

  /** The same, worked out again each time asked (a grouping keeps it on the step). */
  public edgeOfStep(step: EscalationStep): TableEdge | undefined {
    return step.kind === 'holds' ? this.basisEdge(step.grant, step) : step.kind === 'acts-as' ? this.actingEdge(step) : undefined;
  }

  /**
   * The edge a block declares for what it holds, if made already: by the block's origin (one
   * object per block), then by kind, holder and what is held, since one block can declare several
   * (a group's `members`, an application's `owners`). Most blocks declare one: it is kept as it
   * is; a list is searched until it grows long, then a map by a key made of the three.
   */
  private edgeAt(origin: Origin, kind: ChainEdge['kind'], holder: GraphPrincipal, what: string): TableEdge | undefined {
    const ofBlock = this.byOrigin.get(origin);
    if (ofBlock === undefined) return undefined;
    if (ofBlock instanceof TableEdge) return isEdgeOf(ofBlock, kind, holder, what) ? ofBlock : undefined;
    if (Array.isArray(ofBlock)) {
      for (const edge of ofBlock) if (isEdgeOf(edge, kind, holder, what)) return edge;
      return undefined;
    }
    return ofBlock.get(heldKey(kind, holder, what));
  }

  /** A new edge of its block (`edgeAt` found none). */
  private added(edge: TableEdge): TableEdge {
    const ofBlock = this.byOrigin.get(edge.origin);
    if (ofBlock === undefined) this.byOrigin.set(edge.origin, edge);
    else if (ofBlock instanceof TableEdge) this.byOrigin.set(edge.origin, [ofBlock, edge]);
    else if (!Array.isArray(ofBlock)) ofBlock.set(heldKey(edge.kind, edge.principal, edge.what), edge);
    else if (ofBlock.length < LISTED_EDGES) ofBlock.push(edge);
    else this.byOrigin.set(edge.origin, new Map([...ofBlock, edge].map((e) => [heldKey(e.kind, e.principal, e.what), e])));
    return edge;
  }

  private basisEdge(basis: StepBasis, step: EscalationStep): TableEdge {
    const kind: HeldKind = step.entra ? 'entra' : step.eligible ? 'eligibility' : 'grant';
    return this.edgeAt(basis.origin, kind, basis.principal, basis.role.name) ?? this.added(new HeldEdge(kind, basis, step.holds));
  }

  private actingEdge(step: EscalationStep): TableEdge | undefined {
    if (step.store !== undefined && step.identity !== undefined) {
      const { store, identity } = step;
      return this.edgeAt(store.origin, 'stored-credential', identity, '') ?? this.added(new StoredCredentialEdge(store, identity));
    }
    if (step.trust !== undefined && step.identity !== undefined) {
      const { trust, identity } = step;
      return this.edgeAt(trust.credential.origin, 'federated-trust', identity, '') ?? this.added(new TrustEdge(trust, identity));
    }
    const on = step.on;
    const identity = step.identity;
    // A system-assigned identity is its resource's own: that resource holds no separate edge.
    if (on?.origin === undefined || identity === undefined || identity.name.endsWith('(system-assigned)')) return undefined;
    return this.edgeAt(on.origin, 'attachment', identity, '') ?? this.added(new AttachmentEdge(on as GraphResource & { origin: Origin }, identity));
  }
}

/** Whether an edge is of this kind, holder and what is held. */
function isEdgeOf(edge: TableEdge, kind: ChainEdge['kind'], holder: GraphPrincipal, what: string): boolean {
  return edge.kind === kind && edge.principal.key === holder.key && edge.what === what;
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
  /** Its place in the grouping that made it (`groupByRootCause`), once it has one. */
  public index = -1;
  /** Who holds it, what is held, where: the order ties between equal root causes are decided in. */
  public abstract nameAt(part: 0 | 1 | 2): string;
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

/** Worse first: the wider tier, then an end that can grant access, then by name (`endText`, made once per end). */
function compareEndsAs(a: ChainReach, aText: string, b: ChainReach, bText: string): number {
  return permissionTierRank(a.tier) - permissionTierRank(b.tier) || Number(b.canGrantAccess) - Number(a.canGrantAccess) || compareText(aText, bText);
}

/** An end by name, as ends are ordered. */
function endText(end: ChainReach): string {
  return `${end.role} at ${end.scope}`;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

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
  return new Grouping(chains).rootCauses(prefer);
}

/** How far an end is counted: nearer than this is nearer; farther ties (paths of a thousand steps are not written). */
const NEAREST = 2 ** 10;

/** Above any count of chains (times 2 NEAREST): a preferred edge is picked before every other. */
const PREFERRED = 2 ** 50;

/** No node, edge or chain: the end of a list in the tree's columns. */
const NONE = -1;

/** Farther than any end (a node on no path to an end: never, since every node is on its chain's trail). */
const FAR = 0x3fffffff;

/**
 * The tree of the trails being grouped, as columns of numbers by node: each step of the paths is
 * a node once, however many paths pass it, with the edge its step stands on, its children in the
 * order made (a list through `next`), and the chain that ends there. Numbers, not an object per
 * node: a large review's tree has hundreds of thousands of nodes, which the collector no longer
 * has to copy and trace.
 */
class TrailTree {
  public size = 0;
  public parent: Int32Array;
  public edge: Int32Array;
  /** The chain that ends at this node, by index, or NONE. */
  public chain: Int32Array;
  /** Chains not yet grouped that pass this node (end here or below). */
  public alive: Int32Array;
  /** Nodes from here to the nearest chain end below. */
  public toEnd: Int32Array;
  public firstChild: Int32Array;
  public lastChild: Int32Array;
  public next: Int32Array;
  /** The next node whose step stands on the same edge, in the order made. */
  public nextOfEdge: Int32Array;

  /**
   * @param capacity room for this many nodes at first; the columns double when full (paths of a
   * long chain of identities share most of their steps: their nodes are far fewer than their steps)
   */
  constructor(capacity: number) {
    this.parent = new Int32Array(capacity);
    this.edge = new Int32Array(capacity);
    this.chain = new Int32Array(capacity).fill(NONE);
    this.alive = new Int32Array(capacity);
    this.toEnd = new Int32Array(capacity).fill(FAR);
    this.firstChild = new Int32Array(capacity).fill(NONE);
    this.lastChild = new Int32Array(capacity).fill(NONE);
    this.next = new Int32Array(capacity).fill(NONE);
    this.nextOfEdge = new Int32Array(capacity).fill(NONE);
  }

  private grow(): void {
    const capacity = 2 * this.parent.length;
    const column = (old: Int32Array, empty: number) => {
      const grown = empty === 0 ? new Int32Array(capacity) : new Int32Array(capacity).fill(empty);
      grown.set(old);
      return grown;
    };
    this.parent = column(this.parent, 0);
    this.edge = column(this.edge, 0);
    this.chain = column(this.chain, NONE);
    this.alive = column(this.alive, 0);
    this.toEnd = column(this.toEnd, FAR);
    this.firstChild = column(this.firstChild, NONE);
    this.lastChild = column(this.lastChild, NONE);
    this.next = column(this.next, NONE);
    this.nextOfEdge = column(this.nextOfEdge, NONE);
  }

  /** Bottom up (a node is made after its parent): how many chains pass each node, and how far the nearest end is. */
  public countPaths(): void {
    const { alive, toEnd, parent, chain } = this;
    for (let node = this.size - 1; node >= 0; node--) {
      if (chain[node] !== NONE) {
        alive[node] += 1;
        toEnd[node] = 0;
      }
      const up = parent[node];
      if (up !== NONE) {
        alive[up] += alive[node];
        if (toEnd[node] + 1 < toEnd[up]) toEnd[up] = toEnd[node] + 1;
      }
    }
  }

  /** By edge: the chains that pass its nodes, and the nearest end below one. */
  public byEdge(edges: number): { readonly count: Int32Array; readonly nearEnd: Int32Array } {
    const count = new Int32Array(edges);
    const nearEnd = new Int32Array(edges).fill(FAR);
    const { alive, toEnd, edge: edgeOf } = this;
    for (let node = 0; node < this.size; node++) {
      const edge = edgeOf[node];
      if (edge === NONE) continue;
      count[edge] += alive[node];
      if (toEnd[node] < nearEnd[edge]) nearEnd[edge] = toEnd[node];
    }
    return { count, nearEnd };
  }

  /** A node under `parent` (or a root), last of its children. */
  public add(parent: number, edge: number): number {
    if (this.size === this.parent.length) this.grow();
    const node = this.size++;
    this.parent[node] = parent;
    this.edge[node] = edge;
    if (parent !== NONE) {
      const last = this.lastChild[parent];
      if (last !== NONE) this.next[last] = node;
      else this.firstChild[parent] = node;
      this.lastChild[parent] = node;
    }
    return node;
  }
}

/**
 * What decides which root cause goes first, for the heap: the most chains not yet grouped, a kept
 * secret before the nearest end, then by name. Methods of one class (not closures made per
 * grouping), so the heap's code stays optimized from one grouping to the next.
 */
class EdgeRanking {
  constructor(private readonly count: Int32Array, private readonly nearEnd: Int32Array, private readonly candidate: Uint8Array,
    private readonly preferred: Uint8Array, private readonly stored: Uint8Array, private readonly nameRank: Int32Array) {}

  /** A preferred edge goes before any count; then the most chains, a kept secret before the nearest end (all in one number), the names. */
  public priority(i: number): number {
    const count = this.count[i];
    if (this.candidate[i] === 0 || count <= 0) return 0;
    const value = count * 2 * NEAREST + (this.stored[i] === 1 ? 2 * NEAREST - 1 : NEAREST - 1 - Math.min(this.nearEnd[i], NEAREST - 1));
    return this.preferred[i] === 1 ? value + PREFERRED : value;
  }

  public before(a: number, b: number): boolean {
    return this.nameRank[a] < this.nameRank[b];
  }
}

/** How many groupings have run: each marks the trails it makes nodes of with its own number. */
let groupings = 0;

/**
 * Taking out the paths an edge closes: the chains below each of its nodes, not grouped yet, in the
 * order found (each node's subtree depth first, last child first). What its nodes and their
 * ancestors count goes down by as much.
 */
class Closing {
  /** The chains the last edge closed, up to the count `close` returns: one list for every root cause. */
  public readonly members: number[] = [];
  private readonly stack: number[] = [];
  private readonly grouped: Uint8Array;

  constructor(private readonly tree: TrailTree, chains: number, private readonly count: Int32Array) {
    this.grouped = new Uint8Array(chains);
  }

  /** Closes the paths through an edge's nodes (the first of them given); how many chains it took. */
  public close(first: number): number {
    const { tree, count, grouped, members, stack } = this;
    const { alive, parent, edge: edgeOf, firstChild, next, nextOfEdge } = tree;
    let closed = 0;
    for (let node = first; node !== NONE; node = nextOfEdge[node]) {
      const taken = alive[node];
      if (taken === 0) continue;
      for (let up = parent[node]; up !== NONE; up = parent[up]) {
        alive[up] -= taken;
        if (edgeOf[up] !== NONE) count[edgeOf[up]] -= taken;
      }
      // The subtree: every chain below is closed with this edge.
      let top = 0;
      stack[top++] = node;
      while (top > 0) {
        const below = stack[--top];
        if (alive[below] === 0) continue;
        if (edgeOf[below] !== NONE) count[edgeOf[below]] -= alive[below];
        alive[below] = 0;
        const chain = tree.chain[below];
        if (chain !== NONE && grouped[chain] === 0) {
          grouped[chain] = 1;
          members[closed++] = chain;
        }
        for (let child = firstChild[below]; child !== NONE; child = next[child]) stack[top++] = child;
      }
    }
    return closed;
  }
}

/** One grouping of chains by root cause (see `groupByRootCause`). */
class Grouping {
  private readonly table = new EdgeTable();
  private readonly edges: TableEdge[] = [];
  /** The first and last node of each edge, by edge index. */
  private readonly firstOfEdge: number[] = [];
  private readonly lastOfEdge: number[] = [];
  /** This grouping's number, which marks the trails it has made nodes of. */
  private readonly mark = ++groupings;
  private readonly tree: TrailTree;
  private readonly missing: StepTrail[] = [];

  constructor(private readonly chains: readonly EscalationChain[]) {
    // Most paths add a node or two past what other paths share.
    this.tree = new TrailTree(2 * chains.length + 64);
    for (let i = 0; i < chains.length; i++) {
      // The node first: making it may grow the tree's columns.
      const node = this.nodeOf(chains[i].trail);
      this.tree.chain[node] = i;
    }
  }

  /*
   * Each step below is a method of its own, not one long function: the engine optimizes a long
   * function while its first loop runs, before the loops after it have run, and threw that code
   * away on reaching them (on every review: a grouping runs once).
   */
  public rootCauses(prefer: ((edge: ChainEdge) => boolean) | undefined): RootCause[] {
    const { tree, edges, chains } = this;
    tree.countPaths();
    const { count, nearEnd } = tree.byEdge(edges.length);
    // What the heap asks of each edge again and again, as typed arrays: lists made by `map` took
    // one shape in one review and another in the next, and the heap's code was thrown away each time.
    const preferred = new Uint8Array(edges.length);
    const candidate = new Uint8Array(edges.length);
    const stored = new Uint8Array(edges.length);
    for (let i = 0; i < edges.length; i++) {
      const edge = edges[i];
      preferred[i] = prefer?.(edge) ? 1 : 0;
      // An identity attached to a resource, or trusted by a cluster's service account, is the
      // workload's design, not a grant to take back: it is a root cause only where a change adds it
      // (a diff prefers it), never by count.
      candidate[i] = (edge.kind !== 'attachment' && edge.kind !== 'federated-trust') || preferred[i] === 1 ? 1 : 0;
      stored[i] = edge.kind === 'stored-credential' ? 1 : 0;
    }
    // Ties end with the names (then the first seen): ranked once, compared as numbers.
    const named = rankedByName(edges, candidate);
    const nameRank = new Int32Array(edges.length);
    for (let rank = 0; rank < named.length; rank++) nameRank[named[rank]] = rank;
    const best = new StaleMaxHeap(new EdgeRanking(count, nearEnd, candidate, preferred, stored, nameRank));
    best.pushAll(named);
    const ends = new ChainEnds(chains);
    const closing = new Closing(tree, chains.length, count);
    const causes: RootCause[] = [];
    for (let edge = best.popBest(); edge >= 0; edge = best.popBest()) {
      const closed = closing.close(this.firstOfEdge[edge]);
      causes.push(ends.rootCause(edges[edge], closing.members, closed));
    }
    return causes.sort((a, b) => a.tierLevel - b.tierLevel || b.chains.length - a.chains.length
      || compareText(a.edge.description, b.edge.description));
  }

  /** The node of a trail: the trail up to the first node made already, then made from the top down. */
  private nodeOf(trail: StepTrail): number {
    const { missing, mark, tree } = this;
    let parent = NONE;
    let count = 0;
    for (let at: StepTrail | undefined = trail; at !== undefined; at = at.previous) {
      if (at.groupedBy === mark) {
        parent = at.groupNode;
        break;
      }
      missing[count++] = at;
    }
    for (let i = count - 1; i >= 0; i--) {
      const edge = this.edgeOf(missing[i].step);
      const node = tree.add(parent, edge);
      if (edge !== NONE) {
        if (this.firstOfEdge[edge] === NONE) this.firstOfEdge[edge] = node;
        else tree.nextOfEdge[this.lastOfEdge[edge]] = node;
        this.lastOfEdge[edge] = node;
      }
      missing[i].groupedBy = mark;
      missing[i].groupNode = node;
      parent = node;
    }
    return parent;
  }

  /**
   * The index of the edge a step stands on, or NONE: the table shares one object per edge, whatever
   * step stands on it. Steps are shared by many trails (one held step for every path past a grant):
   * the index is kept on the step for this grouping, as a trail's node is kept on the trail.
   */
  private edgeOf(step: EscalationStep): number {
    if (step.groupedBy === this.mark) return step.groupEdge!;
    const edge = this.table.edgeOfStep(step);
    let index = NONE;
    if (edge !== undefined) {
      if (edge.index === NONE) {
        edge.index = this.edges.push(edge) - 1;
        this.firstOfEdge.push(NONE);
        this.lastOfEdge.push(NONE);
      }
      index = edge.index;
    }
    step.groupedBy = this.mark;
    step.groupEdge = index;
    return index;
  }
}

/**
 * Chains (by index) in the order of their ends' ranks, equal ends in the order given (a stable
 * sort, as a sort by the ends themselves was). Most root causes have a few paths: they are put in
 * place one by one, with no comparison function made for each.
 */
function byRank(members: readonly number[], count: number, rank: Int32Array): number[] {
  const order = members.slice(0, count);
  if (order.length > 16) return order.sort((a, b) => rank[a] - rank[b]);
  for (let i = 1; i < order.length; i++) {
    const chain = order[i];
    let at = i;
    for (; at > 0 && rank[order[at - 1]] > rank[chain]; at--) order[at] = order[at - 1];
    order[at] = chain;
  }
  return order;
}

/** The candidate edges by name (the holder's, what it holds, where; then kind; then first seen), each name read once. */
function rankedByName(edges: readonly TableEdge[], candidate: Uint8Array): number[] {
  const named: number[] = [];
  // Three names an edge, in one list (not a list per edge).
  const names: string[] = new Array(3 * edges.length);
  for (let i = 0; i < edges.length; i++) {
    if (candidate[i] === 0) continue;
    named.push(i);
    names[3 * i] = edges[i].nameAt(0);
    names[3 * i + 1] = edges[i].nameAt(1);
    names[3 * i + 2] = edges[i].nameAt(2);
  }
  return named.sort((a, b) => compareText(names[3 * a], names[3 * b]) || compareText(names[3 * a + 1], names[3 * b + 1])
    || compareText(names[3 * a + 2], names[3 * b + 2]) || compareText(edges[a].kind, edges[b].kind) || a - b);
}

/**
 * What the ends of the chains being grouped are, worked out once per end (thousands of chains end
 * at a few hundred places): the order of worse first, whether two are the same role at the same
 * scope, and the principals they start from, as numbers.
 */
class ChainEnds {
  /** By chain: the rank of its end (equal ends, equal ranks), the end as role and scope, and its start. */
  private readonly rank: Int32Array;
  private readonly end: Int32Array;
  private readonly start: Int32Array;
  /** By end and by start: the last root cause that took it (a cause's number), to name each once per cause. */
  private readonly endTaken: Int32Array;
  private readonly startTaken: Int32Array;
  private causes = 0;
  // While numbering: each distinct end (by object, then by role and scope) and start.
  private readonly reachesOf = new Map<ChainReach, number>();
  private readonly distinct: ChainReach[] = [];
  private readonly reachIndex: Int32Array;
  private readonly endOfReach: number[] = [];
  private readonly ends = new Map<string, number>();
  private readonly starts = new Map<string, number>();
  private lastStart: GraphPrincipal | undefined = undefined;
  private lastStartNumber = 0;

  constructor(private readonly chains: readonly EscalationChain[]) {
    this.end = new Int32Array(chains.length);
    this.start = new Int32Array(chains.length);
    this.reachIndex = new Int32Array(chains.length);
    for (let i = 0; i < chains.length; i++) this.number(i, chains[i]);
    const { distinct, reachIndex } = this;
    // Worse first, each end put in words once, not once per comparison.
    const texts: string[] = [];
    for (const end of distinct) texts.push(endText(end));
    const compare = (a: number, b: number) => compareEndsAs(distinct[a], texts[a], distinct[b], texts[b]);
    const order = [...distinct.keys()].sort(compare);
    const rankOfReach = new Int32Array(distinct.length);
    for (let i = 1; i < order.length; i++) rankOfReach[order[i]] = rankOfReach[order[i - 1]] + (compare(order[i - 1], order[i]) === 0 ? 0 : 1);
    this.rank = new Int32Array(chains.length);
    for (let i = 0; i < chains.length; i++) this.rank[i] = rankOfReach[reachIndex[i]];
    this.endTaken = new Int32Array(this.ends.size);
    this.startTaken = new Int32Array(this.starts.size);
  }

  /** A chain's end and start as numbers (each distinct end put in words once). */
  private number(i: number, chain: EscalationChain): void {
    const { reaches, principal } = chain;
    let index = this.reachesOf.get(reaches);
    if (index === undefined) {
      index = this.distinct.push(reaches) - 1;
      this.reachesOf.set(reaches, index);
      const key = `${reaches.role}\u0000${reaches.scope}`;
      this.endOfReach.push(this.ends.get(key) ?? setAndReturn(this.ends, key, this.ends.size));
    }
    this.reachIndex[i] = index;
    this.end[i] = this.endOfReach[index];
    // The paths of one start are next to each other: its number is looked up once for them.
    if (principal !== this.lastStart) {
      this.lastStart = principal;
      this.lastStartNumber = this.starts.get(principal.key) ?? setAndReturn(this.starts, principal.key, this.starts.size);
    }
    this.start[i] = this.lastStartNumber;
  }

  /** A root cause of these chains (by index, in the order grouped): its paths worst end first, the ends and starts each once. */
  public rootCause(edge: ChainEdge, members: readonly number[], count: number): RootCause {
    const cause = ++this.causes;
    const { rank, chains } = this;
    const order = byRank(members, count, rank);
    const sorted: EscalationChain[] = new Array(order.length);
    const ends: ChainReach[] = [];
    const starts: GraphPrincipal[] = [];
    for (let i = 0; i < order.length; i++) {
      const chain = chains[order[i]];
      sorted[i] = chain;
      const end = this.end[order[i]];
      if (this.endTaken[end] !== cause) {
        this.endTaken[end] = cause;
        ends.push(chain.reaches);
      }
      const start = this.start[order[i]];
      if (this.startTaken[start] !== cause) {
        this.startTaken[start] = cause;
        starts.push(chain.principal);
      }
    }
    const tier = sorted[0].reaches.tier;
    return { edge, chains: sorted, ends, tier, tierLevel: permissionTierRank(tier), starts };
  }
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
