import { activationOf } from './activation';
import { ActingAs, actsAsStep, holdsStep, opensStep, ReadingStored, readsStoredStep, runsPodAsStep, SatisfyingTrust, scopeName } from './chain-steps';
import { HolderFacts, holderConditionsHold, holdsOperation, isRetired, scopeConditionsHold } from './effect-conditions';
import { EntraEdge, EntraHolding, entraHoldingsOf, EntraLeaf, holdsTenantWideRole } from './entra-holdings';
import { openingAction, pathsOpenedBy } from './escalation-catalog';
import { chainFrom, ChainReach, EscalationChain, EscalationStep, extendTrail, StepTrail } from './escalation-chain';
import { EffectConditions, EscalationEffect, effectsOfPath } from './escalation-effect';
import { HeldScopes } from './held-scopes';
import { IdentityAttachment, ScopeContents } from './scope-contents';
import { StoreRead, storesReadBy } from './store-readers';
import { TrustSatisfied, trustsSatisfiedBy } from './trust-satisfiers';
import { ScopeLevel, scopeLevelRank } from '../../model/scope-level';
import { EscalationPath } from '../../roles/escalation-path';
import { PrivilegeTier } from '../../roles/privilege-tier';
import { Role } from '../../roles/role';
import { AccessGraph } from '../graph/access-graph';
import { credentialKey } from '../graph/ci-secret-stores';
import { credentialPrincipal } from '../graph/credential-owner';
import {
  GraphCredential, GraphCredentialStore, GraphGrant, GraphIdentity, GraphPlacement, GraphPrincipal, GraphRole, GraphWorkloadTrust, Origin,
} from '../graph/graph-types';
import { documentKeyOf } from '../graph/origin';
import { groupBy } from '../group-by';
import { setAndReturn } from '../set-and-return';

/**
 * Every chain of every principal that holds a grant, in grant order, breadth first per principal:
 * what its grants open, and what it reaches through identities; its grants themselves are not chains.
 */
export interface ReachResult {
  readonly chains: EscalationChain[];
}

interface OpenedPath {
  readonly path: EscalationPath;
  /** The operation of the role that opens it, to name in the step. */
  readonly action: string;
}

/*
 * What the search makes and walks is made by classes, every field there from the start: objects of
 * one shape each, read by code the engine keeps optimized (objects that gained fields as the
 * search went took a new shape each time).
 */

/** A grant with what the search asks of it again and again, worked out once. */
class GrantNode {
  /** The step of holding it, for the chain's first principal (unnamed) and for an identity on the way (named). */
  public heldAtStart: EscalationStep | undefined = undefined;
  public heldFurther: EscalationStep | undefined = undefined;
  /** Where its role leads from its scope, and whom it signs in as: asked on every search that passes it. */
  public route: Route | undefined = undefined;
  public ways: readonly CredentialWay[] | undefined = undefined;

  /**
   * @param document which document the grant is in: addresses are only comparable within one
   * @param activation for an eligibility: what its activation needs (its holds step says it is eligible)
   */
  constructor(public readonly grant: GraphGrant, public readonly document: string, public readonly placement: GraphPlacement,
    public readonly activation: string | undefined) {}
}

type Alternative = { readonly path: EscalationPath; readonly action: string };
const NO_ALTERNATIVES: readonly Alternative[] = Object.freeze([]);

/** An identity a principal can act as: the first grant and path that reach it, the others beside. */
class Edge implements ActingAs {
  public readonly grant: GraphGrant;
  /** Other paths of the same grant to the same identity: most edges have none, and share one empty list. */
  public alternatives: readonly Alternative[] = NO_ALTERNATIVES;
  public step: EscalationStep | undefined = undefined;

  /** @param onOwnResource the resource is the holder's own (it is that resource's system-assigned identity) */
  constructor(public readonly node: GrantNode, public readonly path: EscalationPath, public readonly action: string,
    public readonly effect: ActingAs['effect'], public readonly attachment: IdentityAttachment, public readonly assumed: boolean,
    public readonly onOwnResource: boolean) {
    this.grant = node.grant;
  }

  public addAlternative(opened: Alternative): void {
    this.alternatives = this.alternatives.length === 0 ? [opened] : [...this.alternatives, opened];
  }
}

/**
 * A principal a grant signs in as with a credential: one it reads where it is kept (a Key Vault
 * secret, an app setting: AZGetSecrets), or a federated credential whose trust a pod it runs
 * satisfies (AKS workload identity).
 */
type CredentialEdge = { readonly node: GrantNode; step: EscalationStep | undefined } & (
  | { readonly via: 'stored'; readonly reading: ReadingStored }
  | { readonly via: 'trust'; readonly satisfying: SatisfyingTrust });

/** For a grant: whom it signs in as with a credential, and how (without the grant, which the edge adds). */
type CredentialWay =
  | { readonly via: 'stored'; readonly store: GraphCredentialStore; readonly operation: string; readonly target: GraphPrincipal }
  | { readonly via: 'trust'; readonly trust: GraphWorkloadTrust; readonly operation: string; readonly target: GraphPrincipal };

type LeafEffect = Extract<EscalationEffect, { kind: 'grant-roles' | 'access' }>;

/** Where a chain ends: holding a grant, or a path of that grant that gives access or roles. */
class Leaf {
  /** What the leaf reaches, and the step of the path: the same whoever holds the grant. */
  public tail: LeafTail | undefined = undefined;

  constructor(public readonly node: GrantNode, public readonly opened: OpenedPath | undefined, public readonly effect: LeafEffect | undefined) {}
}

interface LeafTail {
  readonly opens?: EscalationStep;
  readonly reaches: ChainReach;
  readonly placement: GraphPlacement;
  /** A control-plane operation opens data the role's own data actions do not give (an access policy it writes, a storage key). */
  readonly opensData: boolean;
}

