import { scopeName } from './chain-steps';
import { entraHoldingsOf } from './entra-holdings';
import { ChainReach, EscalationChain, EscalationStep, StepBasis } from './escalation-chain';
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

  public edgesOf(chain: EscalationChain): ChainEdge[] {
    const edges: ChainEdge[] = [];
    const seen = new Set<string>();
    for (const step of chain.steps) {
      for (const edge of stepEdges(step, (basis, s) => this.basisEdge(basis, s), (s) => this.attachmentEdge(s))) {
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

/**
 * Groups chains by root cause: repeatedly the grant, eligibility or Entra holding whose removal closes the most chains not yet
 * grouped, ties going to the edge nearest the privileged end (the last of the chain's edges),
 * then to the one named first; each chain belongs to the first root cause that closes it. Choke
 * points first, as BloodHound Enterprise ranks attack paths. Every view of chains (the rule, the
 * report, SARIF, the diff) asks this one function and never regroups.
 *
 * `prefer` marks edges that are root causes whenever they are on a chain, before any count (a
 * diff's root cause is the edge the change adds).
 */
export function groupByRootCause(chains: readonly EscalationChain[], prefer?: (edge: ChainEdge) => boolean): RootCause[] {
  const table = new EdgeTable();
  const chainEdges = chains.map((c) => table.edgesOf(c));
  const count = new Map<string, number>();
  const nearEnd = new Map<string, number>();
  const edges = new Map<string, ChainEdge>();
  const chainsOf = new Map<string, number[]>();
  chainEdges.forEach((list, index) => {
    list.forEach((edge, position) => {
      edges.set(edge.id, edge);
      count.set(edge.id, (count.get(edge.id) ?? 0) + 1);
      const distance = list.length - 1 - position;
      nearEnd.set(edge.id, Math.min(nearEnd.get(edge.id) ?? distance, distance));
      const list2 = chainsOf.get(edge.id);
      if (list2) list2.push(index);
      else chainsOf.set(edge.id, [index]);
    });
  });
  const grouped = new Array<boolean>(chains.length).fill(false);
  const causes: RootCause[] = [];
  let left = chains.length;
  while (left > 0) {
    let best: ChainEdge | undefined;
    for (const edge of edges.values()) {
      const n = count.get(edge.id)!;
      // An identity attached to a resource is the workload's design, not a grant to take back: it
      // is a root cause only where a change adds it (a diff prefers it), never by count.
      if (n === 0 || (edge.kind === 'attachment' && !(prefer?.(edge) ?? false))) continue;
      if (best === undefined || better(edge, best)) best = edge;
    }
    if (best === undefined) break;
    const members: EscalationChain[] = [];
    for (const index of chainsOf.get(best.id)!) {
      if (grouped[index]) continue;
      grouped[index] = true;
      left--;
      members.push(chains[index]);
      for (const edge of chainEdges[index]) count.set(edge.id, count.get(edge.id)! - 1);
    }
    causes.push(rootCause(best, members));
  }
  return causes.sort((a, b) => a.tierLevel - b.tierLevel || b.chains.length - a.chains.length || compareText(a.edge.description, b.edge.description));

  function better(edge: ChainEdge, than: ChainEdge): boolean {
    const preferred = prefer?.(edge) ?? false;
    const thanPreferred = prefer?.(than) ?? false;
    if (preferred !== thanPreferred) return preferred;
    return count.get(edge.id)! - count.get(than.id)! > 0
      || (count.get(edge.id) === count.get(than.id) && (nearEnd.get(edge.id)! - nearEnd.get(than.id)! < 0
        || (nearEnd.get(edge.id) === nearEnd.get(than.id) && compareText(edge.description, than.description) < 0)));
  }
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
