import { AccessChange, AccessDiff } from './access-change';
import { ChangeKind } from './change-kind';
import { CredentialChange, describeCredentialKind } from './credential-change';
import { UnreadInHead } from './unread-in-head';
import { tierName, widestPermissionTier } from '../../roles/permission-tier';
import { EscalationDiff } from '../escalation/chain-diff';

/** Whether a change of code gives more access, less, or the same. */
export enum VerdictKind {
  WIDENS = 'widens',
  NARROWS = 'narrows',
  NO_CHANGE = 'no-change',
}

export interface Verdict {
  readonly kind: VerdictKind;
  /** The first line a reviewer reads: `Access widens: 2 grants, 1 client secret; 1 root cause of escalation (up to tier 0)`. */
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

/** `1 client secret`: the credentials added or changed, counted by kind. */
function credentialsCounted(changes: readonly CredentialChange[]): string[] {
  const counts = new Map<string, number>();
  for (const c of changes) counts.set(describeCredentialKind(c.credential), (counts.get(describeCredentialKind(c.credential)) ?? 0) + 1);
  return [...counts].map(([kind, n]) => plural(n, kind, `${kind}s`));
}

/** `2 root causes of escalation (up to tier 0)`, or what the opened paths do when they only extend existing ones. */
function openedWords(escalations: EscalationDiff): string[] {
  const decisive = escalations.opened.filter((o) => o.status !== 'extends');
  const extending = escalations.opened.filter((o) => o.status === 'extends');
  const widest = (list: typeof escalations.opened) => tierName(widestPermissionTier(list.map((o) => o.cause.tier)));
  const parts: string[] = [];
  if (decisive.length > 0) parts.push(`${plural(decisive.length, 'root cause', 'root causes')} of escalation (up to ${widest(decisive)})`);
  if (extending.length > 0) parts.push(`extends ${plural(extending.length, 'existing escalation path', 'existing escalation paths')} (up to ${widest(extending)})`);
  return parts;
}

/**
 * Widens when any change gives more access (a new grant, directory role, application permission
 * or credential included) or any escalation path opens; narrows when, with none of that,
 * something is taken away; otherwise no access change (a recreate keeps the same access, though
 * it drops during apply: the details say so). Escalations are counted by root cause.
 */
export function verdictOf(
  diff: AccessDiff, escalations: EscalationDiff | undefined, credentials: readonly CredentialChange[] = [], unread: readonly UnreadInHead[] = [],
): Verdict {
  const opened = escalations?.opened.length ?? 0;
  // A grant that is new gives access nobody had: it widens, though the diff marks escalations only among changed grants.
  const widened = diff.changes.filter((c) => c.escalation || c.kind === ChangeKind.ADDED);
  const newCredentials = credentials.filter((c) => c.widens);
  // What the head adds and the review cannot read may grant anything: it counts as widening.
  const unreadAdded = unread.filter((u) => u.added).length;
  if (widened.length > 0 || opened > 0 || newCredentials.length > 0 || unreadAdded > 0) {
    const parts = [...counted(widened), ...credentialsCounted(newCredentials)];
    const paths = escalations === undefined ? [] : openedWords(escalations);
    const unreadWords = unreadAdded === 0 ? []
      : [`${plural(unreadAdded, 'access resource or module call', 'access resources or module calls')} not reviewed (counted as the widest)`];
    // Only what was not read: said alone, not after "no grant".
    if (parts.length === 0 && paths.length === 0 && unreadWords.length > 0) return { kind: VerdictKind.WIDENS, line: `Access widens: ${unreadWords[0]}` };
    const line = `Access widens: ${parts.length > 0 ? parts.join(', ') : 'no grant'}`;
    const after = [...paths, ...unreadWords];
    return { kind: VerdictKind.WIDENS, line: after.length > 0 ? `${line}; ${after.join('; ')}` : line };
  }
  const narrowed = diff.changes.filter((c) => NARROWING.has(c.kind));
  const closed = escalations?.closed.length ?? 0;
  const removedCredentials = credentials.filter((c) => c.kind === 'removed');
  if (narrowed.length > 0 || closed > 0 || removedCredentials.length > 0) {
    const parts = [
      ...counted(narrowed),
      ...credentialsCounted(removedCredentials),
      ...(closed > 0 ? [plural(closed, 'root cause of escalation closed', 'root causes of escalation closed')] : []),
    ];
    return { kind: VerdictKind.NARROWS, line: `Access narrows: ${parts.join(', ')}` };
  }
  const recreated = counted(diff.changes.filter((c) => c.kind === ChangeKind.RECREATED));
  return { kind: VerdictKind.NO_CHANGE, line: recreated.length > 0 ? `No access change (${recreated.join(', ')} recreated: access drops during apply)` : 'No access change' };
}