/**
 * Where one role's paths lead from one scope of one document: the paths that end in access, and
 * the identities within reach, in the catalog's order. The same for every grant of that role
 * there, so it is worked out once (thousands of grants share a handful of roles and scopes).
 */
type Route = (RouteLeaf | RouteEdge)[];

/** An Entra holding, with its steps worked out once. */
class EntraNode {
  public heldAtStart: EscalationStep | undefined = undefined;
  public heldFurther: EscalationStep | undefined = undefined;
  /** The step of each edge and leaf, by position: the same whoever holds it. */
  public edgeSteps: (EscalationStep | undefined)[] | undefined = undefined;
  public leafSteps: (EscalationStep | undefined)[] | undefined = undefined;

  constructor(public readonly holding: EntraHolding) {}
}

/** What one principal's grants lead to: a leaf per grant and per path that ends in access, an edge per identity and per credential. */
class Followed {
  public readonly edges: Edge[] = [];
  public readonly leaves: Leaf[] = [];
  public readonly signsIn: CredentialEdge[] = [];
  // While following: the edge of each identity reached, and the principals signed in as.
  private reached: Map<string, number> | undefined = undefined;
  private signedInAs: Set<string> | undefined = undefined;

  /** @param ownResource the resource whose system-assigned identity the holder is, in its document */
  constructor(private readonly ownResource: string | undefined) {}

  public addEdge(node: GrantNode, opened: OpenedPath, effect: Edge['effect'], attachment: IdentityAttachment, assumed: boolean): void {
    const { ownResource, edges } = this;
    const onOwnResource = ownResource !== undefined && ownResource === `${node.document}\u0000${attachment.resource.address}`;
    const key = attachment.identity.principal.key;
    const reached = (this.reached ??= new Map());
    const at = reached.get(key);
    const first = at === undefined ? undefined : edges[at];
    // A later edge to the same identity replaces the first only when the first is on the holder's own
    // resource and this one is not: then it is a step even from the start.
    if (first && !(first.onOwnResource && !onOwnResource)) {
      if (first.node === node && first.path !== opened.path && !first.alternatives.some((a) => a.path === opened.path)) {
        first.addAlternative(opened);
      }
      return;
    }
    const edge = new Edge(node, opened.path, opened.action, effect, attachment, assumed, onOwnResource);
    if (at === undefined) reached.set(key, edges.push(edge) - 1);
    else edges[at] = edge;
  }

  /** The first way to a principal's credential is the step; a second way to the same one adds no path. */
  public addSignIn(holder: string, node: GrantNode, way: CredentialWay): void {
    if (way.target.key === holder || this.signedInAs?.has(way.target.key)) return;
    (this.signedInAs ??= new Set()).add(way.target.key);
    const { operation, target } = way;
    this.signsIn.push(way.via === 'stored'
      ? { node, step: undefined, via: 'stored', reading: { grant: node.grant, store: way.store, operation, target } }
      : { node, step: undefined, via: 'trust', satisfying: { grant: node.grant, trust: way.trust, operation, target } });
  }

  /** Followed to the end: what only the following needed is let go. */
  public done(): this {
    this.reached = undefined;
    this.signedInAs = undefined;
    return this;
  }
}

/** A principal that holds grants: what they are, where they lead (worked out when first needed), and its last search. */
class PrincipalRecord {
  public out: Followed | undefined = undefined;
  /**
   * Another search has needed `out` (an identity acted as, a group of a member): it is kept. Any
   * other principal's is let go once its own search ends; a tenant's hundreds of thousands of
   * principals each held what their grants open, steps and all, until reach ended (640 MB at a
   * million assignments). Needed again after all, it is worked out again: the same, at more cost.
   */
  public neededByOthers = false;
  /** It holds an Entra role or permission that can give it any Entra role (worked out when first visited). */
  public entraTop: boolean | undefined = undefined;
  public search = 0;

  constructor(public readonly principal: GraphPrincipal, public readonly nodes: GrantNode[], public readonly entra: EntraNode[]) {}
}

/** One principal reached in a search, by the edge that reached it first, with the steps from the start. */
class Visit {
  /**
   * @param trail the steps from the start; none for the start itself
   * @param first the path's first step (the start's own), once there is one
   * @param passesIdentity some step so far acts as another principal
   * @param asItself the start itself, or a group it holds the roles of as a member: what this one holds is the start's own
   */
  constructor(public readonly record: PrincipalRecord, public readonly name: string, public readonly trail: StepTrail | undefined,
    public readonly first: EscalationStep | undefined, public readonly passesIdentity: boolean, public readonly asItself: boolean) {}
}

const ROOT_PLACEMENT: GraphPlacement = { level: ScopeLevel.ROOT };
const AZURE_LEAF = 'azure:';
const reachByGraph = new WeakMap<AccessGraph, ReachResult>();

/**
 * The reach of a graph, computed once per graph: the rule, the report and the guard ask for it
 * in turn and get the same result.
 */
export function reachOfGraph(graph: AccessGraph): ReachResult {
  let result = reachByGraph.get(graph);
  if (result === undefined) {
    // On the live tenant, a chain made of the tenant's edges alone is audit's, never the change's:
    // not kept, since a tenant-wide role over thousands of objects makes a great many of them.
    result = computeReach(graph, graph.onTenant ? touchesCode : undefined);
    reachByGraph.set(graph, result);
  }
  return result;
}

/**
 * Whether any step of a chain stands on something of the code: the held edge, the resource an
 * identity runs on, the store keeping a credential, the trust. Wider than the root causes' own test
 * (which names one edge a step), so no chain the review reports is left out.
 */
