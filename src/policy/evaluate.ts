import { Finding } from './finding';
import { RuleContext } from './rule';
import { RULES } from './rule-pack';
import { expiredSuppression } from './rules/suppression-rules';
import { isCalendarDate } from '../model/dates';
import { SuppressionRecord } from '../model/metadata';
import { Severity } from '../model/severity';
import { AccessGraph } from '../review/graph/access-graph';
import { Origin } from '../review/graph/graph-types';


/** Options of a rule run. `today` is an input so results do not depend on when they are computed. */
export interface EvaluationOptions {
  /** `YYYY-MM-DD`. */
  readonly today: string;
  /** @default 8 */
  readonly maxActivationHours?: number;
  /** Scope IDs where standing grants need no justification. @default none */
  readonly allowedWideScopes?: string[];
  /** Per rule ID: another severity, or `off`. */
  readonly severityOverrides?: Record<string, Severity | 'off'>;
}

/** A finding a suppression silenced, kept for the record (reports show them). */
export interface SuppressedFinding {
  readonly finding: Finding;
  readonly suppression: SuppressionRecord;
}

export interface Evaluation {
  readonly findings: Finding[];
  readonly suppressed: SuppressedFinding[];
}

function isExpired(suppression: SuppressionRecord, today: string): boolean {
  return suppression.until !== undefined && (!isCalendarDate(suppression.until) || suppression.until < today);
}

function allOrigins(graph: AccessGraph): Origin[] {
  const byAddress = new Map<string, Origin>();
  const collections: { origin: Origin }[][] = [
    graph.grants, graph.eligibilities, graph.policies, graph.identities, graph.credentials, graph.roleDefinitions,
  ];
  for (const origin of collections.flat().map((x) => x.origin)) byAddress.set(`${origin.file}#${origin.address}`, origin);
  return [...byAddress.values()];
}

/** Runs every graph rule, applies suppressions, and reports the expired ones (the registry's expired-suppression rule). */
export function evaluate(graph: AccessGraph, options: EvaluationOptions): Evaluation {
  if (!isCalendarDate(options.today)) throw new Error(`today must be a date written YYYY-MM-DD; got "${options.today}".`);
  const context: RuleContext = {
    today: options.today,
    maxActivationHours: options.maxActivationHours ?? 8,
    allowedWideScopes: (options.allowedWideScopes ?? []).map((s) => s.toLowerCase()),
  };
  const severityOf = (id: string, fallback: Severity) => options.severityOverrides?.[id] ?? fallback;
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];

  for (const rule of RULES) {
    const severity = severityOf(rule.id, rule.defaultSeverity);
    if (severity === 'off') continue;
    for (const hit of rule.check(graph, context)) {
      const finding: Finding = {
        ruleId: rule.id,
        severity,
        message: hit.message,
        address: hit.origin.address,
        file: hit.origin.file,
        ...(hit.origin.constructPath ? { constructPath: hit.origin.constructPath } : {}),
        fix: hit.fix ?? rule.fix,
      };
      const suppression = hit.origin.suppressions.find(
        (s) => s.ruleId === rule.id && !isExpired(s, context.today) && (!rule.suppressionNeedsExpiry || s.until !== undefined),
      );
      if (suppression) suppressed.push({ finding, suppression });
      else findings.push(finding);
    }
  }

  const expiredSeverity = severityOf(expiredSuppression.id, expiredSuppression.defaultSeverity);
  if (expiredSeverity !== 'off') {
    for (const origin of allOrigins(graph)) {
      for (const s of origin.suppressions.filter((x) => isExpired(x, context.today))) {
        findings.push({
          ruleId: expiredSuppression.id,
          severity: expiredSeverity,
          message: isCalendarDate(s.until!)
            ? `the suppression of ${s.ruleId} ("${s.reason}") ended on ${s.until}.`
            : `the suppression of ${s.ruleId} ("${s.reason}") has until "${s.until}", which is not a YYYY-MM-DD date.`,
          address: origin.address,
          file: origin.file,
          ...(origin.constructPath ? { constructPath: origin.constructPath } : {}),
          fix: expiredSuppression.fix,
        });
      }
    }
  }
  const order = (f: Finding) => `${f.file}\u0000${f.address}\u0000${f.ruleId}\u0000${f.message}`;
  findings.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  return { findings, suppressed };
}
