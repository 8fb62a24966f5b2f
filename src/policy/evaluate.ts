import { FindingFlow, RuleContext, RuleHit } from './rule';
import { RULES } from './rule-pack';
import { expiredSuppression } from './rules/suppression-rules';
import { isCalendarDate } from '../model/dates';
import { boundedMessage } from '../model/echo';
import { Finding } from '../model/finding';
import { SuppressionRecord } from '../model/metadata';
import { Severity } from '../model/severity';
import { AccessGraph } from '../review/graph/access-graph';
import { acceptedNamesOf, shownScope } from '../review/graph/describe-scope';
import { DeclaredPlace, GraphScope, ModuleCallSite, Origin } from '../review/graph/graph-types';


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

/**
 * A finding with what it is about, when one resource can give several findings of one rule: for
 * an escalation chain (AZA013), the role and scope it reaches (`"Key Vault Secrets Officer" at
 * kv-payments`). Code scanning tells such findings apart by it.
 */
export interface EvaluatedFinding extends Finding {
  readonly target?: string;
  /** Where the resource is declared when that is not the input itself: inside a module, its `.tf` file and line. */
  readonly declaredAt?: DeclaredPlace;
  /** For a resource inside a module: the module calls that lead to it, outermost first. */
  readonly moduleCalls?: readonly ModuleCallSite[];
  /** For an escalation root cause: a few of its paths, step by step (SARIF `codeFlows`). */
  readonly flows?: readonly FindingFlow<{ readonly file: string; readonly address: string }>[];
}

export interface Evaluation {
  readonly findings: EvaluatedFinding[];
  readonly suppressed: SuppressedFinding[];
}

/** What a hit is about, in every form a suppression's `accepts` may name it. */
interface Subject {
  /** How a message names it. */
  readonly shown: string;
  readonly target?: string;
  /**
   * Whether an `accepts` list names it; for the ends of escalation paths, every end. Made when a
   * suppression asks: most hits have none, and a large review has tens of thousands of hits.
   */
  named(accepted: readonly string[]): boolean;
  /** What of it `accepts` does not name, for the message that says why a suppression does not silence it. */
  notNamed(accepted: readonly string[]): string;
}

const NONE: SuppressionRecord[] = Object.freeze([]) as unknown as SuppressionRecord[];

const normal = (value: string) => value.trim().toLowerCase();

function namesSubject(shown: string, names: () => string[], target?: string): Subject {
  const named = (accepted: readonly string[]) => {
    const all = new Set(names().map(normal));
    return accepted.some((a) => all.has(normal(a)));
  };
  return { shown, ...(target === undefined ? {} : { target }), named, notNamed: () => shown };
}

function scopeSubject(scope: GraphScope): Subject {
  const shown = shownScope(scope);
  return namesSubject(shown, () => [scope.value, scope.name, shown].filter((x): x is string => !!x));
}

function endSubject(end: { role: string; scope: string }): Subject {
  const target = `"${end.role}" at ${end.scope}`;
  return namesSubject(target, () => [...acceptedNamesOf(end.scope), target, `${end.role} at ${end.scope}`], target);
}

/** The ends of a root cause's paths: named only when every end is. */
function endsSubject(ends: readonly { role: string; scope: string }[]): Subject {
  const each = ends.map(endSubject);
  if (each.length === 1) return each[0];
  return {
    shown: each.map((e) => e.shown).join(', '),
    named: (accepted) => each.every((e) => e.named(accepted)),
    notNamed: (accepted) => each.filter((e) => !e.named(accepted)).map((e) => e.shown).join(', '),
  };
}

/**
 * Finds what each hit is about: what it reaches when the rule says so (the ends of escalation
 * paths), else the scope of the grant, eligibility or policy it points at.
 */