export function touchesCode(chain: EscalationChain): boolean {
  return chain.steps.some((step) => step.grant.origin.tenant === undefined
    || (step.on !== undefined && step.on.origin?.tenant === undefined)
    || (step.store !== undefined && step.store.origin.tenant === undefined)
    || (step.trust !== undefined && step.trust.credential.origin.tenant === undefined));
}

/**
 * What every principal of the graph can reach, as chains: each grant it holds; each path a role
 * it holds opens at that scope (assigning or rewriting roles, reading data); and, through every
 * identity it can act as (code run on a resource within the scope, an identity it can attach or
 * federate), everything that identity reaches in turn.
 *
 * Linear: grants are indexed by principal and resources by scope once; what a principal's grants
 * lead to is worked out once per principal; each start principal is a breadth-first search with
 * a visited mark, so a chain is never longer than the identities it passes, and no two grants
 * are ever compared. The output is as large as the chains are many; nothing else grows faster.
 * With `keep`, only the chains it keeps are: asked for the escalations alone, the reach of a
 * tenant's million assignments holds tens of thousands of chains, not millions.
 */
export function computeReach(graph: AccessGraph, keep?: (chain: EscalationChain) => boolean): ReachResult {
  // Only reachOfGraph's reach is the graph's (kept once); what one caller asks for here is its own.
  return { chains: new Reach(graph, keep).chainsOfEveryStart() };
}

/**
 * One computation of reach: what is worked out once per graph (principals, where roles lead, who
 * signs in as whom), and the search of each start in turn. Its steps are methods, not closures
 * made per computation: the engine optimizes each once and keeps it for the next graph, where a
 * closure made anew each time sent the optimized search back to be compiled again (about 100 ms
 * of compiling, the search meanwhile run unoptimized, on every review of a large graph). Long
 * loops call a method per item, for the same reason: a function that runs once is optimized in
 * the middle of its first loop, and that code is thrown away at the next loop, not yet run.
 */
class Reach {
  private readonly principals = new Map<string, PrincipalRecord>();
  private readonly identitiesByDocument: Map<string, GraphIdentity[]>;
  private readonly localAccountsOff = new Map<string, Set<string>>();
  private readonly contents = new Map<string, ScopeContents>();
  // Most graphs are one document: the last one asked for is answered without building its key.
  private lastOrigin: Origin | undefined = undefined;
  private lastContents: ScopeContents | undefined = undefined;
  /** A system-assigned identity is only ever acted as by code on its own resource, by principal key. */
  private readonly systemAssignedOn = new Map<string, string>();
  /** Which paths a role opens, and by which of its operations, matched once per role. */
  private readonly opened = new Map<Role | undefined, RolePath[]>();
  /** Where they lead, once per role, document and scope. */
  private readonly routes = new Map<ScopeContents, Map<Role | undefined, Map<GraphPlacement, Route>>>();
  private readonly credentials: CredentialWays;
  private readonly chains: EscalationChain[] = [];
  /** One queue for every search, filled from its start up to `queued` (emptying it by its length let go of its storage each time). */
  private readonly queue: Visit[] = [];
  private queued = 0;
  private search = 0;

  // The start being searched, and what its search asks of it (set by `searchFrom`, one start at a time).
  private start!: PrincipalRecord;
  /** The groups the start holds the roles of as a member: what they hold is the start's own. */
  private groups: readonly PrincipalRecord[] = NO_GROUPS;
  private ownNodes: readonly GrantNode[] = [];
  /** The scopes the start holds roles at (one set, cleared for each start). */
  private readonly held = new HeldScopes();
  /**
   * Where the start can give itself any Azure role in one step (a role that can grant access,
   * or one that cannot be read, which counts as holding everything at its scope).
   */
  private readonly grantsAccessAt = new HeldScopes();
  private holderCanGrantAccess = false;
  /** It can give itself any Entra role or Graph permission in one step (standing, tenant-wide). */
  private grantsEntra = false;
  private heldEntra: Set<string | undefined> | undefined = undefined;
  private heldRoles: Map<string, HeldScopes> | undefined = undefined;
  private opensItself: ReadonlyMap<string, HeldScopes> | undefined = undefined;

  constructor(graph: AccessGraph, private readonly keep: ((chain: EscalationChain) => boolean) | undefined) {
    // The live tenant's identities (when the review was given them) sit beside the code's, placed in its documents.
    const allIdentities = graph.tenantIdentities.length === 0 ? graph.identities : [...graph.identities, ...graph.tenantIdentities];
    this.identitiesByDocument = groupBy(allIdentities, (i) => documentKeyOf(i.origin));
    for (const cluster of graph.kubernetesClusters) {
      if (cluster.localAccountsDisabled !== true) continue;
      const key = documentKeyOf(cluster.origin);
      this.localAccountsOff.set(key, (this.localAccountsOff.get(key) ?? new Set()).add(cluster.address));
    }
    // Each principal that holds a grant, once, with its grants worked out and (when first asked) where they lead.
    // (Each list is read by a method of its own, called per item: see `Reach`.)
    for (const grant of graph.tenantGrants.length === 0 ? graph.grants : [...graph.grants, ...graph.tenantGrants]) this.addGrant(grant);
    // Azure eligibilities: held after activation, their step names what activation needs.
    for (const e of graph.tenantEligibilities.length === 0 ? graph.eligibilities : [...graph.eligibilities, ...graph.tenantEligibilities]) {
      if (e.kind !== 'azure-rbac' || e.role === undefined || e.scope === undefined || e.scopePlacement === undefined) continue;
      const grant: GraphGrant = { origin: e.origin, principal: e.principal, role: e.role, scope: e.scope, scopePlacement: e.scopePlacement, via: 'pim-eligible' };
      this.addNode(e.principal, new GrantNode(grant, this.contentsFor(e.origin).documentKey, e.scopePlacement, activationOf(e, graph)));
    }
    // Entra holdings: directory roles, Graph permissions, ownerships, memberships and their eligibilities.
    for (const [key, holdings] of entraHoldingsOf(graph)) this.addEntra(key, holdings);
    for (const identity of allIdentities) {
      if (identity.kind !== 'system-assigned') continue;
      this.systemAssignedOn.set(identity.principal.key, `${documentKeyOf(identity.origin)}\u0000${identity.origin.address}`);
    }
    this.credentials = new CredentialWays(graph);
  }

