import { CredentialChange, describeCredentialKind } from './credential-change';
import { GateDecision } from './escalation-gate';
import { cell, code } from './render-diff';
import { tierName } from '../../roles/permission-tier';
import { EscalationDiff, OpenedRootCause, RootCauseStatus } from '../escalation/chain-diff';
import { describeChainBounded, describeReach } from '../escalation/describe-root-cause';
import { RootCause } from '../escalation/root-causes';

/** How many paths a root cause lists in markdown and JSON, worst first; the count says how many there are. */
export const PATHS_LISTED = 5;

/** How a root cause's status reads. */
export const STATUS_WORDS: Record<RootCauseStatus, string> = {
  new: 'new root cause',
  raises: 'raises the tier reached',
  extends: 'extends an existing path',
};

// Operation strings carry `*` and `_`; in a list item they would turn into emphasis.
function escape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/([*_`[\]<>])/g, '\\$1').replace(/\r?\n/g, ' ');
}

/** `3 paths, up to tier 0: "Owner" at …, …`. */
export function rootCauseReach(cause: RootCause): string {
  const n = cause.chains.length;
  const ends = cause.ends.slice(0, 3).map(describeReach).join(', ');
  const more = cause.ends.length > 3 ? `, and ${cause.ends.length - 3} more` : '';
  return `${n} path${n === 1 ? '' : 's'}, up to ${tierName(cause.tier)}: ${ends}${more}`;
}

/** What an opened root cause does to what the base had, in one sentence. */
export function openedNote(opened: OpenedRootCause): string {
  if (opened.status === 'new') return 'Its paths pass no root cause the base had.';
  return `Its paths extend ${opened.extendsCause}, which reached ${tierName(opened.baseTier!)} before.`;
}

function pathItems(cause: RootCause): string[] {
  const listed = cause.chains.slice(0, PATHS_LISTED).map((c) => `  - ${escape(describeChainBounded(c))}`);
  const left = cause.chains.length - PATHS_LISTED;
  return left > 0 ? [...listed, `  - … and ${left} more path${left === 1 ? '' : 's'}`] : listed;
}

/** The gate's answer as markdown: the level, passes or fails, and each reason. */
export function renderGate(gate: GateDecision): string[] {
  if (!gate.fails) return [`Gate (${gate.level}): passes.`];
  if (gate.reasons.length === 1) return [`Gate (${gate.level}): **fails**: ${escape(gate.reasons[0])}.`];
  return [`Gate (${gate.level}): **fails**:`, '', ...gate.reasons.map((r) => `- ${escape(r)}`)];
}

/** The escalations of a diff by root cause, as markdown: one item per root cause, its paths beneath. */
export function renderEscalationDiff(escalations: EscalationDiff): string {
  if (escalations.opened.length === 0 && escalations.closed.length === 0) return '### Escalations\n\nNo escalation path opened or closed.\n';
  const lines = ['### Escalations', ''];
  if (escalations.opened.length > 0) {
    lines.push(`#### Opened, by root cause (${escalations.opened.length})`, '');
    for (const opened of escalations.opened) {
      lines.push(`- **${STATUS_WORDS[opened.status]}**: ${escape(opened.cause.edge.description)} opens ${escape(rootCauseReach(opened.cause))}. ${escape(openedNote(opened))}`,
        ...pathItems(opened.cause));
    }
    lines.push('');
  }
  if (escalations.closed.length > 0) {
    lines.push(`#### Closed, by root cause (${escalations.closed.length})`, '');
    for (const cause of escalations.closed) lines.push(`- ${escape(cause.edge.description)} closed ${escape(rootCauseReach(cause))}`, ...pathItems(cause));
    lines.push('');
  }
  return lines.join('\n');
}

/** Credential changes as a markdown table; nothing when there are none. */
export function renderCredentialChanges(changes: readonly CredentialChange[]): string {
  if (changes.length === 0) return '';
  return ['### Credentials', '', '| Change | Credential | Of | Address | Details |', '| --- | --- | --- | --- | --- |',
    ...changes.map((c) => `| ${[c.widens ? `**${c.kind}**` : c.kind, describeCredentialKind(c.credential), code(c.owner),
      `${c.stack === undefined ? '' : `${c.stack}: `}${code(c.address)}`, c.details].map(cell).join(' | ')} |`), ''].join('\n');
}

/** The escalations of a diff as JSON: each root cause with its status, reach and paths (bounded). */
export function escalationsJson(escalations: EscalationDiff): object {
  const cause = (c: RootCause) => ({
    rootCause: c.edge.description,
    kind: c.edge.kind,
    address: c.edge.origin.address,
    paths: c.chains.length,
    tier: tierName(c.tier),
    ends: c.ends.map((e) => ({ role: e.role, scope: e.scope })),
    examples: c.chains.slice(0, PATHS_LISTED).map(describeChainBounded),
  });
  return {
    opened: escalations.opened.map((o) => ({
      status: o.status,
      ...cause(o.cause),
      ...(o.extendsCause === undefined ? {} : { extends: o.extendsCause, baseTier: tierName(o.baseTier!) }),
    })),
    closed: escalations.closed.map(cause),
  };
}
