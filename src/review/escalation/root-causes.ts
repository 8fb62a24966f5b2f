import { scopeName } from './chain-steps';
import { entraHoldingsOf } from './entra-holdings';
import { ChainReach, EscalationChain, EscalationStep, StepBasis, StepTrail } from './escalation-chain';
import { reachOfGraph } from './reach';
import { isReportedChain } from './reported-chain';
import { PermissionTier, permissionTierRank } from '../../roles/permission-tier';
import { AccessGraph } from '../graph/access-graph';
import { describePrincipal } from '../graph/describe-principal';
import { GraphPrincipal, Origin } from '../graph/graph-types';
import { documentKeyOf } from '../graph/origin';

/**
 * An edge of the graph that chains stand on: a grant, an eligibility, an Entra holding (a
 * directory role, an application permission, an ownership, a membership) or an identity attached
 * to a resource. Removing it closes every chain through it.
 */
export interface ChainEdge {
  /** What it is within one graph: its document, address and what it holds. */
  readonly id: string;
  /**
   * What it is in any synthesis of the same code: names, not addresses or files, so the base and
   * the head of a diff agree on it (as `chainKey` does for chains).
   */
  readonly key: string;
  readonly kind: 'grant' | 'eligibility' | 'entra' | 'attachment';
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

/** The edges one step stands on, in order: what it holds, and the resource whose identity it takes on. */
function stepEdges(step: EscalationStep, edgeOf: (basis: StepBasis, step: EscalationStep) => ChainEdge,
  attachmentOf: (step: EscalationStep) => ChainEdge | undefined): ChainEdge[] {
  if (step.kind === 'holds') return [edgeOf(step.grant, step)];
  if (step.kind === 'acts-as') {
    const attachment = attachmentOf(step);
    return attachment === undefined ? [] : [attachment];
  }
  return [];
}

/** The key of a held edge: the same in every synthesis of the same code (names, not addresses). */
function basisKey(kind: ChainEdge['kind'], basis: StepBasis): string {
  return [kind, basis.principal.kind, basis.principal.name, basis.role.name, basis.scope.name ?? basis.scope.value].join('\u0000');
}

function attachmentKey(type: string, resource: string, identity: string): string {
  return ['attachment', type, resource, identity].join('\u0000');
}

/** The edges a chain stands on, in order from its start, each once. */
export function edgesOfChain(chain: EscalationChain): ChainEdge[] {
  return new EdgeTable().edgesOf(chain);
}

/** A reader of the edges each step stands on, sharing edge objects across the steps it is asked about. */
export function edgeReader(): (step: EscalationStep) => readonly ChainEdge[] {
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
  for (const e of graph.eligibilities) {
    if (e.kind === 'azure-rbac' && e.role !== undefined && e.scope !== undefined) {
      keys.add(basisKey('eligibility', { origin: e.origin, principal: e.principal, role: e.role, scope: e.scope }));
    }
  }
  for (const holdings of entraHoldingsOf(graph).values()) for (const holding of holdings) keys.add(basisKey('entra', holding.basis));
  for (const identity of graph.identities) {
    if (identity.kind !== 'user-assigned') continue;
    for (const on of identity.attachedTo) keys.add(attachmentKey(on.type, on.name, identity.principal.name));
  }
  return keys;
}

/** Makes and shares the edge objects of one set of chains: the same grant is the same edge in every chain. */
class EdgeTable {
  private readonly byId = new Map<string, ChainEdge>();
  // Steps are shared by the paths that pass them: each step's edges are worked out once.
  private readonly byStep = new WeakMap<EscalationStep, readonly ChainEdge[]>();

  /** The edges one step stands on. */
  public ofStep(step: EscalationStep): readonly ChainEdge[] {
    let edges = this.byStep.get(step);
    if (edges === undefined) {
      edges = stepEdges(step, (basis, s) => this.basisEdge(basis, s), (s) => this.attachmentEdge(s));
      this.byStep.set(step, edges);
    }
    return edges;
  }

  public edgesOf(chain: EscalationChain): ChainEdge[] {
    const edges: ChainEdge[] = [];
    const seen = new Set<string>();
    for (const step of chain.steps) {
      for (const edge of this.ofStep(step)) {
        if (seen.has(edge.id)) continue;
        seen.add(edge.id);
        edges.push(edge);
      }
    }
    return edges;
  }

  private basisEdge(basis: StepBasis, step: EscalationStep): ChainEdge {
    const kind: ChainEdge['kind'] = step.entra ? 'entra' : step.eligible ? 'eligibility' : 'grant';
    const id = `${documentKeyOf(basis.origin)}\u0000${basis.origin.address}\u0000${basis.role.name}\u0000${kind}`;
    let edge = this.byId.get(id);
    if (edge === undefined) {
      const who = describePrincipal(basis.principal);
      const holds = kind === 'eligibility' ? 'is eligible for' : 'holds';
      edge = {
        id,
        key: basisKey(kind, basis),
        kind,
        origin: basis.origin,
        description: step.holds !== undefined ? `${who} ${step.holds}` : `${who} ${holds} "${basis.role.name}" at ${scopeName(basis)}`,
        principal: basis.principal,
      };
      this.byId.set(id, edge);
    }
    return edge;
  }