  private addGrant(grant: GraphGrant): void {
    this.addNode(grant.principal, new GrantNode(grant, this.contentsFor(grant.origin).documentKey, grant.scopePlacement, undefined));
  }

  private addNode(principal: GraphPrincipal, node: GrantNode): void {
    const record = this.principals.get(principal.key);
    if (record) record.nodes.push(node);
    else this.principals.set(principal.key, new PrincipalRecord(principal, [node], []));
  }

  private addEntra(key: string, holdings: readonly EntraHolding[]): void {
    const nodes = holdings.map((holding) => new EntraNode(holding));
    const record = this.principals.get(key);
    if (record) record.entra.push(...nodes);
    else this.principals.set(key, new PrincipalRecord(holdings[0].basis.principal, [], nodes));
  }

  /** Every chain of every start, in the principals' order. */
  public chainsOfEveryStart(): EscalationChain[] {
    for (const start of [...this.principals.values()]) this.searchFrom(start);
    return this.chains;
  }

  private contentsFor(origin: Origin): ScopeContents {
    const last = this.lastOrigin;
    if (last !== undefined && last.file === origin.file && last.stack === origin.stack) return this.lastContents!;
    const key = documentKeyOf(origin);
    let found = this.contents.get(key);
    if (!found) {
      found = new ScopeContents(key, this.identitiesByDocument.get(key) ?? [], this.localAccountsOff.get(key));
      this.contents.set(key, found);
    }
    this.lastOrigin = origin;
    this.lastContents = found;
    return found;
  }

  private pathsOf(grant: GraphGrant): RolePath[] {
    let paths = this.opened.get(grant.role.role);
    if (!paths) {
      paths = pathsOpenedBy(grant.role).map((path) => rolePath({ path, action: openingAction(grant.role, path) }, grant.role));
      this.opened.set(grant.role.role, paths);
    }
    return paths;
  }

  /** Where a grant's role leads from its scope: worked out once per role, document and scope, kept on the grant. */
  private routeOf(node: GrantNode): Route {
    if (node.route !== undefined) return node.route;
    const within = this.contentsFor(node.grant.origin);
    const byRole = this.routes.get(within) ?? setAndReturn(this.routes, within, new Map<Role | undefined, Map<GraphPlacement, Route>>());
    const byPlacement = byRole.get(node.grant.role.role) ?? setAndReturn(byRole, node.grant.role.role, new Map<GraphPlacement, Route>());
    return (node.route = byPlacement.get(node.placement)
      ?? setAndReturn(byPlacement, node.placement, followPaths(this.pathsOf(node.grant), within, node.placement)));
  }

  /** What a principal's grants lead to, worked out when first asked. */
  private outOf(record: PrincipalRecord): Followed {
    return (record.out ??= this.follow(record));
  }

  private follow(record: PrincipalRecord): Followed {
    const out = new Followed(this.systemAssignedOn.get(record.principal.key));
    let holder: HolderFacts | undefined;
    for (const node of record.nodes) {
      out.leaves.push(new Leaf(node, undefined, undefined));
      const route = this.routeOf(node);
      for (let i = 0; i < route.length; i++) {
        const step = route[i];
        if (step.holder !== undefined && !holderConditionsHold(step.holder, (holder ??= holderFactsOf(record)))) continue;
        if (step instanceof RouteEdge) out.addEdge(node, step.opened, step.effect, step.attachment, step.assumed);
        else out.leaves.push(new Leaf(node, step.opened, step.effect));
      }
      const ways = (node.ways ??= this.credentials.of(node));
      for (let i = 0; i < ways.length; i++) out.addSignIn(record.principal.key, node, ways[i]);
    }
    return out.done();
  }

  private enqueue(visit: Visit): void {
    this.queue[this.queued++] = visit;
  }

  /** Only the chains the caller keeps are kept: a tenant's audit asks for its escalations, a few in a hundred of its chains. */
  private keepChain(chain: EscalationChain): void {
    if (this.keep === undefined || this.keep(chain)) this.chains.push(chain);
  }

  /** One start's search, breadth first. */
  private searchFrom(start: PrincipalRecord): void {
    // A member holds its groups' roles itself (nested groups too): what they hold is the start's
    // own, judged with their grants, and no escalation of the member's.
    const groups = groupsHeldAsMember(start, this.principals);
    const ownNodes = groups.length === 0 ? start.nodes : [start, ...groups].flatMap((r) => r.nodes);
    const ownEntra = groups.length === 0 ? start.entra : [start, ...groups].flatMap((r) => r.entra);
    const { held, grantsAccessAt } = this;
    held.clear();
    grantsAccessAt.clear();
    let holderCanGrantAccess = false;
    for (let i = 0; i < ownNodes.length; i++) {
      const node = ownNodes[i];
      held.add(node.document, node.placement);
      if (node.grant.role.canGrantAccess) {
        holderCanGrantAccess = true;
        grantsAccessAt.add(node.document, node.placement);
      }
    }
    this.start = start;
    this.groups = groups;
    this.ownNodes = ownNodes;
    this.holderCanGrantAccess = holderCanGrantAccess;
    this.grantsEntra = ownEntra.some(
      (n) => !n.holding.eligible && n.holding.leaves.some((l) => l.opens !== undefined && l.reaches.canGrantAccess),
    );
    this.heldEntra = ownEntra.length === 0 ? undefined : new Set(ownEntra.map((n) => n.holding.key));
    this.heldRoles = undefined;
    this.opensItself = undefined;
    // A principal is visited in this search when it carries this search's number: no set per search.
    start.search = ++this.search;
    const queue = this.queue;
    this.queued = 0;
    this.enqueue(new Visit(start, start.principal.name, undefined, undefined, false, true));
    for (let next = 0; next < this.queued; next++) {
      const visit = queue[next];
      const atStart = next === 0;
      if (!atStart) visit.record.neededByOthers = true;
      const out = this.outOf(visit.record);
      this.azureLeaves(visit, out.leaves, atStart);
      if (visit.record.entra.length > 0) this.entraHoldings(visit, atStart);
      this.actingAs(visit, out.edges, atStart);
      this.signingIn(visit, out.signsIn, atStart);
    }
    if (start.neededByOthers !== true) start.out = undefined;
  }

