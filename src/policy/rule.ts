import { RuleId } from '../model/rule-id';
import { Severity } from '../model/severity';
import { AccessGraph } from '../review/graph/access-graph';
import { Origin } from '../review/graph/graph-types';

/** Settings the rules read; the guard and the command line fill them from their options. */
export interface RuleContext {
  /** Today as `YYYY-MM-DD`: an input, so tests (and reviews of old builds) can pin it. */
  readonly today: string;
  /** The longest activation a policy may allow for a role that can grant access. */
  readonly maxActivationHours: number;
  /** Scope IDs (lower case) where standing grants need no justification. */
  readonly allowedWideScopes: string[];
}

/** One path of a finding, step by step, each step where it is declared. */
export interface FindingFlow<Where> {
  readonly steps: readonly { readonly where: Where; readonly message: string }[];
}

/** What a rule reports about one resource. */
export interface RuleHit {
  readonly origin: Origin;
  readonly message: string;
  /** A fix specific to this hit, when the rule's general fix is not enough. */
  readonly fix?: string;
  /**
   * What the hit reaches, when that is not the scope of the resource it points at (the ends of a
   * root cause's escalation paths): what a suppression's `accepts` is matched against. A
   * suppression accepts the hit when it names every end.
   */
  readonly reaches?: readonly { readonly role: string; readonly scope: string }[];
  /**
   * What tells this hit from others of its rule at the same resource, when its subject does not
   * (an escalation root cause: the edge). Code scanning's fingerprint includes it.
   */
  readonly target?: string;
  /**
   * For a hit that stands for several paths (an escalation root cause): each path's first grant
   * and end. A suppression written on those first grants (where AZA013 pointed before root
   * causes) still accepts the hit when, together, they accept every path.
   */
  readonly paths?: readonly { readonly origin: Origin; readonly reaches: { readonly role: string; readonly scope: string } }[];
  /**
   * The steps of a few of those paths, each where it is declared, for tools that show a finding as
   * steps (SARIF `codeFlows`): worst first, each path shortened to its first and last steps.
   */
  readonly flows?: readonly FindingFlow<Origin>[];
  /**
   * How bad this hit is, when the rule grades its hits (an escalation chain by the tier of what it
   * reaches); else the rule's default. A severity configured for the rule overrides both.
   */
  readonly severity?: Severity;
}

/**
 * What the registry holds about every rule, whether it runs over the graph or not: the `check`
 * help, the README table and SARIF rule metadata are made from these.
 */
export interface RuleInfo {
  readonly id: RuleId;
  readonly title: string;
  readonly defaultSeverity: Severity;
  /** What it catches, for documentation and SARIF rule metadata. */
  readonly description: string;
  readonly fix: string;
  /** Only a suppression with a future `until` date silences it (migration windows). */
  readonly suppressionNeedsExpiry?: boolean;
  /**
   * How a finding is accepted, when it is not by a suppression with a reason (or, with
   * `suppressionNeedsExpiry`, one with a future date).
   */
  readonly acceptedBy?: string;
}

/** A rule: a small pure function over the AccessGraph, with a stable ID. */
export interface Rule extends RuleInfo {
  check(graph: AccessGraph, context: RuleContext): RuleHit[];
}
