import { AccessChange, AccessDiff } from './access-change';
import { ChangeKind } from './change-kind';
import { CredentialChange } from './credential-change';
import { verdictOf } from './diff-verdict';
import { GateDecision } from './escalation-gate';
import { movedBlock } from './recreate-fix';
import { addressOf, cell, principalOf, roleOf, scopeOf } from './render-diff';
import { openedNote, renderCredentialChanges, renderGate, rootCauseReach, STATUS_WORDS } from './render-escalation-diff';
import { renderUnreadInHead, UnreadInHead } from './unread-in-head';
import { EscalationDiff, OpenedRootCause } from '../escalation/chain-diff';
import { PATHS_DRAWN, rootCauseMermaid, rootCauseText } from '../escalation/root-cause-picture';
import { RootCause } from '../escalation/root-causes';

/** The hidden line CI finds its own comment by, to update it instead of adding another. */
export const COMMENT_MARKER = '<!-- azure-access-diff -->';

/** GitHub refuses a comment longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** Where the comment is posted: GitHub draws mermaid; Azure DevOps comments do not, so chains are text there. */
export type CommentPlatform = 'github' | 'azure-devops';

export interface CommentOptions {
  readonly platform?: CommentPlatform;
  /** The longest comment to write. @default 60000 (GitHub's limit, less room for what CI adds) */
  readonly maxChars?: number;
  /** Where the full diff is (a job summary or an artifact URL), named when sections are left out. */
  readonly fullReport?: string;
}

function details(summary: string, body: string[], open = false): string[] {
  return [`<details${open ? ' open' : ''}><summary>${escapeHtml(summary)}</summary>`, '', ...body, '', '</details>', ''];
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function principalSection(changes: AccessChange[]): string[] {
  const widening = changes.filter((c) => c.escalation).length;
  const summary = `${principalOf(changes[0]).replace(/`/g, '')}: ${changes.length} change${changes.length === 1 ? '' : 's'}`
    + (widening ? `, ${widening} widening` : '');
  const rows = changes.map((c) => {
    const kind = c.escalation ? `**${c.kind}**` : c.kind;
    return `| ${[kind, roleOf(c), scopeOf(c), addressOf(c), c.details].map(cell).join(' | ')} |`;
  });
  const moved = changes.filter((c) => c.kind === ChangeKind.RECREATED && c.previousAddress !== undefined)
    .flatMap((c) => ['', 'Keep it in place (or call `moveFromId` in cdktf):', '', '```hcl', movedBlock(c.previousAddress!, c.address), '```']);
  return details(summary, ['| Change | Role | Scope | Address | Details |', '| --- | --- | --- | --- | --- |', ...rows, ...moved], widening > 0);
}

/** One root cause the change adds: what it does, one tree of its paths, and the ends it reaches. */
function rootCauseSection(opened: OpenedRootCause, platform: CommentPlatform): string[] {
  const { cause } = opened;
  const picture = platform === 'github' ? ['```mermaid', rootCauseMermaid(cause), '```'] : ['```text', rootCauseText(cause), '```'];
  const left = cause.chains.length - PATHS_DRAWN;
  const summary = `${STATUS_WORDS[opened.status]}: ${cause.edge.description}: ${rootCauseReach(cause)}`;
  return details(summary, [escapeHtml(openedNote(opened)), '', ...picture, ...(left > 0 ? ['', `_${left} more paths not drawn._`] : [])], opened.status !== 'extends');
}

function closedLine(cause: RootCause): string {
  return `- ${escapeHtml(cause.edge.description)}: ${escapeHtml(rootCauseReach(cause))}`;
}

/** What the comment is made of: the diff, its credential changes, its escalations by root cause, and the gate. */
export interface CommentInput {
  readonly diff: AccessDiff;
  readonly credentials?: readonly CredentialChange[];
  readonly escalations?: EscalationDiff;
  readonly gate?: GateDecision;
  /** What the head holds that the review could not read; the comment names what the change adds. */
  readonly unread?: readonly UnreadInHead[];
}

/**
 * The diff as one pull-request comment that reads as decisions: the verdict first, the gate's
 * answer and why, then one collapsible section per root cause the change adds (open unless it
 * only extends an existing path), each with one picture of its paths (a tree; mermaid on GitHub,
 * text on Azure DevOps), then the access changes by principal, credential changes, and root
 * causes closed. Sections that would take it past `maxChars` are left out, and the comment says
 * how many and where the full diff is.
 */
export function renderDiffComment(input: CommentInput, options: CommentOptions = {}): string {
  const { diff } = input;
  const platform = options.platform ?? 'github';
  const maxChars = options.maxChars ?? 60_000;
  const verdict = verdictOf(diff, input.escalations, input.credentials, input.unread);
  const head = [`**${verdict.line}**`, '', ...(input.gate ? [...renderGate(input.gate), ''] : [])];
  const sections: string[][] = [];
  // First: a change whose access cannot be read is the decision a reviewer must make.
  const unread = renderUnreadInHead(input.unread ?? [], true);
  if (unread) sections.push([unread, '']);
  const opened = input.escalations?.opened ?? [];
  if (opened.length) sections.push([`### Escalations by root cause (${opened.length})`, '']);
  for (const cause of opened) sections.push(rootCauseSection(cause, platform));
  const byPrincipal = new Map<string, AccessChange[]>();
  // Principals with a widening change first; the diff's own order (escalations first) within each.
  for (const change of [...diff.changes].sort((a, b) => Number(b.escalation) - Number(a.escalation))) {
    const key = `${change.principalKind}\u0000${change.principal}`;
    byPrincipal.set(key, [...(byPrincipal.get(key) ?? []), change]);
  }
  if (byPrincipal.size > 0) sections.push(['### Access changes', '']);
  sections.push(...[...byPrincipal.values()].map(principalSection));
  const credentials = renderCredentialChanges(input.credentials ?? []);
  if (credentials) sections.push([credentials]);
  const closed = input.escalations?.closed ?? [];
  if (closed.length) sections.push([`### Root causes of escalation closed (${closed.length})`, '', ...closed.map(closedLine), '']);

  const tail = ['', COMMENT_MARKER, ''];
  const lines = [...head];
  let size = [...head, ...tail].join('\n').length;
  let left = 0;
  const room = 400; // for the note that says what was left out
  for (const section of sections) {
    const text = section.join('\n');
    if (left === 0 && size + text.length + 1 <= maxChars - room) {
      lines.push(...section);
      size += text.length + 1;
    } else {
      left++;
    }
  }
  if (left > 0) {
    const where = options.fullReport ? `: ${options.fullReport}` : ' in the job summary, or run `azure-access diff` on the two syntheses';
    lines.push(`_${left} more section${left === 1 ? '' : 's'} left out to stay under the ${GITHUB_COMMENT_LIMIT.toLocaleString('en-US')}-character comment limit; the full diff is${where}._`, '');
  }
  return `${[...lines, ...tail].join('\n').replace(/\n{3,}/g, '\n\n').trimStart()}`;
}