  /** The chains that end in a grant the visited principal holds, or in a path of it. */
  private azureLeaves(visit: Visit, leaves: readonly Leaf[], atStart: boolean): void {
    const principal = this.start.principal;
    for (let i = 0; i < leaves.length; i++) {
      const leaf = leaves[i];
      // A grant the start holds itself is a row of every report, not a chain: no chain is made
      // of it (half the chains of a large stack), only of what it opens and of what it reaches past an identity.
      if (atStart && leaf.opened === undefined) continue;
      const tail = (leaf.tail ??= leafTail(leaf));
      // The last steps: holding the grant (its step kept on the grant), then the path when the leaf is one.
      const held = heldStep(leaf.node, atStart ? undefined : visit.name);
      const trail = tail.opens === undefined ? extendTrail(visit.trail, held) : extendTrail(extendTrail(visit.trail, held), tail.opens);
      const widens = !this.held.contain(leaf.node.document, tail.placement);
      // A path gains what its grant does not say when a control-plane operation opens data (a data
      // path is the grant itself); holding a role past an identity gains what the start does not hold.
      const gains = tail.opens !== undefined ? tail.opensData
        : !visit.asItself && (widens || !this.startHolds(tail.reaches.role, leaf.node.document, tail.placement));
      // The start's own reach: what its own grant opens in one step (data; any role, when the
      // grant can grant access), or an end it holds already or can give itself in one step (any
      // role where it can grant access, data its own grant opens there). A role that cannot grant
      // access, rewritten into one that can, is an escalation: nothing judges that grant otherwise.
      const ownReach = (visit.asItself && (leaf.effect?.kind === 'access' || leaf.node.grant.role.canGrantAccess))
        || this.grantsAccessAt.contain(leaf.node.document, tail.placement)
        || (tail.opens === undefined ? !gains : this.startOpens(tail.reaches.role, leaf.node.document, tail.placement));
      this.keepChain(chainFrom(principal, trail, visit.first ?? held, tail.reaches, visit.passesIdentity, widens,
        this.holderCanGrantAccess, gains, ownReach, 'azure'));
    }
  }

  /** The chains that end in what the visited principal's Entra holdings reach, and the principals they lead to. */
  private entraHoldings(visit: Visit, atStart: boolean): void {
    const { record } = visit;
    const principal = this.start.principal;
    const heldEntra = this.heldEntra;
    for (const node of record.entra) {
      const leaves = node.holding.leaves;
      if (leaves.length > 0) node.leafSteps ??= [];
      for (let i = 0; i < leaves.length; i++) {
        const leaf = leaves[i];
        const opens = leaf.opens === undefined ? undefined : (node.leafSteps![i] ??= entraOpensStep(node.holding, leaf));
        const holds = entraHeldStep(node, atStart ? undefined : visit.name);
        const trail = opens ? extendTrail(extendTrail(visit.trail, holds), opens) : extendTrail(visit.trail, holds);
        // Azure's root, reached from the Entra half, is outside whatever the start holds below it;
        // an Entra role or permission is gained when the start does not hold it itself.
        const azure = leaf.key.startsWith(AZURE_LEAF);
        const widens = azure && !this.held.contain('', ROOT_PLACEMENT);
        const gains = azure ? widens : !heldEntra?.has(leaf.key);
        // One step from its own holding, or an end it holds or can give itself: its own reach.
        const ownReach = (visit.asItself && opens !== undefined) || !gains || this.grantsEntra || (azure && this.grantsAccessAt.contain('', ROOT_PLACEMENT));
        this.keepChain(chainFrom(principal, trail, visit.first ?? holds, leaf.reaches, visit.passesIdentity, widens,
          this.holderCanGrantAccess, gains, ownReach, azure ? 'azure' : 'entra'));
      }
    }
    // A principal that holds, standing and tenant-wide, what gives it any Entra role reaches the
    // top of both halves (Global Administrator, and the Azure root through it): its leaves say
    // so, and whom else in the directory it could act as adds one more chain per object, nothing more.
    record.entraTop ??= record.entra.some(
      (n) => !n.holding.eligible && n.holding.leaves.some((l) => l.opens !== undefined && l.reaches.canGrantAccess),
    );
    if (record.entraTop) return;
    for (const node of record.entra) {
      const edges = node.holding.edges;
      if (edges.length > 0) node.edgeSteps ??= [];
      for (let i = 0; i < edges.length; i++) {
        const edge = edges[i];
        const target = this.principals.get(edge.target.key);
        if (!target || target.search === this.search || this.addsNothing(target)) continue;
        target.search = this.search;
        const holds = entraHeldStep(node, atStart ? undefined : visit.name);
        const step = edge.description === undefined ? undefined : (node.edgeSteps![i] ??= entraActsAsStep(node.holding, edge));
        const holding = extendTrail(visit.trail, holds);
        this.enqueue(new Visit(
          target,
          edge.target.name,
          step ? extendTrail(holding, step) : holding,
          visit.first ?? holds,
          visit.passesIdentity || step !== undefined,
          visit.asItself && holdsAsMember(node.holding, edge),
        ));
      }
    }
  }

