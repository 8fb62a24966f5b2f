import { AuditResult } from './audit-result';
import { AuditRuleId } from './audit-rule-ids';
import { LiveAssignment } from './live-types';
import { compareText } from './sorted-by';
import { permissionTierRank, tierName } from '../../roles/permission-tier';
import { PrivilegeTier } from '../../roles/privilege-tier';
import { RoleCatalog } from '../../roles/role-catalog';
import { batchedLines, indentedJsonParts } from '../json-parts';
import { setAndReturn } from '../set-and-return';

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
 * them counted instead, by role and by principal and role, the widest first (tier 0 before tier 1),
 * so the page stays as long as what a reader can act on; `--format json` and `jsonl` list each.
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
      + `${summary.missing} declared but missing; ${summary.notComparable} not comparable.`
      + (summary.directoryRoles === undefined ? '' : ` Entra directory roles: ${summary.directoryRoles.matched} of ${summary.directoryRoles.live} matched the code; `
        + `${summary.directoryRoles.unmanaged} unmanaged; ${summary.directoryRoles.missing} declared but missing.`)
      + (summary.federatedCredentials === undefined ? '' : ` Federated credentials: ${summary.federatedCredentials.matched} of `
        + `${summary.federatedCredentials.live} matched the code; ${summary.federatedCredentials.unmanaged} unmanaged.`),
  ];
  if (result.findings.length === 0) {lines.push('', 'No findings.');} else {
    lines.push('', row(['Severity', 'Rule', 'Where', 'Message', 'Fix']), row(['---', '---', '---', '---', '---']));
    for (const f of result.findings) {
      if (grouped && f.ruleId === AuditRuleId.UNMANAGED) continue;
      lines.push(row([f.severity, f.ruleId, `${f.file}: ${code(f.address)}`, f.message, f.fix]));
    }
    if (grouped) {
      const unmanaged = result.findings.reduce((n, f) => (f.ruleId === AuditRuleId.UNMANAGED ? n + 1 : n), 0);
      lines.push('', `${plural(unmanaged, 'finding')} of ${AuditRuleId.UNMANAGED} (in the tenant, declared by no code) are counted by role and by principal and role `
        + 'below; `--format json` or `--format jsonl` lists each.');
    }
  }
  if (grouped) lines.push(...groupedUnmanagedSections(result.unmanaged));
  if (!grouped && result.unmanaged.length > 0) {
    lines.push('', '### Unmanaged', '', row(['Kind', 'Principal', 'Role', 'Scope', 'ID']), row(['---', '---', '---', '---', '---']));
    for (const a of result.unmanaged) {
      lines.push(row([a.kind, principalOf(a), a.roleName ?? a.roleGuid ?? a.roleDefinitionId, `${code(a.scope)} (${a.scopeLevel})`, code(a.id)]));
    }
  }
  return [...lines, ''].join('\n');
}

/** The most principal-and-role groups named one by one; the rest are counted. */
export const UNMANAGED_GROUPS_NAMED = 200;

/**
 * Unmanaged assignments past UNMANAGED_LISTED: counted by role first (a table as long as the
 * roles in use), then the widest principal-and-role groups by name, up to UNMANAGED_GROUPS_NAMED,
 * and a count of the rest. A tenant of a million assignments reads in a page or two.
 */
function groupedUnmanagedSections(unmanaged: readonly LiveAssignment[]): string[] {
  const groups = groupedUnmanaged(unmanaged);
  const byRole = new Map<string, { role: string; tier: string; tierRank: number; assignments: number; principals: number }>();
  for (const group of groups) {
    const totals = byRole.get(group.role) ?? { role: group.role, tier: group.tier, tierRank: group.tierRank, assignments: 0, principals: 0 };
    totals.assignments += group.count;
    totals.principals += 1;
    byRole.set(group.role, totals);
  }
  const roles = [...byRole.values()].sort((a, b) => a.tierRank - b.tierRank || b.assignments - a.assignments || compareText(a.role, b.role));
  const lines = ['', '### Unmanaged, by role', '', row(['Role', 'Tier', 'Assignments', 'Principals']), row(['---', '---', '---', '---']),
    ...roles.map((r) => row([r.role, r.tier, String(r.assignments), String(r.principals)]))];
  const named = groups.slice(0, UNMANAGED_GROUPS_NAMED);
  lines.push('', `### Unmanaged, by principal and role${groups.length > named.length ? ` (the ${named.length} widest of ${groups.length})` : ''}`, '',
    row(['Principal', 'Role', 'Tier', 'Assignments', 'Scopes']), row(['---', '---', '---', '---', '---']));
  for (const group of named) {
    const scopes = group.scopes.slice(0, SCOPES_NAMED).map(code).join(', ');
    const more = group.scopes.length > SCOPES_NAMED ? ` and ${group.scopes.length - SCOPES_NAMED} more` : '';
    lines.push(row([principalOf(group.first), group.role, group.tier, String(group.count), `${scopes}${more}`]));
  }
  const rest = groups.slice(named.length);
  if (rest.length > 0) {
    const assignments = rest.reduce((n, g) => n + g.count, 0);
    lines.push('', `… and ${plural(rest.length, 'more principal-and-role group')} (${plural(assignments, 'assignment')}), `
      + `none wider than ${rest[0].tier}; \`--format jsonl\` lists each.`);
  }
  return lines;
}

