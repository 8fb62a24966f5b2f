import { ExitCode } from './cli-io';
import { Finding } from '../model/finding';
import { Severity, severityRank } from '../model/severity';
import { EvaluatedFinding, Evaluation } from '../policy/evaluate';
import { code, markdownTable } from '../review/report/markdown-table';

export function summarize(evaluation: Evaluation) {
  const of = (s: Severity) => evaluation.findings.filter((f) => f.severity === s).length;
  return {
    total: evaluation.findings.length,
    errors: of(Severity.ERROR),
    warnings: of(Severity.WARNING),
    infos: of(Severity.INFO),
    suppressed: evaluation.suppressed.length,
  };
}

/** What `--fail-on` decided, in words, for a message that must not hide it: `3 finding(s) at or above --fail-on error`. */
export function thresholdResult(findings: Finding[], failOn: string): { code: ExitCode; meaning: string } {
  const reaching = failOn === 'never' ? [] : findings.filter((f) => reachesThreshold([f], failOn));
  return {
    code: reaching.length ? ExitCode.FINDINGS : ExitCode.OK,
    meaning: failOn === 'never' ? `${findings.length} finding(s), --fail-on never` : `${reaching.length} finding(s) at or above --fail-on ${failOn}`,
  };
}

/** `--fail-on error|warning|never`: whether any finding reaches the threshold. */
export function reachesThreshold(findings: Finding[], failOn: string): boolean {
  if (failOn === 'never') return false;
  const threshold = failOn === 'warning' ? Severity.WARNING : Severity.ERROR;
  return findings.some((f) => severityRank(f.severity) >= severityRank(threshold));
}

/** `main.tf:12`, or the file alone when the line was not found. */
function placeText(place: { readonly file?: string; readonly line?: number }): string {
  return `${place.file ?? ''}${place.line === undefined ? '' : `:${place.line}`}`;
}

/**
 * Where a finding inside a module is declared, for the text output: the module's file and line,
 * then the module calls that lead there (`module.app at main.tf:3`), outermost first.
 */
function declaredText(f: EvaluatedFinding): string | undefined {
  if (f.declaredAt === undefined) return undefined;
  const calls = (f.moduleCalls ?? []).map((c) => (c.file === undefined ? c.address : `${c.address} at ${placeText(c)}`));
  return `  declared: ${placeText(f.declaredAt)}${calls.length === 0 ? '' : `, called through ${calls.join(' > ')}`}`;
}

export function renderFindingsText(evaluation: Evaluation): string {
  const lines = evaluation.findings.map((f) => {
    const declared = declaredText(f);
    return [
      `${f.file}: ${f.address}: ${f.severity} ${f.ruleId}: ${f.message}`,
      ...(f.constructPath ? [`  construct: ${f.constructPath}`] : []),
      ...(declared === undefined ? [] : [declared]),
      `  fix: ${f.fix}`,
    ].join('\n');
  });
  const s = summarize(evaluation);
  lines.push(`${s.errors} error(s), ${s.warnings} warning(s), ${s.infos} info, ${s.suppressed} suppressed.`);
  return `${lines.join('\n')}\n`;
}

/**
 * The findings for a job summary: the counts, what --fail-on decided (`meaning`, from
 * thresholdResult), and one row per finding, in the order of the other formats.
 */
export function renderFindingsMarkdown(evaluation: Evaluation, meaning: string): string {
  const s = summarize(evaluation);
  const lines = ['## Access check', '', `${s.errors} error(s), ${s.warnings} warning(s), ${s.infos} info, ${s.suppressed} suppressed: ${meaning}.`, ''];
  if (evaluation.findings.length === 0) {
    lines.push('No findings.');
  } else {
    lines.push(markdownTable(['Severity', 'Rule', 'Where', 'Message', 'Fix'], evaluation.findings.map((f) => [
      f.severity,
      f.ruleId,
      `${f.file}: ${code(f.address)}${f.constructPath ? ` (construct ${code(f.constructPath)})` : ''}${f.declaredAt ? ` (declared at ${code(placeText(f.declaredAt))})` : ''}`,
      f.message,
      f.fix,
    ])));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The findings as JSON; the summary also says how many access resources of the input were read
 * and how many were not (AZA015), when the caller knows.
 */
export function renderFindingsJson(evaluation: Evaluation, accessResources?: { reviewed: number; notReviewed: number }): string {
  const findings = evaluation.findings.map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    address: f.address,
    constructPath: f.constructPath ?? null,
    file: f.file,
    // Only for what is declared elsewhere than the input: a resource inside a module.
    ...(f.declaredAt === undefined ? {} : { declaredAt: f.declaredAt }),
    ...(f.moduleCalls === undefined ? {} : { moduleCalls: f.moduleCalls }),
    message: f.message,
    fix: f.fix,
  }));
  const suppressed = evaluation.suppressed.map((s) => ({
    ruleId: s.finding.ruleId,
    address: s.finding.address,
    reason: s.suppression.reason,
    until: s.suppression.until ?? null,
    ...(s.suppression.accepts ? { accepts: s.suppression.accepts } : {}),
  }));
  const summary = { ...summarize(evaluation), ...(accessResources === undefined ? {} : { accessResources }) };
  return `${JSON.stringify({ findings, suppressed, summary }, null, 2)}\n`;
}