  /** The identities the visited principal acts as (code it runs on a resource, an identity it attaches). */
  private actingAs(visit: Visit, edges: readonly Edge[], atStart: boolean): void {
    for (let i = 0; i < edges.length; i++) {
      const edge = edges[i];
      // Code on a resource already holds the tokens of every identity attached there: a
      // system-assigned identity that takes on another one of its own resource takes no step.
      if (atStart && edge.onOwnResource) continue;
      const target = edge.attachment.identity.principal;
      // An identity that holds no grant reaches nothing: no chain ends with it.
      const record = this.principals.get(target.key);
      if (!record || record.search === this.search) continue;
      record.search = this.search;
      edge.step ??= actsAsStep(edge);
      const holds = heldStep(edge.node, atStart ? undefined : visit.name);
      const trail = extendTrail(extendTrail(visit.trail, holds), edge.step);
      this.enqueue(new Visit(record, target.name, trail, visit.first ?? holds, true, false));
    }
  }

  /**
   * Whoever reads a kept credential, or runs a pod a federated credential trusts, signs in as
   * its principal, from the start too: the credential is not its own.
   */
  private signingIn(visit: Visit, signsIn: readonly CredentialEdge[], atStart: boolean): void {
    for (let i = 0; i < signsIn.length; i++) {
      const edge = signsIn[i];
      const target = edge.via === 'stored' ? edge.reading.target : edge.satisfying.target;
      const record = this.principals.get(target.key);
      if (!record || record.search === this.search) continue;
      record.search = this.search;
      edge.step ??= edge.via === 'stored' ? readsStoredStep(edge.reading) : runsPodAsStep(edge.satisfying);
      const holds = heldStep(edge.node, atStart ? undefined : visit.name);
      const trail = extendTrail(extendTrail(visit.trail, holds), edge.step);
      this.enqueue(new Visit(record, target.name, trail, visit.first ?? holds, true, false));
    }
  }

  /**
   * An Entra principal whose every holding the start holds too (one more Helpdesk Administrator),
   * or that holds nothing but ways back to principals this search has reached (one more member of
   * a group already joined), reaches nothing new: not following it keeps fan-in linear.
   */
  private addsNothing(record: PrincipalRecord): boolean {
    return record.nodes.length === 0 && record.entra.every((n) =>
      (n.holding.key !== undefined && this.heldEntra?.has(n.holding.key) === true)
      || (n.holding.leaves.length === 0 && n.holding.edges.every((e) => this.principals.get(e.target.key)?.search === this.search)));
  }

  /** What the start's own grants open in one step (data an access-policy write or a key gives), by what and where. */
  private startOpens(what: string, document: string, placement: GraphPlacement): boolean {
    for (const group of this.groups) group.neededByOthers = true;
    this.opensItself ??= openedByOwnGrants(this.groups.length === 0 ? this.outOf(this.start).leaves
      : [this.start, ...this.groups].flatMap((r) => this.outOf(r).leaves));
    return this.opensItself.get(what)?.contain(document, placement) ?? false;
  }

  /** Whether the start holds this role at a scope containing this one itself: asked of leaves past the first identity only. */
  private startHolds(role: string, document: string, placement: GraphPlacement): boolean {
    this.heldRoles ??= rolesHeld(this.ownNodes);
    return this.heldRoles.get(role)?.contain(document, placement) ?? false;
  }
}

/**
 * A path a role opens, with what following it from any scope asks, worked out once per role: its
 * effects and conditions, the conditions on the holder (which travel with the route, since the
 * route is shared by every holder of the role at a scope), and, for a path that needs local
 * accounts, the step's words once they are turned back on and whether this role cannot do so.
 */
interface RolePath {
  readonly opened: OpenedPath;
  readonly effects: readonly EscalationEffect[];
  readonly conditions: EffectConditions | undefined;
  readonly holder: EffectConditions | undefined;
  readonly reopened: OpenedPath | undefined;
  readonly blocked: boolean;
}

function rolePath(opened: OpenedPath, role: GraphRole): RolePath {
  const { effects, conditions } = effectsOfPath(opened.path.id, opened.path.title);
  const holder = conditions?.callerEntraRole !== undefined || conditions?.callerHoldsCustomRole ? conditions : undefined;
  const localAccounts = conditions?.localAccounts;
  return {
    opened,
    effects,
    conditions,
    holder,
    reopened: localAccounts === undefined ? undefined
      : { path: opened.path, action: `${localAccounts.reenabledBy} to turn local accounts back on, then ${opened.action}` },
    blocked: localAccounts !== undefined && !holdsOperation(role, localAccounts.reenabledBy),
  };
}

const NO_ROUTE: Route = [];

/** A path that needs local accounts, at a declared cluster that has them off. */
function offAt(path: RolePath, contents: ScopeContents, address: string | undefined): boolean {
  return path.reopened !== undefined && address !== undefined && contents.localAccountsOff.has(address);
}

/** What a path opens at a resource: with local accounts off there, its step says they are turned back on first. */
function openedAt(path: RolePath, contents: ScopeContents, address: string | undefined): OpenedPath {
  return offAt(path, contents, address) ? path.reopened! : path.opened;
}

/** A path's end in access or roles, from a role at a scope. */
class RouteLeaf {
  constructor(public readonly opened: OpenedPath, public readonly effect: LeafEffect, public readonly holder: EffectConditions | undefined) {}
}

