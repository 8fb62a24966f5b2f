import { AccessReport, ReportRow } from './access-report';
import { COVERAGE_NOTES_SENTENCE, modulesNotReadSentence, notReviewedSentence, repeatedText, valuesNotEvaluatedSentence } from './not-reviewed-text';
import { credentialNotes, endsText, notesOf, scopeText, totalsSentence } from './render-report';
import { credentialEnd } from '../graph/credential-end';

/** What the page says it reviewed: the inputs as given, the tool's version, the day it was made. */
export interface ReviewedWhat {
  readonly inputs: readonly string[];
  readonly version: string;
  /** `YYYY-MM-DD`. */
  readonly date: string;
}

/**
 * `report --format html`: one self-contained page an auditor opens in a browser — what was
 * reviewed, the tables of the markdown report, the access drawn one line a row (principal, role,
 * scope; dashed when eligible), and the escalations by root cause, coloured by tier, each with
 * its paths folded. No script, no font, no image from anywhere: the page works offline and shows
 * exactly what the command read.
 */
export function renderReportHtml(report: AccessReport, reviewed?: ReviewedWhat): string {
  const modules = modulesNotReadSentence(report);
  const values = valuesNotEvaluatedSentence(report);
  const sections = [
    '<h1>Azure access</h1>',
    ...(reviewed === undefined ? [] : [`<p class="reviewed">${escape(`Reviewed ${reviewed.inputs.join(', ')} with azure-access ${reviewed.version} on ${reviewed.date}.`)}</p>`]),
    `<p class="totals">${escape(totalsSentence(report))}; `
      + `${report.totals.accessResources.reviewed} access resource(s) read, ${report.totals.accessResources.notReviewed} not reviewed`
      + `${report.modulesNotRead.length ? `, ${report.modulesNotRead.length} module call(s) not read` : ''}.</p>`,
    '<h2>Who holds what</h2>',
    report.rows.length ? accessGraph(report.rows) : '<p>No grants or eligibilities.</p>',
    report.rows.length
      ? table(['principal', 'kind', 'role', 'plane', 'scope', 'level', 'access', 'expiry', 'notes', 'address'], report.rows.map((r) => [
        r.principal, r.principalKind, r.role, r.plane, scopeText(r), r.scopeLevel, r.access, r.expiry, notesOf(r).join('; '),
        r.repeated === undefined ? r.address : `${r.address} (${repeatedText(r)}: ${r.repeated})`,
      ]))
      : '',
    '<h2>Not reviewed</h2>',
    `<p>${escape(notReviewedSentence(report))}</p>`,
    ...(report.notReviewed.length
      ? [table(['resource', 'carries', 'address', 'file'], report.notReviewed.map((n) => [n.kind, n.reason, n.address, n.file]))]
      : []),
    ...(report.coverageNotes.length
      ? [`<p>${escape(COVERAGE_NOTES_SENTENCE)}</p>`, table(['resource', 'why', 'address', 'file'], report.coverageNotes.map((n) => [n.kind, n.note, n.address, n.file]))]
      : []),
    ...(values !== undefined
      ? [`<p>${escape(values)}</p>`, table(['value not evaluated', 'address', 'file'], report.valuesNotEvaluated.map((v) => [v.reason, v.address, v.file]))]
      : []),
    ...(modules !== undefined
      ? [`<p>${escape(modules)}</p>`, table(['module', 'source', 'reason', 'file'], report.modulesNotRead.map((m) => [m.address, m.source, m.reason, m.file]))]
      : []),
    ...(report.identitiesWithoutGrant.length
      ? ['<h2>Identities with no grant</h2>', table(['identity', 'address'], report.identitiesWithoutGrant.map((i) => [i.name, i.address]))]
      : []),
    '<h2>Credentials</h2>',
    report.credentials.length
      ? table(['kind', 'belongs to', 'ends', 'trusts', 'notes', 'address'], report.credentials.map((c) => [
        c.kind, c.owner, credentialEnd(c),
        c.subject ? `${c.issuer} ${c.subject}` : '', credentialNotes(c, (a) => a).join('; '), c.address,
      ]))
      : '<p>No credentials.</p>',
    '<h2>Escalations by root cause</h2>',
    report.escalations.length
      ? `<ol class="escalations">${report.escalations.map((e) => `<li class="${tierClass(e.tier)}"><details><summary>${escape(`${e.rootCause}: ${e.paths} path${e.paths === 1 ? '' : 's'}, up to ${e.tier}: ${endsText(e.ends)}`)}</summary>`
        + `<ul>${e.examples.map((x) => `<li>${escape(x)}</li>`).join('')}${e.paths > e.examples.length ? `<li>… and ${e.paths - e.examples.length} more</li>` : ''}</ul>`
        + `<p>${escape(e.address)}</p></details></li>`).join('')}</ol>`
      : '<p>No escalation: no principal reaches, past its own grants, more than it holds or can give itself.</p>',
    ...(report.opensItself.length
      ? ['<h2>What grants open themselves</h2>', table(['principal', 'role', 'scope', 'opens', 'address'],
        report.opensItself.map((o) => [o.principal, o.role, o.scope, o.opens.join('; '), o.address]))]
      : []),
  ];
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<title>Azure access</title>',
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...sections,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

const STYLE = [
  'body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1f24;background:#fff}',
  'table{border-collapse:collapse;margin:1rem 0;font-size:.85rem}',
  'th,td{border:1px solid #c8ccd1;padding:.3rem .5rem;text-align:left;vertical-align:top}',
  // Terraform addresses are long unbroken words: let them wrap anywhere, and nothing else.
  'td:last-child{overflow-wrap:anywhere;max-width:24rem}',
  'th{background:#eef1f4}',
  '.totals{font-weight:600}',
  'svg text{font:12px system-ui,sans-serif;fill:#1b1f24}',
  'svg .principal{fill:#dbeafe;stroke:#1d4ed8}',
  'svg .scope{fill:#dcfce7;stroke:#15803d}',
  'svg line{stroke:#475569;stroke-width:1.5}',
  'svg line.eligible{stroke-dasharray:6 4;stroke:#b45309}',
  '.reviewed{color:#57606a}',
  // Severity by tier: what a root cause reaches decides how loud it is.
  '.escalations li{border-left:.35rem solid #c8ccd1;padding-left:.5rem;margin:.4rem 0}',
  '.escalations li.tier-0{border-color:#cf222e}',
  '.escalations li.tier-1{border-color:#bf8700}',
  '.escalations summary{cursor:pointer}',
].join('');

/** The class of a root cause's tier (`tier 0` is `tier-0`); application-defined ones are quiet. */
function tierClass(tier: string): string {
  return /^tier [0-2]$/.test(tier) ? tier.replace(' ', '-') : 'tier-other';
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function table(headers: string[], rows: string[][]): string {
  const head = `<tr>${headers.map((h) => `<th>${escape(h)}</th>`).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((cell) => `<td>${escape(cell)}</td>`).join('')}</tr>`).join('\n');
  return `<table>\n${head}\n${body}\n</table>`;
}

const ROW = 34;
const BOX = { width: 260, height: 26 };
const WIDTH = 900;
/** How many lines the drawing shows; the table below it lists every row. */
const DRAWN = 200;
/**
 * How many characters fit: 12px system-ui text averages under 7px a character, so a box's text
 * (its width less 16px of padding) and a line's label (the gap between the boxes) are cut to fit.
 */
const BOX_CHARS = Math.floor((BOX.width - 16) / 7.5);
const LABEL_CHARS = Math.floor((WIDTH - 2 * BOX.width - 40) / 7.5);

/**
 * The access as lines, one a principal, scope and kind of access (every role it carries on the
 * label): each line its own row, so no label crosses another however many there are; a principal
 * with several lines is one box beside them. At most DRAWN lines are drawn; the table has all.
 */
function accessGraph(rows: ReportRow[]): string {
  const edges = new Map<string, { principal: string; scope: string; access: string; roles: string[] }>();
  for (const r of rows) {
    const key = JSON.stringify([r.principal, scopeText(r), r.access]);
    const edge = edges.get(key) ?? { principal: r.principal, scope: scopeText(r), access: r.access, roles: [] };
    edge.roles.push(r.role);
    edges.set(key, edge);
  }
  // A principal's lines together, in first-seen order, so its box spans them.
  const byPrincipal = new Map<string, (typeof edges extends Map<string, infer E> ? E : never)[]>();
  for (const edge of edges.values()) {
    const list = byPrincipal.get(edge.principal);
    if (list === undefined) byPrincipal.set(edge.principal, [edge]);
    else list.push(edge);
  }
  const all = [...byPrincipal.values()].flat();
  const drawn = all.slice(0, DRAWN);
  const y = (index: number) => 10 + index * ROW;
  const height = y(drawn.length) + 4;
  const right = WIDTH - BOX.width - 10;
  const parts: string[] = [];
  drawn.forEach((edge, i) => {
    const middle = y(i) + BOX.height / 2;
    parts.push(`<g><line class="${edge.access === 'eligible' ? 'eligible' : 'held'}" x1="${10 + BOX.width}" y1="${middle}" x2="${right}" y2="${middle}"/>`
      + `<text x="${WIDTH / 2}" y="${middle - 4}" text-anchor="middle">${escape(clip(`${edge.roles.join(', ')} (${edge.access})`, LABEL_CHARS))}</text></g>`);
    parts.push(box(right, y(i), BOX.height, edge.scope, 'scope'));
    if (i > 0 && drawn[i - 1].principal === edge.principal) return;
    let last = i;
    while (last + 1 < drawn.length && drawn[last + 1].principal === edge.principal) last++;
    parts.push(box(10, y(i), y(last) - y(i) + BOX.height, edge.principal, 'principal'));
  });
  const note = all.length > drawn.length
    ? `<p>The drawing shows the first ${drawn.length} of ${all.length} lines; the table below lists every row.</p>` : '';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Who holds access where" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">`,
    ...parts,
    '</svg>',
    note,
  ].join('\n');
}

function box(x: number, top: number, height: number, label: string, kind: string): string {
  return `<g><rect class="${kind}" x="${x}" y="${top}" width="${BOX.width}" height="${height}" rx="4"/>`
    + `<text x="${x + 8}" y="${top + 17}">${escape(clip(label, BOX_CHARS))}</text></g>`;
}

/** Long names end in an ellipsis inside the drawing; the tables keep them whole. */
function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
