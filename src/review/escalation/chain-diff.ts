import { EscalationChain, StepTrail } from './escalation-chain';
import { reachOfGraph } from './reach';
import { isReportedChain } from './reported-chain';
import { ChainEdge, edgeReader, graphEdgeKeys, groupByRootCause, RootCause, rootCausesOfGraph } from './root-causes';
import { PermissionTier, permissionTierRank } from '../../roles/permission-tier';
import { AccessGraph } from '../graph/access-graph';

/**
 * What one root cause of a change does to the escalations already there:
 * - `new`: a new way in: some path starts where the base let its start act as no one the
 *   change now gives more to;
 * - `raises`: every path extends a way the base's escalations already took (its start could act
 *   as the principal the change gives more to), and one reaches a wider tier than that way did;
 * - `extends`: every path extends such a way to ends of the same or a narrower tier (the eligible
 *   group that already runs as an identity now also reaches the identity's new queue).
 */
export type RootCauseStatus = 'new' | 'raises' | 'extends';

/** A root cause the change adds: the edge it adds, the escalations that edge opens, and what they do to the base's. */
export interface OpenedRootCause {
  readonly cause: RootCause;
  readonly status: RootCauseStatus;
  /** The root cause of the base's escalations along the way these paths extend (for `raises` and `extends`), described. */
  readonly extendsCause?: string;
  /** The widest tier the base's escalations along that way reached. */
  readonly baseTier?: PermissionTier;
}

/**
 * Edges each side holds in another form, by key: a grant the live tenant holds on one side and
 * the code declares on the other (the change adopts it) is the same assignment in Azure, so no
 * chain through it is opened or closed.
 */
export interface SameEdges {
  readonly inBase: ReadonlySet<string>;
  readonly inHead: ReadonlySet<string>;
  /** The head's grants that adopt an assignment the tenant holds, by address. */
  readonly adopted: ReadonlySet<string>;
}

/** The escalations a change opens and closes, by root cause. */
export interface EscalationDiff {
  readonly opened: OpenedRootCause[];
  /** Root causes of the escalations only the base had, by the edge the change removes. */
  readonly closed: RootCause[];
}

/**
 * The escalations between two syntheses. A chain is opened when the head has it and it passes an
 * edge the base does not have (a grant, eligibility, Entra holding or identity attachment the
 * change adds or changes), and closed when the base has it and it passes one the head does not:
 * a chain made only of edges both sides hold is no change, whatever else moved. Opened chains
 * are grouped by root cause with the change's own edges first (the edge the change adds is the
 * root cause), closed ones with the removed edges first; both by the one grouping of root-causes.ts.
 */
export function diffEscalations(base: AccessGraph, head: AccessGraph, same?: SameEdges): EscalationDiff {
  const baseKeys = graphEdgeKeys(base);
  const headKeys = graphEdgeKeys(head);
  for (const key of same?.inBase ?? []) baseKeys.add(key);
  for (const key of same?.inHead ?? []) headKeys.add(key);
  const opened = reachOfGraph(head).chains.filter(isReportedChain).filter(passesEdgeNotIn(baseKeys));
  const closed = reachOfGraph(base).chains.filter(isReportedChain).filter(passesEdgeNotIn(headKeys));
  const ways = waysInOf(rootCausesOfGraph(base));
  const openedCauses = groupByRootCause(opened, (edge) => !baseKeys.has(edge.key));
  return {
    opened: openedCauses.map((cause) => judge(cause, ways)),
    closed: groupByRootCause(closed, (edge) => !headKeys.has(edge.key)),
  };
}

/**
 * Whether a chain passes an edge the other side lacks, worked out once per step of the shared
 * trails (a step passes one when it or a step before it does), never once per step of each path.
 */
function passesEdgeNotIn(keys: ReadonlySet<string>): (chain: EscalationChain) => boolean {
  const edgesOf = edgeReader();
  const known = new Map<StepTrail, boolean>();
  return (chain) => {
    const pending: StepTrail[] = [];
    let at: StepTrail | undefined = chain.trail;
    let answer = false;
    for (; at !== undefined; at = at.previous) {
      const seen = known.get(at);
      if (seen !== undefined) {
        answer = seen;
        break;
      }
      pending.push(at);
    }
    for (let i = pending.length - 1; i >= 0; i--) {
      const edge = edgesOf(pending[i].step);
      answer ||= edge !== undefined && !keys.has(edge.key);
      known.set(pending[i], answer);
    }
    return answer;
  };
}

/** A way the base already let a principal act as another: the root cause of those paths, and the widest tier they reached. */
interface WayIn {
  readonly cause: RootCause;
  readonly tier: PermissionTier;
}

/**
 * By start and the principal it acts as (kind and name: the same in both syntheses), each way
 * the base's escalations pass. A step records its way for the widest tier of the paths through
 * it, so each step of the shared trails is walked again only when a path reaches wider.
 */
function waysInOf(causes: readonly RootCause[]): Map<string, WayIn> {
  const ways = new Map<string, WayIn>();
  const widest = new Map<StepTrail, number>();
  for (const cause of causes) {
    for (const chain of cause.chains) {
      const rank = permissionTierRank(chain.reaches.tier);
      for (let at: StepTrail | undefined = chain.trail; at !== undefined; at = at.previous) {
        if ((widest.get(at) ?? Infinity) <= rank) break;
        widest.set(at, rank);
        const step = at.step;
        const other = step.kind === 'acts-as' ? step.identity
          : step.kind === 'holds' && step.grant.principal.key !== chain.principal.key ? step.grant.principal : undefined;
        if (other === undefined) continue;
        const key = wayKey(chain.principal, other);
        const known = ways.get(key);
        if (known === undefined || rank < permissionTierRank(known.tier)) ways.set(key, { cause, tier: chain.reaches.tier });
      }
    }
  }
  return ways;
}

function wayKey(start: { kind: string; name: string }, other: { kind: string; name: string }): string {
  return `${start.kind}\u0000${start.name}\u0000${other.kind}\u0000${other.name}`;
}

/**
 * A root cause the change adds, judged against the base: its paths extend an escalation the
 * base had when their start could already act as the principal that holds the added edge (the
 * group that already runs as an identity, now given one more role); they raise the tier when
 * they reach wider than that did. Otherwise the root cause is new: a new way in.
 */
function judge(cause: RootCause, ways: ReadonlyMap<string, WayIn>): OpenedRootCause {
  const holder = cause.edge.principal;
  let extended: WayIn | undefined;
  let raises = false;
  for (const chain of cause.chains) {
    const way = chain.principal.key === holder.key ? undefined : ways.get(wayKey(chain.principal, holder));
    if (way === undefined) return { cause, status: 'new' };
    if (permissionTierRank(chain.reaches.tier) < permissionTierRank(way.tier)) raises = true;
    if (extended === undefined || permissionTierRank(way.tier) < permissionTierRank(extended.tier)) extended = way;
  }
  if (extended === undefined) return { cause, status: 'new' };
  return { cause, status: raises ? 'raises' : 'extends', extendsCause: extended.cause.edge.description, baseTier: extended.tier };
}

export type { ChainEdge };