/** An identity a path leads to, from a role at a scope. */
class RouteEdge {
  constructor(public readonly opened: OpenedPath, public readonly effect: Edge['effect'], public readonly attachment: IdentityAttachment,
    public readonly assumed: boolean, public readonly holder: EffectConditions | undefined) {}
}

/**
 * Where a role's paths lead from a scope: what ends in access, and every identity within reach.
 * A retired path opens nothing; a path whose effects need a resource type the scope cannot hold
 * opens nothing there. A path that needs local accounts opens nothing on a declared cluster that
 * has them off, for a holder that cannot turn them back on; for one that can, its step says it
 * does so first.
 */
function followPaths(paths: readonly RolePath[], contents: ScopeContents, placement: GraphPlacement): Route {
  // A role that opens no path (Reader, a data role) leads nowhere from any scope: one empty route for all.
  if (paths.length === 0) return NO_ROUTE;
  const route: Route = [];
  const atResource = placement.level === ScopeLevel.RESOURCE ? placement.address : undefined;
  for (const path of paths) {
    if (isRetired(path.conditions) || !scopeConditionsHold(path.conditions, placement)) continue;
    if (placement.level === ScopeLevel.RESOURCE && path.blocked && offAt(path, contents, placement.address)) continue;
    for (const effect of path.effects) {
      if (effect.kind === 'grant-roles' || effect.kind === 'access') {
        route.push(new RouteLeaf(openedAt(path, contents, atResource), effect, path.holder));
        continue;
      }
      const within = effect.kind === 'use-identity'
        ? contents.userAssignedWithin(placement)
        : effect.kind === 'function-content'
          ? contents.functionAppsWithin(placement)
          : contents.attachmentsWithin(placement, effect.resourceTypes);
      for (let assumed = 0; assumed < 2; assumed++) {
        const attachments = assumed === 0 ? within.placed : within.assumed;
        for (const attachment of attachments) {
          const at = attachment.resource.address;
          if (path.blocked && offAt(path, contents, at)) continue;
          route.push(new RouteEdge(openedAt(path, contents, at), effect, attachment, assumed === 1, path.holder));
        }
      }
    }
  }
  return route;
}

/** What a path's holder conditions ask of a principal, worked out when first asked. */
function holderFactsOf(record: PrincipalRecord): HolderFacts {
  const holdings = record.entra.map((n) => n.holding);
  return {
    holdsEntraRole: (templateId) => holdsTenantWideRole(holdings, templateId),
    holdsCustomRole: record.nodes.some((n) => n.grant.role.role === undefined || !n.grant.role.role.isBuiltIn),
  };
}

const NO_WAYS: readonly CredentialWay[] = [];

/**
 * Whom each grant signs in as with a credential: the stores in Azure it reads (each with the
 * principal whose secret it keeps: the service principal the configuration declares for it), and
 * the workload trusts a pod it runs satisfies (each with the federated credential's principal). A
 * credential whose principal is not declared leads to no one reach can follow (AZA005 and AZA032
 * still name it). Nothing to do for a graph with neither.
 */
class CredentialWays {
  private readonly read: (grant: GraphGrant, document: string) => readonly StoreRead[];
  private readonly satisfied: (grant: GraphGrant, document: string) => readonly TrustSatisfied[];
  private readonly targets = new Map<GraphCredential, GraphPrincipal | null>();
  private credentials: Map<string, GraphCredential> | undefined = undefined;
  // Grants of one role at one scope read and satisfy the same: both answers are shared lists, so the ways are made once per pair.
  private readonly answers = new Map<object, Map<object, readonly CredentialWay[]>>();

  constructor(private readonly graph: AccessGraph) {
    this.read = storesReadBy(graph);
    this.satisfied = trustsSatisfiedBy(graph);
  }

  /** Whom a grant signs in as, and how (without the grant, which the edge adds). */
  public of(node: GrantNode): readonly CredentialWay[] {
    const reads = this.read(node.grant, node.document);
    const trusts = this.satisfied(node.grant, node.document);
    if (reads.length === 0 && trusts.length === 0) return NO_WAYS;
    const byReads = this.answers.get(reads) ?? setAndReturn(this.answers, reads, new Map<object, readonly CredentialWay[]>());
    let found = byReads.get(trusts);
    if (found === undefined) {
      const ways: CredentialWay[] = [];
      for (const { store, operation } of reads) {
        const target = this.principalOf(this.keptBy(store));
        if (target !== null) ways.push({ via: 'stored', store, operation, target });
      }
      for (const { trust, operation } of trusts) {
        const target = this.principalOf(trust.credential);
        if (target !== null) ways.push({ via: 'trust', trust, operation, target });
      }
      found = ways.length === 0 ? NO_WAYS : ways;
      byReads.set(trusts, found);
    }
    return found;
  }

  private principalOf(credential: GraphCredential | undefined): GraphPrincipal | null {
    if (credential === undefined) return null;
    let target = this.targets.get(credential);
    if (target === undefined) this.targets.set(credential, (target = credentialPrincipal(credential, this.graph) ?? null));
    return target;
  }

  private keptBy(store: GraphCredentialStore): GraphCredential | undefined {
    this.credentials ??= new Map(this.graph.credentials.map((c) => [credentialKey(c), c]));
    return this.credentials.get(`${documentKeyOf(store.origin)}\u0000${store.credential}`);
  }
}

function heldStep(node: GrantNode, holder: string | undefined): EscalationStep {
  if (holder === undefined) return (node.heldAtStart ??= holdsStep(node.grant, undefined, node.activation));
  return (node.heldFurther ??= holdsStep(node.grant, holder, node.activation));
}

