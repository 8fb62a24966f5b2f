import { AccessChange, AccessDiff } from './access-change';
import { ChangeKind, CHANGE_KINDS } from './change-kind';
import { movedBlock } from './recreate-fix';
import { ScopeLevel } from '../../model/scope-level';
import { describeTier, directoryScopeKind } from '../report/describe-entra-access';

/** Table cells hold one line, and `|` ends a cell even inside code. */
export function cell(value: string): string {
  return value.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

export function code(value: string): string {
  return value === '' ? '(none)' : `\`${value.replace(/`/g, "'")}\``;
}

export function principalOf(change: AccessChange): string {
  if (change.principalKind === 'none') return change.principal;
  const kind = change.principalKind === 'unknown' ? 'principal of unknown kind' : change.principalKind.replace('-', ' ');
  return `${kind} ${code(change.principal)}`;
}

/** The role, the one it replaced, and for the Entra half its tier: `Global Reader (directory role) → Global Administrator (directory role), tier 0 (ControlPlane)`. */
export function roleOf(change: AccessChange): string {
  const role = change.previousRole === undefined ? change.role : `${change.previousRole} → ${change.role}`;
  return change.tier === undefined ? role : `${role}, ${describeTier(change.tier)}`;
}

/** What a level means for the change's kind of role: a directory scope names the tenant, an administrative unit or an object; an API is one. */
function levelOf(change: AccessChange, level: ScopeLevel): string {
  if (change.roleKind === 'entra-directory-role') return directoryScopeKind(level);
  return change.roleKind === 'app-permission' ? 'API' : level;
}

export function scopeOf(change: AccessChange): string {
  const now = `${change.scopeName === undefined ? code(change.scope) : `${change.scopeName} ${code(change.scope)}`} (${levelOf(change, change.scopeLevel)})`;
  return change.previousScope === undefined ? now : `${code(change.previousScope)} (${levelOf(change, change.previousScopeLevel!)}) → ${now}`;
}

export function addressOf(change: AccessChange): string {
  const now = `${change.stack === undefined ? '' : `${change.stack}: `}${code(change.address)}`;
  return change.previousAddress === undefined ? now : `${code(change.previousAddress)} → ${now}`;
}

/** `3 access changes, 2 escalations: 1 scope-widened, 1 added, 1 recreated.` */
export function diffSummaryLine(diff: AccessDiff): string {
  const counts = CHANGE_KINDS.filter((kind) => diff.summary[kind] > 0).map((kind) => `${diff.summary[kind]} ${kind}`);
  const changes = `${diff.changes.length} access change${diff.changes.length === 1 ? '' : 's'}`;
  return `${changes}, ${diff.escalations} escalation${diff.escalations === 1 ? '' : 's'}: ${counts.join(', ')}.`;
}

/**
 * The diff for a pull request comment: a summary line, one table row per change (escalations
 * first), and for every recreate the block that keeps the access in place.
 */
export function renderDiffMarkdown(diff: AccessDiff): string {
  const lines = ['## Access changes', ''];
  if (diff.changes.length === 0) return [...lines, 'No access changes.', ''].join('\n');
  lines.push(diffSummaryLine(diff), '', '| Change | Principal | Role | Scope | Address | Details |', '| --- | --- | --- | --- | --- | --- |');
  for (const change of diff.changes) {
    const kind = change.escalation ? `**${change.kind}** (escalation)` : change.kind;
    lines.push(`| ${[kind, principalOf(change), roleOf(change), scopeOf(change), addressOf(change), change.details].map(cell).join(' | ')} |`);
  }
  const recreated = diff.changes.filter((c) => c.kind === ChangeKind.RECREATED);
  if (recreated.length > 0) lines.push('', '### Recreated', '', 'Access drops between the destroy and the create of these resources during apply.');
  for (const change of recreated) {
    lines.push('', `${addressOf(change)}: ${change.details}.`);
    if (change.previousAddress !== undefined) {
      lines.push('', 'Paste this into the Terraform configuration (or call `moveFromId` in cdktf) to keep it:', '', '```hcl',
        movedBlock(change.previousAddress, change.address), '```');
    } else if (change.fix !== undefined) {
      lines.push('', change.fix);
    }
  }
  return [...lines, ''].join('\n');
}

/** The diff as JSON: the same input gives the same bytes (changes are sorted, keys in a fixed order). */
export function renderDiffJson(diff: AccessDiff): string {
  return `${JSON.stringify({ summary: diff.summary, escalations: diff.escalations, changes: diff.changes }, null, 2)}\n`;
}
