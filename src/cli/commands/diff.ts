import { AccessDiff } from '../../review/diff/access-change';
import { withAdoptedGrants } from '../../review/diff/adopted-changes';
import { CredentialChange, diffCredentials } from '../../review/diff/credential-change';
import { diffGraphs } from '../../review/diff/diff-graphs';
import { diffPlan } from '../../review/diff/diff-plan';
import { verdictOf, VerdictKind } from '../../review/diff/diff-verdict';
import { decideGate, GATE_LEVELS, GateDecision, GateLevel } from '../../review/diff/escalation-gate';
import { renderDiffJson, renderDiffMarkdown } from '../../review/diff/render-diff';
import { CommentOptions, CommentPlatform, GITHUB_COMMENT_LIMIT, renderDiffComment } from '../../review/diff/render-diff-comment';
import { escalationsJson, renderCredentialChanges, renderEscalationDiff, renderGate } from '../../review/diff/render-escalation-diff';
import { renderUnreadInHead, unreadInHead, UnreadInHead } from '../../review/diff/unread-in-head';
import { diffEscalations, EscalationDiff } from '../../review/escalation/chain-diff';
import { InputError } from '../../review/reader/input-error';
import { STDIN } from '../../review/reader/read-inputs';
import { CliIo, ExitCode } from '../cli-io';
import { adoptedOnTenant, graphOnTenant, LIVE_HELP, LIVE_OPTIONS, readLiveTenant, tellTargetsNotListed } from '../live-tenant';
import { loadSources } from '../load-graph';
import { CommandSpec, parseArgs, repeatedValues } from '../parse-args';
import { stepSummary } from '../step-summary';
import { UsageError } from '../usage-error';
import { deliver, STANDARD_OUTPUT } from '../write-failure';

function diffJson(
  result: AccessDiff, credentials: readonly CredentialChange[], escalations: EscalationDiff | undefined,
  gate: GateDecision, unread: readonly UnreadInHead[],
): string {
  const plain = JSON.parse(renderDiffJson(result)) as Record<string, unknown>;
  return `${JSON.stringify({
    ...plain,
    credentials,
    notReviewed: unread,
    // `escalations` is the access diff's count of escalating changes; root causes are beside it.
    ...(escalations ? { rootCauses: escalationsJson(escalations) } : {}),
    gate,
  }, null, 2)}\n`;
}

export const DIFF: CommandSpec = {
  name: 'diff',
  values: {
    'format': ['markdown', 'json', 'comment'],
    'platform': ['github', 'azure-devops'],
    'max-chars': 'any',
    'full-report': 'any',
    'gate': [...GATE_LEVELS],
  },
  flags: ['fail-on-escalation', 'only-if-widens'],
  repeatable: LIVE_OPTIONS,
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
                           role, application permission or credential added or widened) or an
                           escalation path opens
  --fail-on-escalation     exit 1 when the gate fails: an escalating access change, a new root
                           cause of escalation, one that raises the tier reached, or access the
                           head adds that the review cannot read (see --gate)
  --gate strict|standard|relaxed   how strict --fail-on-escalation is (default standard; strict
                           fails on any widening, relaxed only on escalating changes and tier 0)
${LIVE_HELP}When GITHUB_STEP_SUMMARY is set, the markdown is appended to it as well.
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
  // Escalations are compared between two syntheses; a plan's before/after values carry no documents.
  let escalations: EscalationDiff | undefined;
  let credentials: CredentialChange[] = [];
  // What the head holds that the review could not read; a plan holds every module's resources.
  let unread: UnreadInHead[] = [];
  if (args.inputs.length === 1) {
    if (repeatedValues(args, 'live-assignments').length > 0) {
      throw new UsageError('--live-assignments reviews two syntheses on top of the tenant; a plan\'s diff compares no escalations: give <base> <head>', 'diff');
    }
    const [plan] = await loadSources('diff', args.inputs, io);
    if (plan.format !== 'plan') {
      throw new UsageError(`${plan.file} is not a plan; give a plan JSON (terraform show -json), or two inputs: <base> <head>`, 'diff');
    }
    result = diffPlan(plan);
  } else if (args.inputs.length === 2) {
    // Each side is read on its own, so the reader's own once-only check never sees both; read
    // twice, standard input would be compared with itself and show "no changes".
    if (args.inputs.every((input) => input === '-')) throw new InputError(STDIN, 'standard input (-) is given more than once');
    // Read side by side, but when both fail the base's error is the one told: the same every run,
    // whichever read happens to fail first.
    const read = await Promise.allSettled(args.inputs.map((input) => loadSources('diff', [input], io)));
    const failed = read.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    const [base, head] = read.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof loadSources>>>).value);
    // Both sides on the same tenant: what the change opens on top of what is there already.
    const live = await readLiveTenant('diff', args, io);
    // The head leaves out of the tenant what the base declares: the change that removes it destroys it.
    const baseGraph = graphOnTenant(base, live);
    const headGraph = graphOnTenant(head, live, undefined, baseGraph);
    // The change's reach is the head's: what it cannot follow is said once.
    tellTargetsNotListed('diff', headGraph, live, io);
    const adopted = live === undefined ? undefined : adoptedOnTenant(live, baseGraph, headGraph);
    result = adopted === undefined ? diffGraphs(baseGraph, headGraph) : withAdoptedGrants(diffGraphs(baseGraph, headGraph), adopted.adopted);
    credentials = diffCredentials(baseGraph, headGraph);
    escalations = diffEscalations(baseGraph, headGraph, adopted);
    unread = unreadInHead(baseGraph, headGraph);
  } else {
    throw new UsageError(`expected <base> <head> or one plan JSON; got ${args.inputs.length} inputs`, 'diff');
  }
  const gate = decideGate(result, credentials, escalations, (args.options.gate as GateLevel | undefined) ?? GateLevel.STANDARD, unread);
  const verdict = verdictOf(result, escalations, credentials, unread);
  const markdown = [
    [`**${verdict.line}**`, '', ...renderGate(gate)].join('\n'),
    renderDiffMarkdown(result), renderUnreadInHead(unread), renderCredentialChanges(credentials), escalations ? renderEscalationDiff(escalations) : '',
  ].filter((part) => part !== '').join('\n\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
  // Nothing to say when access does not widen: CI posts (or updates) a comment only when it does.
  if (args.flags.has('only-if-widens') && verdict.kind !== VerdictKind.WIDENS) return ExitCode.OK;
  const output = args.options.format === 'json' ? diffJson(result, credentials, escalations, gate, unread)
    : args.options.format === 'comment' ? renderDiffComment({ diff: result, credentials, escalations, gate, unread }, commentOptions(args.options)) : markdown;
  const failing = args.flags.has('fail-on-escalation') && gate.fails;
  // What was decided, said first when a write fails: the gate's answer when it decides the exit, else the verdict.
  const meaning = !args.flags.has('fail-on-escalation') ? `${verdict.line.charAt(0).toLowerCase()}${verdict.line.slice(1)}`
    : gate.fails ? `the ${gate.level} gate fails: ${gate.reasons.join('; ')}` : `the ${gate.level} gate passes`;
  const decided = { code: failing ? ExitCode.FINDINGS : ExitCode.OK, meaning };
  return deliver(decided, [{ target: STANDARD_OUTPUT, write: () => io.stdout(output) }, ...stepSummary(io, () => markdown)]);
}
