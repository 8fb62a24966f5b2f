import { AccessReport, ReportCredential, ReportRow, ReportSuppression } from './access-report';
import { code, markdownTable } from './markdown-table';
import { COVERAGE_NOTES_SENTENCE, modulesNotReadSentence, notReviewedSentence, repeatedText, valuesNotEvaluatedSentence } from './not-reviewed-text';
import { RuleId } from '../../model/rule-id';
import { describeReach } from '../escalation/describe-root-cause';
import { credentialEnd } from '../graph/credential-end';
import { shownScope } from '../graph/describe-scope';

function totalsLine(totals: Record<string, number>): string {
  const entries = Object.entries(totals);
  return entries.length ? entries.map(([k, v]) => `${k} ${v}`).join(', ') : 'none';
}

/** `2 standing or active grant(s), 2 eligibilities`, and the Entra half when the input has any. */
export function totalsSentence(report: AccessReport): string {
  const { grants, eligibilities, directoryRoles, appPermissions } = report.totals;
  return [
    `${grants} standing or active grant(s), ${eligibilities} eligibilit${eligibilities === 1 ? 'y' : 'ies'}`,
    ...(directoryRoles ? [`${directoryRoles} Entra directory role(s) held standing`] : []),
    ...(appPermissions ? [`${appPermissions} application permission(s)`] : []),
  ].join(', ');
}

/** What an auditor asks first, beside the row: why a wide scope is accepted, what else is, how activation works. */
export function notesOf(row: ReportRow): string[] {
  return [
    ...(row.tier === undefined ? [] : [row.tier]),
    ...(row.justification === undefined ? [] : [`justification: ${row.justification}`]),
    ...row.suppressions.filter((s) => s.ruleId !== RuleId.WIDE_SCOPE).map(suppressionText),
    ...(row.activation === undefined ? [] : [`activation: ${row.activation}`]),
  ];
}

/** `AZA005 accepted until 2027-06-30: migrating to uai-ordering-api`. */
export function suppressionText(s: ReportSuppression): string {
  return `${s.ruleId} accepted${s.until === undefined ? '' : ` until ${s.until}`}: ${s.reason}${s.accepts === undefined ? '' : ` (accepts ${s.accepts.join(', ')})`}`;
}

/**
 * What the notes of a credential say: its accepted exceptions, then each CI store that keeps it
 * (`kept in GitHub Actions secret X of repository infra (github_actions_secret.x)`).
 */
export function credentialNotes(c: ReportCredential, address: (value: string) => string): string[] {
  return [
    ...c.suppressions.map(suppressionText),
    ...(c.stores ?? []).map((s) => `kept in ${s.store} (${s.requiredReviewers ? 'behind required reviewers, ' : ''}`
      + `${s.readers === undefined ? '' : `read by ${readersText(s.readers, s.readerCount ?? s.readers.length)}, `}${address(s.address)})`),
  ];
}

/** `uai-app, group ops and 12 more`, or that no one this configuration grants reads it. */
function readersText(readers: readonly string[], count: number): string {
  if (count === 0) return 'no one this configuration grants it to';
  return `${readers.join(', ')}${count > readers.length ? ` and ${count - readers.length} more` : ''}`;
}

/** The scope as a reader knows it (`shownScope`). */
export function scopeText(row: ReportRow): string {
  return shownScope({ value: row.scope, name: row.scopeName, level: row.scopeLevel, displayName: row.subscriptionName });
}

export function renderReportMarkdown(report: AccessReport): string {
  const lines = [
    '## Azure access',
    '',
    `${totalsSentence(report)}.`,
    '',
  ];
  if (report.rows.length) {
    lines.push(
      markdownTable(
        ['principal', 'kind', 'role', 'plane', 'scope', 'level', 'access', 'expiry', 'notes', 'address'],
        report.rows.map((r) => [
          r.principal, r.principalKind, r.role, r.plane, code(scopeText(r)), r.scopeLevel, r.access, r.expiry, notesOf(r).join('; '),
          r.repeated === undefined ? code(r.address) : `${code(r.address)} (${repeatedText(r)}: ${code(r.repeated)})`,
        ]),
      ),
      '',
      `By scope level: ${totalsLine(report.totals.byScopeLevel)}.`,
      `By principal kind: ${totalsLine(report.totals.byPrincipalKind)}.`,
      '',
    );
  } else {
    lines.push('No grants or eligibilities.', '');
  }
  if (report.identitiesWithoutGrant.length) {
    lines.push('### Identities with no grant', '', ...report.identitiesWithoutGrant.map((i) => `- ${i.name} (${code(i.address)})`), '');
  }
  lines.push('### Not reviewed', '', notReviewedSentence(report), '');
  if (report.notReviewed.length) {
    lines.push(markdownTable(['resource', 'carries', 'address', 'file'], report.notReviewed.map((n) => [n.kind, n.reason, code(n.address), code(n.file)])), '');
  }
  if (report.coverageNotes.length) {
    lines.push(COVERAGE_NOTES_SENTENCE, '',
      markdownTable(['resource', 'why', 'address', 'file'], report.coverageNotes.map((n) => [n.kind, n.note, code(n.address), code(n.file)])), '');
  }
  const values = valuesNotEvaluatedSentence(report);
  if (values !== undefined) {
    lines.push(values, '', markdownTable(['value not evaluated', 'address', 'file'], report.valuesNotEvaluated.map((v) => [v.reason, code(v.address), code(v.file)])), '');
  }
  const modules = modulesNotReadSentence(report);
  if (modules !== undefined) {
    lines.push(modules, '',
      markdownTable(['module', 'source', 'reason', 'file'], report.modulesNotRead.map((m) => [code(m.address), code(m.source), m.reason, code(m.file)])), '');
  }
  lines.push('### Credentials', '');
  if (report.credentials.length) {
    lines.push(
      markdownTable(
        ['kind', 'belongs to', 'ends', 'trusts', 'notes', 'address'],
        report.credentials.map((c) => [
          c.kind,
          code(c.owner),
          credentialEnd(c),
          c.subject ? `${c.issuer} ${code(c.subject)}` : '',
          credentialNotes(c, code).join('; '),
          code(c.address),
        ]),
      ),
      '',
    );
  } else {
    lines.push('No credentials.', '');
  }
  // Only shown when there are some: a request is no grant, and most configurations make none.
  if (report.requestedPermissions.length) {
    lines.push('### Requested, not granted', '', 'What applications ask for (required_resource_access): nothing is held until an admin consents.', '',
      markdownTable(['application', 'API', 'kind', 'permission', 'tier if consented', 'address'],
        report.requestedPermissions.map((r) => [r.application, r.api, r.kind, code(r.permission), r.tier, code(r.address)])), '');
  }
  lines.push(...renderEscalations(report));
  return lines.join('\n');
}

