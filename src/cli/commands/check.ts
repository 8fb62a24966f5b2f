import { ruleIdRange } from '../../model/rule-id';
import { evaluate, Evaluation } from '../../policy/evaluate';
import { parseReviewConfig, ReviewConfig } from '../../policy/review-config';
import { RULE_REGISTRY } from '../../policy/rule-pack';
import { SourceDocument } from '../../review/reader/source-document';
import { CliIo, ExitCode } from '../cli-io';
import { renderFindingsJson, renderFindingsMarkdown, renderFindingsText, thresholdResult } from '../findings-output';
import { graphOnTenant, LIVE_HELP, LIVE_OPTIONS, readLiveTenant, tellTargetsNotListed } from '../live-tenant';
import { CommandSpec, parseArgs } from '../parse-args';
import { readTextFile } from '../read-text-file';
import { repositoryRoot, rootRelative } from '../repository-root';
import { resourceSources } from '../resource-sources';
import { renderSarif } from '../sarif';
import { declarationLocator } from '../source-location';
import { stepSummary } from '../step-summary';
import { todayOf } from '../today';
import { deliver, STANDARD_OUTPUT } from '../write-failure';
import { loadConfiguredSources, VARIABLE_HELP, VARIABLE_OPTIONS } from './configured-sources';

export const CHECK: CommandSpec = {
  name: 'check',
  values: { 'format': ['text', 'json', 'sarif'], 'fail-on': ['error', 'warning', 'never'], 'config': 'any', 'today': 'any' },
  flags: [],
  repeatable: [...VARIABLE_OPTIONS, ...LIVE_OPTIONS],
};

// One line a rule, from the registry: the help lists every rule `check` can report.
const RULE_LINES = RULE_REGISTRY.map((r) => `  ${r.id}  ${r.defaultSeverity.padEnd(7)}  ${r.title}`).join('\n');

export const CHECK_HELP = `Usage: azure-access check [options] <inputs...>

Runs the least-privilege rules (${ruleIdRange()}) over Terraform JSON, as the AccessGuard does at synth.

Rules (default severity; --config can change it or turn a rule off):
${RULE_LINES}

Options:
  --format text|json|sarif       output format (default text); sarif is for GitHub code scanning
  --fail-on error|warning|never  exit 1 when a finding reaches this severity (default error)
  --config FILE                  JSON settings and suppressions by address (see the README)
  --today YYYY-MM-DD             judge suppression dates against this day (default: today, UTC)
${VARIABLE_HELP}${LIVE_HELP}When GITHUB_STEP_SUMMARY is set, the findings are appended to it as a markdown table as well.
`;

export async function check(argv: string[], io: CliIo, version: string): Promise<ExitCode> {
  const args = parseArgs(CHECK, argv);
  const today = todayOf('check', args.options.today);
  const config = args.options.config ? await readConfig(args.options.config, io) : undefined;
  const sources = await loadConfiguredSources('check', args, io);
  const live = await readLiveTenant('check', args, io);
  const graph = graphOnTenant(sources, live, config?.suppressions);
  tellTargetsNotListed('check', graph, live, io);
  const evaluation = evaluate(graph, { today, ...config?.options });
  const format = args.options.format ?? 'text';
  const output = format === 'sarif' ? sarifOf(evaluation, sources, config, version, io.cwd)
    : format === 'json' ? renderFindingsJson(evaluation, graph.accessResourceCounts) : renderFindingsText(evaluation);
  const decided = thresholdResult(evaluation.findings, args.options['fail-on'] ?? 'error');
  return deliver(decided, [
    { target: STANDARD_OUTPUT, write: () => io.stdout(output) },
    ...stepSummary(io, () => renderFindingsMarkdown(evaluation, decided.meaning)),
  ]);
}

function sarifOf(evaluation: Evaluation, sources: SourceDocument[], config: ReviewConfig | undefined, version: string, cwd: string): string {
  const root = repositoryRoot(cwd);
  const locateDeclaration = declarationLocator(cwd);
  return renderSarif(evaluation, {
    version,
    locate: (file, address) => {
      const found = locateDeclaration(file, address);
      return { ...found, uri: rootRelative(root, cwd, found.uri) };
    },
    sourceOf: resourceSources(sources),
    normalizeFile: (file) => rootRelative(root, cwd, file),
    isExternal: (s) => config?.suppressions.get(s.finding.address)?.includes(s.suppression) ?? false,
  });
}

async function readConfig(file: string, io: CliIo) {
  return parseReviewConfig(file, await readTextFile(io.cwd, file));
}