interface UnmanagedGroup {
  readonly first: LiveAssignment;
  readonly role: string;
  readonly tier: string;
  readonly tierRank: number;
  /** The principal's name and the role: the last key of the order. */
  readonly name: string;
  count: number;
  readonly scopes: string[];
}

/** The unmanaged assignments by principal and role: the widest tier first, then the most assignments, then by name. */
function groupedUnmanaged(unmanaged: readonly LiveAssignment[]): UnmanagedGroup[] {
  const catalog = RoleCatalog.builtIn();
  // By kind, principal, then role: no key string made for each of a tenant's million assignments.
  const byKind = new Map<LiveAssignment['kind'], Map<string, Map<string, UnmanagedGroup>>>();
  const groups: UnmanagedGroup[] = [];
  for (const a of unmanaged) {
    const role = a.roleName ?? a.roleGuid ?? a.roleDefinitionId;
    const byPrincipal = byKind.get(a.kind) ?? setAndReturn(byKind, a.kind, new Map<string, Map<string, UnmanagedGroup>>());
    const byRole = byPrincipal.get(a.principalId) ?? setAndReturn(byPrincipal, a.principalId, new Map<string, UnmanagedGroup>());
    let group = byRole.get(role);
    if (group === undefined) {
      // A role no catalog knows counts as tier 0, the widest.
      const tier = (a.roleGuid === undefined ? undefined : catalog.tryFromId(a.roleGuid)?.tier) ?? PrivilegeTier.CONTROL_PLANE;
      const shownRole = a.kind === 'eligible' ? `${role} (eligible)` : role;
      const name = `${a.principalDisplayName ?? a.principalName ?? a.principalId}\u0000${shownRole}`;
      group = { first: a, role: shownRole, tier: tierName(tier), tierRank: permissionTierRank(tier), name, count: 0, scopes: [] };
      byRole.set(role, group);
      groups.push(group);
    }
    group.count += 1;
    group.scopes.push(a.scope);
  }
  return groups.sort((a, b) => a.tierRank - b.tierRank || b.count - a.count || compareText(a.name, b.name));
}

/**
 * The audit as JSON Lines, in parts to write one after another (a tenant's audit is never one
 * string): a first line with what was compared and the counts (`"kind": "summary"`), then one line
 * a finding (`"kind": "finding"`), in the audit's order, each made as it is written.
 */
export function renderAuditJsonLines(result: AuditResult): Iterable<string> {
  const { today, sources, summary, findings } = result;
  return batchedLines((function* () {
    yield `${JSON.stringify({ kind: 'summary', today, sources, summary })}\n`;
    for (const finding of findings) yield `${JSON.stringify({ kind: 'finding', ...finding })}\n`;
  })());
}

/** The audit as JSON, in parts written as they are made; the same exports and code give the same bytes. */
export function renderAuditJsonParts(result: AuditResult): Iterable<string> {
  const { today, sources, summary, findings, unmanaged, matched, directoryRoles } = result;
  const members = { today, sources, summary, findings, unmanaged, matched, ...(directoryRoles === undefined ? {} : { directoryRoles }) };
  // The audit keeps az's principalName as the display name without copying it into each of a million
  // assignments; the JSON says it as it always has, made as each is written.
  return indentedJsonParts(members, { unmanaged: (a) => withDisplayName(a as LiveAssignment) });
}

function withDisplayName(a: LiveAssignment): LiveAssignment {
  return a.principalDisplayName !== undefined || a.principalName === undefined ? a : { ...a, principalDisplayName: a.principalName };
}

/** The audit as one JSON text, for a small audit (tests, the API). */
export function renderAuditJson(result: AuditResult): string {
  return [...renderAuditJsonParts(result)].join('');
}