/** `"Owner" at rg-app, … and 3 more`: the ends of a root cause, worst first, a few by name. */
export function endsText(ends: readonly { role: string; scope: string }[], named = 3): string {
  const shown = ends.slice(0, named).map(describeReach).join(', ');
  return ends.length > named ? `${shown}, and ${ends.length - named} more` : shown;
}

/** Escalations by root cause, then what grants open themselves: one root cause a decision to make. */
function renderEscalations(report: AccessReport): string[] {
  const lines = ['### Escalations by root cause', ''];
  if (report.escalations.length === 0) {
    lines.push('No escalation: no principal reaches, past its own grants, more than it holds or can give itself.', '');
  } else {
    const paths = report.escalations.reduce((n, e) => n + e.paths, 0);
    lines.push(`${report.escalations.length} root cause${report.escalations.length === 1 ? '' : 's'} of ${paths} escalation path${paths === 1 ? '' : 's'} `
      + `(each reported once by ${RuleId.ESCALATION_CHAIN}, on the root cause: the edge whose removal closes its paths).`, '');
    for (const e of report.escalations) {
      lines.push(`- ${escapeItem(e.rootCause)} (${code(e.address)}): ${e.paths} path${e.paths === 1 ? '' : 's'}, up to ${e.tier}: ${escapeItem(endsText(e.ends))}`,
        ...e.examples.map((x) => `  - ${escapeItem(x)}`),
        ...(e.paths > e.examples.length ? [`  - … and ${e.paths - e.examples.length} more`] : []));
    }
    lines.push('');
  }
  if (report.opensItself.length > 0) {
    lines.push('### What grants open themselves', '', 'One step beyond the role\'s name, from the grant itself: judged with the grant, not as escalations.', '',
      markdownTable(['principal', 'role', 'scope', 'opens', 'address'], report.opensItself.map((o) => [o.principal, o.role, code(o.scope), o.opens.join('; '), code(o.address)])), '');
  }
  return lines;
}

// Operation strings carry `*` and `_`; in a list item they would turn into emphasis.
function escapeItem(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/([*_`[\]<>])/g, '\\$1').replace(/\r?\n/g, ' ');
}

export function renderReportJson(report: AccessReport): string {
  return renderReportJsonParts(report).join('');
}

/**
 * The JSON report in parts, each top-level member and each separator apart, whose concatenation
 * is the text renderReportJson returns, for writing one part at a time. As one text, the arrows of the
 * chains made all 13 MB of a 20,000-grant report two bytes a character, to be flattened and
 * encoded whole; apart, the rows stay one byte a character and the parts are written as they are.
 */
export function renderReportJsonParts(report: AccessReport): string[] {
  return [...indentedJsonMembers(report as unknown as Record<string, unknown>), '\n'];
}

/**
 * `JSON.stringify(object, null, 2)`, as the text of its members apart: each member is
 * stringified in a one-member object, which JSON indents exactly as it indents that member in
 * the whole, and cut out of it.
 */
function indentedJsonMembers(object: Record<string, unknown>): string[] {
  const parts: string[] = [];
  for (const key of Object.keys(object)) {
    const alone = JSON.stringify({ [key]: object[key] }, null, 2);
    // A member JSON leaves out (undefined, a function) leaves an empty object. The separator is a
    // part of its own: joined to a member of megabytes, it would be one more copy of it when written.
    if (alone !== '{}') parts.push(parts.length === 0 ? '{\n' : ',\n', alone.slice(2, -2));
  }
  return parts.length === 0 ? ['{}'] : [...parts, '\n}'];
}