function subjects(graph: AccessGraph): (hit: RuleHit) => Subject | undefined {
  const scopes = new Map<Origin, GraphScope>();
  for (const x of [...graph.grants, ...graph.eligibilities, ...graph.policies]) if (x.scope) scopes.set(x.origin, x.scope);
  return (hit) => {
    if (hit.reaches !== undefined) return endsSubject(hit.reaches);
    const scope = scopes.get(hit.origin);
    return scope && scopeSubject(scope);
  };
}

/** Whether a suppression covers a hit: it names the hit's subject, or names nothing (every finding of its rule there). */
function accepts(suppression: SuppressionRecord, subject: Subject | undefined): boolean {
  if (suppression.accepts === undefined || subject === undefined) return true;
  return subject.named(suppression.accepts);
}

/** Why a suppression does not silence this finding: what it was written for. */
function notAcceptedNote(ruleId: string, bound: SuppressionRecord[], subject: Subject | undefined, on = 'here'): string {
  return bound
    .map((s) => ` The suppression of ${ruleId} ${on} ("${s.reason}") accepts only ${s.accepts!.map((a) => JSON.stringify(a)).join(', ')}, `
      + `not ${subject?.notNamed(s.accepts!) ?? 'this'}.`)
    .join('');
}

/**
 * A hit that stands for several paths, none of whose suppressions at its own origin covers it:
 * suppressions on the paths' first grants (where AZA013 pointed before root causes) still cover
 * it when together they cover every path. Otherwise the note says what they cover and where the
 * suppression belongs now.
 */
function pathSuppressions(rule: { id: string }, hit: RuleHit, live: (origin: Origin) => SuppressionRecord[]):
{ suppression?: SuppressionRecord; note: string } {
  const paths = hit.paths ?? [];
  let covering: SuppressionRecord | undefined;
  let covered = 0;
  const notes = new Set<string>();
  for (const path of paths) {
    if (path.origin === hit.origin) continue;
    const bound = live(path.origin);
    if (bound.length === 0) continue;
    const subject = endSubject(path.reaches);
    const found = bound.find((s) => accepts(s, subject));
    if (found) {
      covering ??= found;
      covered++;
    } else {
      notes.add(notAcceptedNote(rule.id, bound, subject, `on ${path.origin.address}`));
    }
  }
  if (covering !== undefined && covered === paths.length) return { suppression: covering, note: '' };
  const partly = covered > 0
    ? ` ${covered} of its ${paths.length} paths start at grants whose suppression of ${rule.id} covers them; suppress ${rule.id} on ${hit.origin.address}, `
      + 'the root cause, to accept them all.'
    : '';
  return { note: `${partly}${[...notes].join('')}` };
}

/**
 * A finding's code flows, made from the hit's when first read: only SARIF reads them, and a large
 * review has thousands of root causes, each with a few paths of several steps.
 */
function withFlowsOf(finding: EvaluatedFinding, hit: RuleHit): void {
  let flows: EvaluatedFinding['flows'];
  Object.defineProperty(finding, 'flows', {
    enumerable: true,
    configurable: true,
    get: () => (flows ??= hit.flows?.map((flow) => ({
      steps: flow.steps.map((step) => ({ where: { file: step.where.file, address: step.where.address }, message: step.message })),
    }))),
  });
}

function isExpired(suppression: SuppressionRecord, today: string): boolean {
  return suppression.until !== undefined && (!isCalendarDate(suppression.until) || suppression.until < today);
}

function allOrigins(graph: AccessGraph): Origin[] {
  const byAddress = new Map<string, Origin>();
  // Every list a rule can point at: an expired suppression on any of them is AZA012.
  const collections: { origin: Origin }[][] = [
    graph.grants, graph.eligibilities, graph.policies, graph.identities, graph.credentials, graph.roleDefinitions,
    graph.directoryRoles, graph.appPermissions, graph.ownerships, graph.groupMemberships, graph.customDirectoryRoles,
    graph.groupAssignments, graph.groupPolicies, graph.delegatedGrants, graph.requestedPermissions,
  ];
  for (const origin of collections.flat().map((x) => x.origin)) byAddress.set(`${origin.file}#${origin.address}`, origin);
  return [...byAddress.values()];
}

