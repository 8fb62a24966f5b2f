import { AccessDiff } from '../../review/diff/access-change';
import { diffGraphs } from '../../review/diff/diff-graphs';
import { diffPlan } from '../../review/diff/diff-plan';
import { verdictOf, VerdictKind } from '../../review/diff/diff-verdict';
import { renderDiffJson, renderDiffMarkdown } from '../../review/diff/render-diff';
import { CommentOptions, CommentPlatform, GITHUB_COMMENT_LIMIT, renderDiffComment } from '../../review/diff/render-diff-comment';
import { describeChain, EscalationChain } from '../../review/escalation/escalation-chain';
import { computeReach } from '../../review/escalation/reach';
import { ChainDiff, diffChains, renderChainDiff } from '../../review/escalation/render-chains';
import { InputError } from '../../review/reader/input-error';
import { STDIN } from '../../review/reader/read-inputs';
import { CliIo, ExitCode } from '../cli-io';
import { graphOf, loadSources } from '../load-graph';
import { CommandSpec, parseArgs } from '../parse-args';
import { stepSummary } from '../step-summary';
import { UsageError } from '../usage-error';
import { deliver, STANDARD_OUTPUT } from '../write-failure';

function diffJson(result: AccessDiff, chains: ChainDiff | undefined): string {
  const plain = JSON.parse(renderDiffJson(result)) as Record<string, unknown>;
  const describe = (list: EscalationChain[]) => list.map(describeChain);
  return `${JSON.stringify({ ...plain, ...(chains ? { chains: { opened: describe(chains.opened), closed: describe(chains.closed) } } : {}) }, null, 2)}\n`;
}

export const DIFF: CommandSpec = {
  name: 'diff',
  values: { 'format': ['markdown', 'json', 'comment'], 'platform': ['github', 'azure-devops'], 'max-chars': 'any', 'full-report': 'any' },
  flags: ['fail-on-escalation', 'only-if-widens'],
};

export const DIFF_HELP = `Usage: azure-access diff [options] <base> <head>
       azure-access diff [options] <plan.json>

Grant-level changes between two syntheses (each a cdktf.out, *.tf.json, *.tf or directory), or
the grant changes inside one plan (terraform show -json): added, removed, scope widened or
narrowed, role more or less privileged, standing where it was eligible, longer activation, and
recreated (a renamed construct: access drops during apply; the output says how to keep it);
between two syntheses, also the escalation chains the change opens or closes. Entra directory
roles held standing and application permissions (Microsoft Graph or another API) are rows
beside the Azure grants, with their tier; a new tier-0 one is an escalation.

Options:
  --format markdown|json|comment   output format (default markdown); comment is one pull-request
                           comment: the verdict first, a collapsible section per principal, each
                           new chain drawn, a size limit, and the marker CI updates it by
  --platform github|azure-devops   for comment: chains as mermaid (github) or text (default github)
  --max-chars N            for comment: the longest comment (default 60000; GitHub takes 65536)
  --full-report URL        for comment: where the full diff is, named when sections are left out
  --only-if-widens         print nothing and exit 0 unless access widens (a grant, directory
                           role or application permission added or widened) or a chain opens
  --fail-on-escalation     exit 1 when a change widens access or opens a chain
When GITHUB_STEP_SUMMARY is set, the markdown is appended to it as well.
`;

function commentOptions(options: Record<string, string>): CommentOptions {
  const maxChars = options['max-chars'] === undefined ? undefined : Number(options['max-chars']);
  if (maxChars !== undefined && !(Number.isInteger(maxChars) && maxChars >= 1000 && maxChars <= GITHUB_COMMENT_LIMIT)) {
    throw new UsageError(`--max-chars ${options['max-chars']} is not a whole number from 1000 to ${GITHUB_COMMENT_LIMIT}`, 'diff');
  }
  return {
    platform: (options.platform as CommentPlatform | undefined) ?? 'github',
    ...(maxChars !== undefined ? { maxChars } : {}),
    ...(options['full-report'] !== undefined ? { fullReport: options['full-report'] } : {}),
  };
}

export async function diff(argv: string[], io: CliIo): Promise<ExitCode> {
  const args = parseArgs(DIFF, argv);
  let result: AccessDiff;
  // Chains are compared between two syntheses; a plan's before/after values carry no documents.
  let chains: ChainDiff | undefined;
  if (args.inputs.length === 1) {
    const [plan] = await loadSources('diff', args.inputs, io);
    if (plan.format !== 'plan') {
      throw new UsageError(`${plan.file} is not a plan; give a plan JSON (terraform show -json), or two inputs: <base> <head>`, 'diff');
    }
    result = diffPlan(plan);
  } else if (args.inputs.length === 2) {
    // Each side is read on its own, so the reader's own once-only check never sees both; read
    // twice, standard input would be compared with itself and show "no changes".
    if (args.inputs.every((input) => input === '-')) throw new InputError(STDIN, 'standard input (-) is given more than once');
    const [base, head] = await Promise.all(args.inputs.map((input) => loadSources('diff', [input], io)));
    const [baseGraph, headGraph] = [graphOf(base), graphOf(head)];
    result = diffGraphs(baseGraph, headGraph);
    chains = diffChains(computeReach(baseGraph), computeReach(headGraph));
  } else {
    throw new UsageError(`expected <base> <head> or one plan JSON; got ${args.inputs.length} inputs`, 'diff');
  }
  const markdown = `${renderDiffMarkdown(result)}\n${chains ? renderChainDiff(chains) : ''}`.trimEnd() + '\n';
  const escalates = result.escalations > 0 || (chains?.opened.length ?? 0) > 0;
  // Nothing to say when access does not widen: CI posts (or updates) a comment only when it does.
  if (args.flags.has('only-if-widens') && verdictOf(result, chains).kind !== VerdictKind.WIDENS) return ExitCode.OK;
  const output = args.options.format === 'json' ? diffJson(result, chains)
    : args.options.format === 'comment' ? renderDiffComment(result, chains, commentOptions(args.options)) : markdown;
  const decided = {
    code: args.flags.has('fail-on-escalation') && escalates ? ExitCode.FINDINGS : ExitCode.OK,
    meaning: escalates ? 'a change widens access or opens an escalation chain' : 'no change widens access or opens an escalation chain',
  };
  return deliver(decided, [{ target: STANDARD_OUTPUT, write: () => io.stdout(output) }, ...stepSummary(io, () => markdown)]);
}
