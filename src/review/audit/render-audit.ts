import { AuditResult } from './audit-result';
import { AuditRuleId } from './audit-rule-ids';
import { LiveAssignment } from './live-types';
import { permissionTierRank, tierName } from '../../roles/permission-tier';
import { PrivilegeTier } from '../../roles/privilege-tier';
import { RoleCatalog } from '../../roles/role-catalog';

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

/** Up to this many unmanaged assignments, each is a row; above it, they are counted by principal and role. */
export const UNMANAGED_LISTED = 50;

/** How many scopes a group of unmanaged assignments names before it counts the rest. */
const SCOPES_NAMED = 3;

/**
 * The audit for people: what was compared, the counts, one row per finding (rule order), and
 * the unmanaged assignments. A tenant with more than UNMANAGED_LISTED unmanaged assignments has
 * them counted by principal and role instead, the widest roles first (tier 0 before tier 1), so
 * the page stays as long as what a reader can act on; `--format json` and `jsonl` list each.
 * Messages never hold a credential's value: the parser never reads one.
 */
export function renderAuditMarkdown(result: AuditResult): string {
  const grouped = result.unmanaged.length > UNMANAGED_LISTED;
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
    for (const f of result.findings) {
      if (grouped && f.ruleId === AuditRuleId.UNMANAGED) continue;
      lines.push(row([f.severity, f.ruleId, `${f.file}: ${code(f.address)}`, f.message, f.fix]));
    }
    if (grouped) {
      const unmanaged = result.findings.filter((f) => f.ruleId === AuditRuleId.UNMANAGED).length;
      lines.push('', `${plural(unmanaged, 'finding')} of ${AuditRuleId.UNMANAGED} (in the tenant, declared by no code) are counted by principal and role `
        + 'below; `--format json` or `--format jsonl` lists each.');
    }
  }
  if (grouped) {
    lines.push('', '### Unmanaged, by principal and role', '', row(['Principal', 'Role', 'Tier', 'Assignments', 'Scopes']), row(['---', '---', '---', '---', '---']));
    for (const group of groupedUnmanaged(result.unmanaged)) {
      const scopes = group.scopes.slice(0, SCOPES_NAMED).map(code).join(', ');
      const more = group.scopes.length > SCOPES_NAMED ? ` and ${group.scopes.length - SCOPES_NAMED} more` : '';
      lines.push(row([principalOf(group.first), group.role, group.tier, String(group.count), `${scopes}${more}`]));
    }
  } else if (result.unmanaged.length > 0) {
    lines.push('', '### Unmanaged', '', row(['Kind', 'Principal', 'Role', 'Scope', 'ID']), row(['---', '---', '---', '---', '---']));
    for (const a of result.unmanaged) {
      lines.push(row([a.kind, principalOf(a), a.roleName ?? a.roleGuid ?? a.roleDefinitionId, `${code(a.scope)} (${a.scopeLevel})`, code(a.id)]));
    }
  }
  return [...lines, ''].join('\n');
}

interface UnmanagedGroup {
  readonly first: LiveAssignment;
  readonly role: string;
  readonly tier: string;
  readonly tierRank: number;
  count: number;
  readonly scopes: string[];
}

/** The unmanaged assignments by principal and role: the widest tier first, then the most assignments, then by name. */
function groupedUnmanaged(unmanaged: readonly LiveAssignment[]): UnmanagedGroup[] {
  const catalog = RoleCatalog.builtIn();
  const groups = new Map<string, UnmanagedGroup>();
  for (const a of unmanaged) {
    const role = a.roleName ?? a.roleGuid ?? a.roleDefinitionId;
    const key = `${a.kind}\u0000${a.principalId}\u0000${role}`;
    let group = groups.get(key);
    if (group === undefined) {
      // A role no catalog knows counts as tier 0, the widest.
      const tier = (a.roleGuid === undefined ? undefined : catalog.tryFromId(a.roleGuid)?.tier) ?? PrivilegeTier.CONTROL_PLANE;
      group = { first: a, role: a.kind === 'eligible' ? `${role} (eligible)` : role, tier: tierName(tier), tierRank: permissionTierRank(tier), count: 0, scopes: [] };
      groups.set(key, group);
    }
    group.count += 1;
    group.scopes.push(a.scope);
  }
  const name = (g: UnmanagedGroup) => `${g.first.principalDisplayName ?? g.first.principalName ?? g.first.principalId}\u0000${g.role}`;
  return [...groups.values()].sort((a, b) => a.tierRank - b.tierRank || b.count - a.count || (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
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
