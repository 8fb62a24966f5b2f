import { buildReport } from '../../review/report/access-report';
import { renderReportJson, renderReportMarkdown } from '../../review/report/render-report';
import { CliIo, ExitCode } from '../cli-io';
import { graphOf, loadSources } from '../load-graph';
import { CommandSpec, parseArgs } from '../parse-args';
import { deliver, STANDARD_OUTPUT } from '../write-failure';

export const REPORT: CommandSpec = { name: 'report', values: { format: ['markdown', 'json'] }, flags: [] };

export const REPORT_HELP = `Usage: azure-access report [options] <inputs...>

One row per grant and eligibility: principal, kind, role, plane, scope, scope level, standing or
eligible, expiry, Terraform address; totals by level and kind; identities with no grant;
credentials still present.

Options:
  --format markdown|json   output format (default markdown)
`;

export async function report(argv: string[], io: CliIo): Promise<ExitCode> {
  const args = parseArgs(REPORT, argv);
  const result = buildReport(graphOf(await loadSources('report', args.inputs, io)));
  const output = args.options.format === 'json' ? renderReportJson(result) : renderReportMarkdown(result);
  return deliver({ code: ExitCode.OK, meaning: 'report made' }, [{ target: STANDARD_OUTPUT, write: () => io.stdout(output) }]);
}