  private attachmentEdge(step: EscalationStep): ChainEdge | undefined {
    const on = step.on;
    const identity = step.identity;
    // A system-assigned identity is its resource's own: that resource holds no separate edge.
    if (on?.origin === undefined || identity === undefined || identity.name.endsWith('(system-assigned)')) return undefined;
    const id = `${documentKeyOf(on.origin)}\u0000${on.address}\u0000attached\u0000${identity.key}`;
    let edge = this.byId.get(id);
    if (edge === undefined) {
      edge = {
        id,
        key: attachmentKey(on.type, on.name, identity.name),
        kind: 'attachment',
        origin: on.origin,
        description: `${on.name} runs as ${identity.name}`,
        principal: identity,
      };
      this.byId.set(id, edge);
    }
    return edge;
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
  public readonly children: TrailNode[] = [];
  /** The chain that ends at this node, by index, or -1. */
  public chain = -1;
  /** Chains not yet grouped that pass this node (end here or below). */
  public alive = 0;
  /** Nodes from here to the nearest chain end below. */
  public toEnd = Infinity;

  constructor(public readonly parent: TrailNode | undefined, public readonly edges: readonly number[]) {}
}

/**
 * Groups chains by root cause: repeatedly the grant, eligibility or Entra holding whose removal
 * closes the most chains not yet grouped, ties going to the edge nearest the privileged end (the
 * end of the paths), then to the one named first; each chain belongs to the first root cause
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
  const edges: ChainEdge[] = [];
  const indexOf = new Map<string, number>();
  const nodesOf: TrailNode[][] = [];
  // Steps are shared by many nodes (one held step for every path past a grant): their edges' indexes are read once.
  const idsOfStep = new Map<EscalationStep, readonly number[]>();
  const idsOf = (step: EscalationStep): readonly number[] => {
    let ids = idsOfStep.get(step);
    if (ids === undefined) {
      ids = table.ofStep(step).map((edge) => {
        let index = indexOf.get(edge.id);
        if (index === undefined) {
          index = edges.push(edge) - 1;
          indexOf.set(edge.id, index);
          nodesOf.push([]);
        }
        return index;
      });
      idsOfStep.set(step, ids);
    }
    return ids;
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
      const node: TrailNode = new TrailNode(parent, idsOf(missing[i].step));
      for (const id of node.edges) nodesOf[id].push(node);
      parent?.children.push(node);
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
  // An identity attached to a resource is the workload's design, not a grant to take back: it
  // is a root cause only where a change adds it (a diff prefers it), never by count.
  const candidate = edges.map((edge, i) => edge.kind !== 'attachment' || preferred[i]);
  // Ties end with the description: ranked once, compared as numbers.
  const named = edges.map((_, i) => i).sort((a, b) => compareText(edges[a].description, edges[b].description) || a - b);
  const nameRank = new Array<number>(edges.length);
  named.forEach((edge, rank) => (nameRank[edge] = rank));
  const better = (a: number, b: number): boolean => {
    if (preferred[a] !== preferred[b]) return preferred[a];
    if (count[a] !== count[b]) return count[a] > count[b];
    if (nearEnd[a] !== nearEnd[b]) return nearEnd[a] < nearEnd[b];
    return nameRank[a] < nameRank[b];
  };

  const grouped = new Array<boolean>(chains.length).fill(false);
  const causes: RootCause[] = [];
  for (;;) {
    let best = -1;
    for (let i = 0; i < edges.length; i++) if (candidate[i] && count[i] > 0 && (best < 0 || better(i, best))) best = i;
    if (best < 0) break;
    const members: EscalationChain[] = [];
    for (const node of nodesOf[best]) {
      const taken = node.alive;
      if (taken === 0) continue;
      for (let up = node.parent; up !== undefined; up = up.parent) {
        up.alive -= taken;
        for (const id of up.edges) count[id] -= taken;
      }
      // The subtree: every chain below is closed with this edge.
      const stack = [node];
      while (stack.length > 0) {
        const below = stack.pop()!;
        if (below.alive === 0) continue;
        for (const id of below.edges) count[id] -= below.alive;
        below.alive = 0;
        if (below.chain >= 0 && !grouped[below.chain]) {
          grouped[below.chain] = true;
          members.push(chains[below.chain]);
        }
        for (const child of below.children) stack.push(child);
      }
    }
    causes.push(rootCause(edges[best], members));
  }
  return causes.sort((a, b) => a.tierLevel - b.tierLevel || b.chains.length - a.chains.length || compareText(a.edge.description, b.edge.description));
}

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

/** The root causes of a graph's escalations (the chains AZA013 reports), worked out once per graph. */
export function rootCausesOfGraph(graph: AccessGraph): RootCause[] {
  let causes = causesByGraph.get(graph);
  if (causes === undefined) {
    causes = groupByRootCause(reachOfGraph(graph).chains.filter(isReportedChain));
    causesByGraph.set(graph, causes);
  }
  return causes;
}
