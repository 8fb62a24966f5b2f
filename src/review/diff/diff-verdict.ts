import { AccessDiff } from './access-change';
import { ChangeKind } from './change-kind';
import { ChainDiff } from '../escalation/render-chains';

/** Whether a change of code gives more access, less, or the same. */
export enum VerdictKind {
  WIDENS = 'widens',
  NARROWS = 'narrows',
  NO_CHANGE = 'no-change',
}

export interface Verdict {
  readonly kind: VerdictKind;
  /** The first line a reviewer reads: `Access widens: 2 grants, 1 new escalation chain`. */
  readonly line: string;
}

const NARROWING = new Set<ChangeKind>([
  ChangeKind.REMOVED, ChangeKind.SCOPE_NARROWED, ChangeKind.ROLE_LESS_PRIVILEGED, ChangeKind.ACTIVATION_SHORTER, ChangeKind.ELIGIBLE_WHERE_STANDING,
]);

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Widens when any change gives more access (a new grant included) or any escalation chain opens; narrows when, with
 * none of that, something is taken away; otherwise no access change (a recreate keeps the same
 * access, though it drops during apply: the details say so).
 */
export function verdictOf(diff: AccessDiff, chains: ChainDiff | undefined): Verdict {
  const opened = chains?.opened.length ?? 0;
  // A grant that is new gives access nobody had: it widens, though the diff marks escalations only among changed grants.
  const widened = diff.changes.filter((c) => c.escalation || c.kind === ChangeKind.ADDED).length;
  if (widened > 0 || opened > 0) {
    const parts = [
      ...(widened > 0 ? [plural(widened, 'grant', 'grants')] : []),
      ...(opened > 0 ? [plural(opened, 'new escalation chain', 'new escalation chains')] : []),
    ];
    return { kind: VerdictKind.WIDENS, line: `Access widens: ${parts.join(', ')}` };
  }
  const narrowed = diff.changes.filter((c) => NARROWING.has(c.kind)).length;
  const closed = chains?.closed.length ?? 0;
  if (narrowed > 0 || closed > 0) {
    const parts = [
      ...(narrowed > 0 ? [plural(narrowed, 'grant', 'grants')] : []),
      ...(closed > 0 ? [plural(closed, 'escalation chain closed', 'escalation chains closed')] : []),
    ];
    return { kind: VerdictKind.NARROWS, line: `Access narrows: ${parts.join(', ')}` };
  }
  const recreated = diff.summary[ChangeKind.RECREATED];
  return { kind: VerdictKind.NO_CHANGE, line: recreated > 0 ? `No access change (${plural(recreated, 'grant', 'grants')} recreated: access drops during apply)` : 'No access change' };
}
