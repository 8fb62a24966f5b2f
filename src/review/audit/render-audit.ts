import { AuditResult } from './audit-result';
import { LiveAssignment } from './live-types';

/** Table cells hold one line, and `|` ends a cell even inside code. */
function cell(value: string): string {
  return value.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

function row(values: string[]): string {
  return `| ${values.map(cell).join(' | ')} |`;
}

function code(value: string): string {
  return `\`${value.replace(/`/g, "'")}\``;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function principalOf(live: LiveAssignment): string {
  const name = live.principalDisplayName ?? live.principalName;
  return `${live.principalType ?? 'principal'} ${name === undefined ? code(live.principalId) : `${name} (${code(live.principalId)})`}`;
}

/**
 * The audit for people: what was compared, the counts, one row per finding (rule order), and
 * the unmanaged assignments. Messages never hold a credential's value: the parser never reads one.
 */
export function renderAuditMarkdown(result: AuditResult): string {
  const { summary } = result;
  const lines = [
    '## Access audit',
    '',
    `Compared the code with ${result.sources.map(code).join(', ')} on ${result.today}.`,
    '',
    `${plural(result.findings.length, 'finding')} (${summary.error} error, ${summary.warning} warning, ${summary.info} info). `
      + `${summary.matched} of ${plural(summary.live, 'live assignment')} matched the code; ${summary.unmanaged} unmanaged; `
      + `${summary.missing} declared but missing; ${summary.notComparable} not comparable.`,
  ];
  if (result.findings.length === 0) {lines.push('', 'No findings.');} else {
    lines.push('', row(['Severity', 'Rule', 'Where', 'Message', 'Fix']), row(['---', '---', '---', '---', '---']));
    for (const f of result.findings) lines.push(row([f.severity, f.ruleId, `${f.file}: ${code(f.address)}`, f.message, f.fix]));
  }
  if (result.unmanaged.length > 0) {
    lines.push('', '### Unmanaged', '', row(['Kind', 'Principal', 'Role', 'Scope', 'ID']), row(['---', '---', '---', '---', '---']));
    for (const a of result.unmanaged) {
      lines.push(row([a.kind, principalOf(a), a.roleName ?? a.roleGuid ?? a.roleDefinitionId, `${code(a.scope)} (${a.scopeLevel})`, code(a.id)]));
    }
  }
  return [...lines, ''].join('\n');
}

/**
 * The audit as JSON Lines, in parts to write one after another (a tenant's audit is never one
 * string): a first line with what was compared and the counts (`"kind": "summary"`), then one line
 * a finding (`"kind": "finding"`), in the audit's order.
 */
export function renderAuditJsonLines(result: AuditResult): string[] {
  const { today, sources, summary, findings } = result;
  return [
    `${JSON.stringify({ kind: 'summary', today, sources, summary })}\n`,
    ...findings.map((finding) => `${JSON.stringify({ kind: 'finding', ...finding })}\n`),
  ];
}

/** The audit as JSON; the same exports and code give the same bytes. */
export function renderAuditJson(result: AuditResult): string {
  const { today, sources, summary, findings, unmanaged, matched } = result;
  return `${JSON.stringify({ today, sources, summary, findings, unmanaged, matched }, null, 2)}\n`;
}