/** What a leaf reaches; for a path, the step that names it. */
function leafTail(leaf: Leaf): LeafTail {
  const { node, opened, effect } = leaf;
  const { grant } = node;
  const at = scopeName(grant);
  if (!opened || !effect) {
    const tier = grant.role.canGrantAccess ? PrivilegeTier.CONTROL_PLANE : grant.role.role?.tier ?? PrivilegeTier.CONTROL_PLANE;
    const reaches = { role: grant.role.name, scope: at, scopeLevel: grant.scope.level, canGrantAccess: grant.role.canGrantAccess, tier };
    return { reaches, placement: node.placement, opensData: false };
  }
  if (effect.kind === 'access') {
    const opens = opensStep(grant, opened.path, opened.action, 'can reach', effect.what, at);
    // Data reached through the control plane is a workload's data: the management plane's tier.
    const reaches = { role: effect.what, scope: at, scopeLevel: grant.scope.level, canGrantAccess: false, tier: PrivilegeTier.MANAGEMENT_PLANE };
    return { opens, reaches, placement: node.placement, opensData: opened.path.plane === 'control' };
  }
  let placement = node.placement;
  let where = at;
  let level = grant.scope.level;
  if (effect.at === 'root') {
    placement = { level: ScopeLevel.ROOT };
    [where, level] = ['/', ScopeLevel.ROOT];
  } else if (effect.at === 'subscription' && scopeLevelRank(node.placement.level) < scopeLevelRank(ScopeLevel.SUBSCRIPTION)) {
    placement = { level: ScopeLevel.SUBSCRIPTION };
    [where, level] = [`the subscription of ${at}`, ScopeLevel.SUBSCRIPTION];
  }
  const opens = opensStep(grant, opened.path, opened.action, effect.verb, effect.role, where);
  const reaches = { role: effect.role, scope: where, scopeLevel: level, canGrantAccess: true, tier: PrivilegeTier.CONTROL_PLANE };
  return { opens, reaches, placement, opensData: false };
}


/** What a principal's own grants open in one step (a path that ends in access), by what, and where. */
/**
 * Whether holding this edge is holding the target's roles: a standing or active membership of a
 * group (no step of its own; an eligible one needs activation first, a step its holds step names).
 */
function holdsAsMember(holding: EntraHolding, edge: EntraEdge): boolean {
  return !holding.eligible && edge.edgeKind === 'AZMemberOf' && edge.description === undefined;
}

const NO_GROUPS: readonly PrincipalRecord[] = [];

/** The groups a principal holds the roles of as a member, nested groups too, each once. */
function groupsHeldAsMember(start: PrincipalRecord, principals: ReadonlyMap<string, PrincipalRecord>): readonly PrincipalRecord[] {
  // Most principals hold no Entra membership: nothing to allocate for them.
  if (!start.entra.some(({ holding }) => holding.edges.some((edge) => holdsAsMember(holding, edge)))) return NO_GROUPS;
  const found: PrincipalRecord[] = [];
  const seen = new Set<PrincipalRecord>([start]);
  for (let i = -1; i < found.length; i++) {
    const record = i < 0 ? start : found[i];
    for (const { holding } of record.entra) {
      for (const edge of holding.edges) {
        const group = principals.get(edge.target.key);
        if (group === undefined || seen.has(group) || !holdsAsMember(holding, edge)) continue;
        seen.add(group);
        found.push(group);
      }
    }
  }
  return found;
}

/** What a start's own grants open, when they open no data: most starts, asked once each. */
const OPENS_NOTHING: ReadonlyMap<string, HeldScopes> = new Map();

function openedByOwnGrants(leaves: readonly Leaf[]): ReadonlyMap<string, HeldScopes> {
  let opened: Map<string, HeldScopes> | undefined;
  for (const leaf of leaves) {
    if (leaf.effect?.kind !== 'access') continue;
    opened ??= new Map();
    let scopes = opened.get(leaf.effect.what);
    if (!scopes) opened.set(leaf.effect.what, (scopes = new HeldScopes()));
    scopes.add(leaf.node.document, leaf.node.placement);
  }
  return opened ?? OPENS_NOTHING;
}

/** For each role the principal holds, the scopes it holds it at. */
function rolesHeld(nodes: readonly GrantNode[]): Map<string, HeldScopes> {
  const roles = new Map<string, HeldScopes>();
  for (const node of nodes) {
    let scopes = roles.get(node.grant.role.name);
    if (!scopes) {
      scopes = new HeldScopes();
      roles.set(node.grant.role.name, scopes);
    }
    scopes.add(node.document, node.placement);
  }
  return roles;
}

function entraHeldStep(node: EntraNode, holder: string | undefined): EscalationStep {
  if (holder === undefined) return (node.heldAtStart ??= entraHolds(node.holding, ''));
  return (node.heldFurther ??= entraHolds(node.holding, `${holder} `));
}

function entraHolds(holding: EntraHolding, prefix: string): EscalationStep {
  return {
    kind: 'holds',
    description: `${prefix}${holding.holds}`,
    holds: holding.holds,
    grant: holding.basis,
    edgeKind: holding.edgeKind,
    entra: true,
    ...(holding.eligible ? { eligible: true } : {}),
    groupedBy: 0,
    groupEdge: -1,
  };
}

function entraActsAsStep(holding: EntraHolding, edge: EntraEdge): EscalationStep {
  return {
    kind: 'acts-as',
    description: edge.description!,
    grant: holding.basis,
    edgeKind: edge.edgeKind,
    identity: edge.target,
    ...(edge.action ? { action: edge.action } : {}),
    groupedBy: 0,
    groupEdge: -1,
  };
}

function entraOpensStep(holding: EntraHolding, leaf: EntraLeaf): EscalationStep {
  const { description, edgeKind, action } = leaf.opens!;
  return { kind: 'opens', description, grant: holding.basis, edgeKind, action, groupedBy: 0, groupEdge: -1 };
}
