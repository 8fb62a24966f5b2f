import { AccessChange, AccessDiff } from './access-change';
import { chainMermaid, chainText } from './chain-picture';
import { ChangeKind } from './change-kind';
import { verdictOf } from './diff-verdict';
import { movedBlock } from './recreate-fix';
import { addressOf, cell, principalOf, roleOf, scopeOf } from './render-diff';
import { describeChain, EscalationChain } from '../escalation/escalation-chain';
import { ChainDiff } from '../escalation/render-chains';
import { describePrincipal } from '../graph/describe-principal';

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

function chainSection(chain: EscalationChain, platform: CommentPlatform): string[] {
  const picture = platform === 'github' ? ['```mermaid', chainMermaid(chain), '```'] : ['```text', chainText(chain), '```'];
  const summary = `${describePrincipal(chain.principal)} reaches "${chain.reaches.role}" at ${chain.reaches.scope}`;
  return details(summary, [...picture, '', escapeHtml(describeChain(chain))], true);
}

/**
 * The diff as one pull-request comment: the verdict first, then one collapsible section per
 * principal (open where access widens), then every new escalation chain drawn (mermaid on GitHub,
 * text on Azure DevOps), closed chains listed, and the marker CI finds the comment by. Sections
 * that would take it past `maxChars` are left out, and the comment says how many and where the
 * full diff is.
 */
export function renderDiffComment(diff: AccessDiff, chains: ChainDiff | undefined, options: CommentOptions = {}): string {
  const platform = options.platform ?? 'github';
  const maxChars = options.maxChars ?? 60_000;
  const verdict = verdictOf(diff, chains);
  const head = [`**${verdict.line}**`, ''];
  const byPrincipal = new Map<string, AccessChange[]>();
  // Principals with a widening change first; the diff's own order (escalations first) within each.
  for (const change of [...diff.changes].sort((a, b) => Number(b.escalation) - Number(a.escalation))) {
    const key = `${change.principalKind}\u0000${change.principal}`;
    byPrincipal.set(key, [...(byPrincipal.get(key) ?? []), change]);
  }
  const sections: string[][] = [...byPrincipal.values()].map(principalSection);
  const opened = chains?.opened ?? [];
  if (opened.length) sections.push([`### New escalation chains (${opened.length})`, '']);
  for (const chain of opened) sections.push(chainSection(chain, platform));
  const closed = chains?.closed ?? [];
  if (closed.length) sections.push([`### Closed escalation chains (${closed.length})`, '', ...closed.map((c) => `- ${escapeHtml(describeChain(c))}`), '']);

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
