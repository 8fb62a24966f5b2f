import { renderOpenGraphParts } from '../../review/export/render-opengraph';
import type * as ReviewOpenGraphModule from '../../review/export/review-opengraph';
import { AccessReport, buildReport } from '../../review/report/access-report';
import { renderReportJsonParts, renderReportMarkdown } from '../../review/report/render-report';
import type * as RenderReportHtmlModule from '../../review/report/render-report-html';
import { CliIo, ExitCode } from '../cli-io';
import { graphOnTenant, LIVE_HELP, LIVE_OPTIONS, readLiveTenant, tellTargetsNotListed } from '../live-tenant';
import { CommandSpec, parseArgs } from '../parse-args';
import { stepSummary } from '../step-summary';
import { todayOf } from '../today';
import { deliver, STANDARD_OUTPUT } from '../write-failure';
import { loadConfiguredSources, VARIABLE_HELP, VARIABLE_OPTIONS } from './configured-sources';

export const REPORT: CommandSpec = {
  name: 'report', values: { format: ['markdown', 'json', 'html', 'opengraph'], today: 'any' }, flags: [], repeatable: [...VARIABLE_OPTIONS, ...LIVE_OPTIONS],
};

export const REPORT_HELP = `Usage: azure-access report [options] <inputs...>

One row per grant and eligibility: principal, kind, role, plane, scope, scope level, standing or
eligible, expiry, notes (justification, accepted exceptions, activation policy), Terraform
address; totals by level and kind; what was not reviewed; identities with no grant; credentials
still present; escalation chains.

Options:
  --format markdown|json|html|opengraph   output format (default markdown); html is one
                                self-contained page with the access drawn as a graph; opengraph
                                is BloodHound OpenGraph JSON (each edge marked code, tenant or
                                both) for BloodHound's file upload
  --today YYYY-MM-DD            the day the html page says it was made (default: today, UTC)
${VARIABLE_HELP}${LIVE_HELP}When GITHUB_STEP_SUMMARY is set, the markdown report is appended to it as well.
`;

export async function report(argv: string[], io: CliIo, version: string): Promise<ExitCode> {
  const args = parseArgs(REPORT, argv);
  const today = todayOf('report', args.options.today);
  const sources = await loadConfiguredSources('report', args, io);
  const live = await readLiveTenant('report', args, io);
  const graph = graphOnTenant(sources, live);
  tellTargetsNotListed('report', graph, live, io);
  const result = buildReport(graph);
  const format = args.options.format ?? 'markdown';
  // Rendered whole before anything is written; JSON and OpenGraph in parts, which are written one after another.
  const reviewed = { inputs: args.inputs, version, date: today };
  const output = format === 'json' ? renderReportJsonParts(result) : format === 'opengraph' ? renderOpenGraphParts(reviewOpenGraph().reviewOpenGraph(graph, live))
    : [format === 'html' ? renderHtml(result, reviewed) : renderReportMarkdown(result)];
  const markdown = () => (format === 'markdown' ? output[0] : renderReportMarkdown(result));
  return deliver({ code: ExitCode.OK, meaning: 'report made' }, [
    { target: STANDARD_OUTPUT, write: () => output.forEach((part) => io.stdout(part)) },
    ...stepSummary(io, markdown),
  ]);
}

/** The HTML page's renderer (its script, styles and layout), loaded only when asked for. */
function renderHtml(result: AccessReport, reviewed: RenderReportHtmlModule.ReviewedWhat): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../../review/report/render-report-html') as typeof RenderReportHtmlModule).renderReportHtml(result, reviewed);
}

/** The BloodHound OpenGraph export, loaded only when asked for. */
function reviewOpenGraph(): typeof ReviewOpenGraphModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../../review/export/review-opengraph') as typeof ReviewOpenGraphModule;
}
