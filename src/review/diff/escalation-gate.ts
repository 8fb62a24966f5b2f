import { AccessDiff } from './access-change';
import { ChangeKind } from './change-kind';
import { CredentialChange, describeCredentialKind } from './credential-change';
import { UnreadInHead } from './unread-in-head';
import { tierName } from '../../roles/permission-tier';
import { EscalationDiff } from '../escalation/chain-diff';

/**
 * How strict `diff --fail-on-escalation` is. The README's table "What fails the gate" states each
 * level; this is the one place that decides.
 */
export enum GateLevel {
  /** Fails on any widening: a grant, role or permission added or widened, a credential added or changed, any escalation path opened. */
  STRICT = 'strict',
  /**
   * The default. Fails on an escalating access change, a new root cause of escalation, a root
   * cause that reaches a wider tier than before (or takes a principal wider than it reached), and
   * a new secret. A change that only extends an existing root cause to ends of the same or a
   * narrower tier passes, shown as such. A new secret is listed, and judged by `check` (AZA005).
   */
  STANDARD = 'standard',
  /** Fails only on an escalating access change, and on a new or widened root cause that reaches tier 0. */
  RELAXED = 'relaxed',
}

export const GATE_LEVELS: readonly GateLevel[] = [GateLevel.STRICT, GateLevel.STANDARD, GateLevel.RELAXED];

/** The gate's answer, and each reason for it, in words a reviewer can check. */
export interface GateDecision {
  readonly level: GateLevel;
  readonly fails: boolean;
  readonly reasons: string[];
}

/** How many of the unread items a reason names before it says how many more. */
const UNREAD_NAMED = 3;

/**
 * Decides the gate over a diff: its access changes, its credential changes, its escalations by
 * root cause, and what the head adds that the review could not read (at every level: unknown
 * counts as the widest, and a gate must not pass what it did not read).
 */
export function decideGate(
  access: AccessDiff,
  credentials: readonly CredentialChange[],
  escalations: EscalationDiff | undefined,
  level: GateLevel = GateLevel.STANDARD,
  unread: readonly UnreadInHead[] = [],
): GateDecision {
  const reasons: string[] = [];
  const added = unread.filter((u) => u.added);
  if (added.length > 0) {
    const named = added.slice(0, UNREAD_NAMED).map((u) => u.address).join(', ');
    const more = added.length > UNREAD_NAMED ? ` and ${added.length - UNREAD_NAMED} more` : '';
    reasons.push(`not reviewed: the head adds ${added.length} access resource${added.length === 1 ? '' : 's'} or module call${added.length === 1 ? '' : 's'} `
      + `the review cannot read (${named}${more}): what ${added.length === 1 ? 'it grants' : 'they grant'} cannot be judged, and unknown counts as the widest`);
  }
  for (const change of access.changes) {
    if (change.escalation) {reasons.push(`${change.kind}: ${change.role} at ${change.scope} for ${change.principal} (an escalating access change)`);} else if (level === GateLevel.STRICT && (change.kind === ChangeKind.ADDED || change.kind === ChangeKind.SCOPE_WIDENED)) {
      reasons.push(`${change.kind}: ${change.role} at ${change.scope} for ${change.principal} (strict: any widening)`);
    }
  }
  if (level === GateLevel.STRICT) {
    for (const c of credentials.filter((x) => x.widens)) reasons.push(`${c.kind}: ${describeCredentialKind(c.credential)} of ${c.owner} (strict: any widening)`);
  }
  for (const opened of escalations?.opened ?? []) {
    const what = `${opened.cause.edge.description} (${opened.cause.chains.length} path${opened.cause.chains.length === 1 ? '' : 's'}, up to ${tierName(opened.cause.tier)})`;
    if (opened.status === 'new' && (level !== GateLevel.RELAXED || opened.cause.tierLevel === 0)) {
      reasons.push(`a new root cause of escalation: ${what}`);
    } else if (opened.status === 'raises' && (level !== GateLevel.RELAXED || opened.cause.tierLevel === 0)) {
      reasons.push(`raises the tier reached: ${what}, where ${opened.extendsCause} reached ${tierName(opened.baseTier!)}`);
    } else if (opened.status === 'extends' && level === GateLevel.STRICT) {
      reasons.push(`extends an existing path (strict: any escalation path): ${what}`);
    }
  }
  return { level, fails: reasons.length > 0, reasons };
}
