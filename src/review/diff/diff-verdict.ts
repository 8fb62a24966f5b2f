import { AccessChange, AccessDiff } from './access-change';
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

// The Entra half is counted apart, so `1 grant` never hides a new Global Administrator.
const HALVES: { readonly one: string; readonly many: string; readonly holds: (c: AccessChange) => boolean }[] = [
  { one: 'grant', many: 'grants', holds: (c) => c.roleKind === 'azure-rbac' || c.roleKind === 'pim-group' },
  { one: 'Entra directory role', many: 'Entra directory roles', holds: (c) => c.roleKind === 'entra-directory-role' },
  { one: 'application permission', many: 'application permissions', holds: (c) => c.roleKind === 'app-permission' },
];

/** `2 grants, 1 Entra directory role`: the changes counted by what they hold; none, nothing. */
function counted(changes: AccessChange[]): string[] {
  return HALVES.map((half) => [half, changes.filter(half.holds).length] as const)
    .filter(([, n]) => n > 0).map(([half, n]) => plural(n, half.one, half.many));
}

/**
 * Widens when any change gives more access (a new grant, directory role or application permission
 * included) or any escalation chain opens; narrows when, with none of that, something is taken
 * away; otherwise no access change (a recreate keeps the same access, though it drops during
 * apply: the details say so).
 */
export function verdictOf(diff: AccessDiff, chains: ChainDiff | undefined): Verdict {
  const opened = chains?.opened.length ?? 0;
  // A grant that is new gives access nobody had: it widens, though the diff marks escalations only among changed grants.
  const widened = diff.changes.filter((c) => c.escalation || c.kind === ChangeKind.ADDED);
  if (widened.length > 0 || opened > 0) {
    const parts = [
      ...counted(widened),
      ...(opened > 0 ? [plural(opened, 'new escalation chain', 'new escalation chains')] : []),
    ];
    return { kind: VerdictKind.WIDENS, line: `Access widens: ${parts.join(', ')}` };
  }
  const narrowed = diff.changes.filter((c) => NARROWING.has(c.kind));
  const closed = chains?.closed.length ?? 0;
  if (narrowed.length > 0 || closed > 0) {
    const parts = [
      ...counted(narrowed),
      ...(closed > 0 ? [plural(closed, 'escalation chain closed', 'escalation chains closed')] : []),
    ];
    return { kind: VerdictKind.NARROWS, line: `Access narrows: ${parts.join(', ')}` };
  }
  const recreated = counted(diff.changes.filter((c) => c.kind === ChangeKind.RECREATED));
  return { kind: VerdictKind.NO_CHANGE, line: recreated.length > 0 ? `No access change (${recreated.join(', ')} recreated: access drops during apply)` : 'No access change' };
}