/** Where a finding's resource is declared inside a module, as the reader found it. */
function placeOf(origin: Origin): Pick<EvaluatedFinding, 'declaredAt' | 'moduleCalls'> {
  return {
    ...(origin.declaredAt === undefined ? {} : { declaredAt: origin.declaredAt }),
    ...(origin.moduleCalls === undefined ? {} : { moduleCalls: origin.moduleCalls }),
  };
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Findings in file, address, rule and message order: the same input gives the same output. */
function byPlaceRuleAndMessage(a: Finding, b: Finding): number {
  return compareText(a.file, b.file) || compareText(a.address, b.address) || compareText(a.ruleId, b.ruleId) || compareText(a.message, b.message);
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
  const findings: EvaluatedFinding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const subjectOf = subjects(graph);
  const origins = allOrigins(graph);
  const suppressedRules = new Set(origins.flatMap((origin) => origin.suppressions.map((suppression) => suppression.ruleId)));

  for (const rule of RULES) {
    const severity = severityOf(rule.id, rule.defaultSeverity);
    if (severity === 'off') continue;
    // Most blocks carry no suppression: they share one empty list rather than each filtering to a new one.
    const liveAt = (origin: Origin): SuppressionRecord[] => (origin.suppressions.length === 0 ? NONE : origin.suppressions.filter(
      (s) => s.ruleId === rule.id && !isExpired(s, context.today) && (!rule.suppressionNeedsExpiry || s.until !== undefined),
    ));
    for (const hit of rule.check(graph, context)) {
      const live = liveAt(hit.origin);
      // What a hit is about is worked out only where it is read: a target the hit does not name, or a suppression to match.
      const subject = hit.target === undefined || live.length > 0 ? subjectOf(hit) : undefined;
      const finding: EvaluatedFinding = {
        ruleId: rule.id,
        // A severity configured for the rule wins; else the hit's own grade, else the rule's default.
        severity: options.severityOverrides?.[rule.id] === undefined ? hit.severity ?? severity : severity,
        message: boundedMessage(hit.message),
        address: hit.origin.address,
        file: hit.origin.file,
        ...(hit.origin.constructPath ? { constructPath: hit.origin.constructPath } : {}),
        ...placeOf(hit.origin),
        fix: hit.fix ?? rule.fix,
        ...((hit.target ?? subject?.target) !== undefined ? { target: hit.target ?? subject!.target! } : {}),
      };
      if ('flows' in hit) withFlowsOf(finding, hit);
      const suppression = live.find((s) => accepts(s, subject));
      if (suppression) {
        suppressed.push({ finding, suppression });
        continue;
      }
      // Paths are read only where some block suppresses the rule: a root cause's paths can be thousands.
      const byPaths = !('paths' in hit) || !suppressedRules.has(rule.id) ? { note: '' } : pathSuppressions(rule, hit, liveAt);
      if (byPaths.suppression) {
        suppressed.push({ finding, suppression: byPaths.suppression });
        continue;
      }
      // A suppression written for something else (a grant since widened, another chain) does
      // not silence this one; the message says what it was written for.
      const note = `${live.length ? notAcceptedNote(rule.id, live, subject) : ''}${byPaths.note}`;
      findings.push(note ? { ...finding, message: `${finding.message}${note}` } : finding);
    }
  }

  const expiredSeverity = severityOf(expiredSuppression.id, expiredSuppression.defaultSeverity);
  if (expiredSeverity !== 'off') {
    for (const origin of origins) {
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
          ...placeOf(origin),
          fix: expiredSuppression.fix,
        });
      }
    }
  }
  // Compared field by field: a key made of them copied tens of thousands of long chain messages.
  findings.sort(byPlaceRuleAndMessage);
  return { findings, suppressed };
}
