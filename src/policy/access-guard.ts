import type { IAspect, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import type * as EvaluateModule from './evaluate';
import { noteGuardErrors } from './guard-exit-summary';
import { stackDocument } from './stack-document';
import { currentUtcDate, isCalendarDate } from '../model/dates';
import { Finding } from '../model/finding';
import { isRuleId, RuleId, ruleIdRange } from '../model/rule-id';
import { Severity } from '../model/severity';
import { cdktf } from '../private/cdktf-runtime';
import { captureCreationSites, creationSiteOf, repositoryRoot, sourceLocationsRequested } from '../private/creation-site';
import { markGuarded, markRecorded } from '../private/guarded-stacks';
import { recordSource, recordSuppressions } from '../private/record-metadata';
import type * as AccessGraphModule from '../review/graph/access-graph';

/**
 * The graph and the rules, loaded when a stack is first checked: they are most of the review
 * side, and importing the library (say, for the role catalog) should not pay for them.
 */
function review(): { AccessGraph: typeof AccessGraphModule.AccessGraph; evaluate: typeof EvaluateModule.evaluate } {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { AccessGraph } = require('../review/graph/access-graph') as typeof AccessGraphModule;
  const { evaluate } = require('./evaluate') as typeof EvaluateModule;
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { AccessGraph, evaluate };
}

const findingsByStack = new WeakMap<TerraformStack, Finding[]>();

// Before the app creates its constructs: the library is imported first, this module with it.
if (sourceLocationsRequested()) captureCreationSites();

/**
 * `record`: error findings are recorded as warnings and synth goes on, so the CI step after it
 * (`azure-access check --format sarif`, which judges the same JSON with the same rules and fails
 * on errors) can upload them to code scanning. A construct's own synth-time check of a fact a rule
 * judges stands aside where this guard recorded that rule on its resource (guarded-stacks.ts);
 * values Azure would refuse at apply still fail synth. Set as an environment variable or as cdktf
 * context.
 */
export const GUARD_MODE_ENV = 'AZURE_ACCESS_GUARD';
export const GUARD_MODE_CONTEXT = 'azure-access:guard';

function recordsOnly(stack: TerraformStack): boolean {
  const mode = stack.node.tryGetContext(GUARD_MODE_CONTEXT) ?? process.env[GUARD_MODE_ENV];
  if (mode === undefined || mode === '' || mode === 'fail') return false;
  if (mode === 'record') return true;
  throw new Error(`${GUARD_MODE_ENV} (or context ${GUARD_MODE_CONTEXT}) is "${String(mode)}"; use record or fail.`);
}

/** Options of the guard. */
export interface AccessGuardProps {
  /**
   * Today, `YYYY-MM-DD`, for suppression expiry and migration windows. Pin it in tests.
   * @default - the current UTC date (it decides findings only; nothing of it reaches the JSON)
   */
  readonly today?: string;
  /** The longest activation a policy may allow for a role that can grant access. @default 8 */
  readonly maxActivationHours?: number;
  /** Scope IDs where standing grants need no justification (e.g. a sandbox subscription). @default none */
  readonly allowedWideScopes?: string[];
  /** Another severity for some rules, by rule ID (e.g. `{ AZA010: Severity.ERROR }`). @default none */
  readonly severityOverrides?: { [ruleId: string]: Severity };
  /** Rule IDs not to run at all. @default none */
  readonly disabledRules?: string[];
}

/** A suppression: why the finding is accepted, and until when. */
export interface SuppressionOptions {
  /** Why this is acceptable. Required, never empty. */
  readonly reason: string;
  /**
   * The last day the suppression holds, `YYYY-MM-DD`. After it the finding is back and an
   * expired-suppression finding (AZA012) is added. Secrets (AZA005) can only be suppressed with one.
   * @default - no end
   */
  readonly until?: string;
  /**
   * What the suppression accepts, written out: the scope of a wide grant (its ID, reference or
   * name, e.g. `vault.id` or `kv-payments`), or the targets an escalation chain (AZA013) may reach
   * (`kv-payments`, or `"Key Vault Secrets Officer" at kv-payments`). A grant widened since, or a
   * new chain from the same grant, is then a finding again, naming what this accepted. Write the
   * values out: a value computed from the grant itself would follow it when it widens.
   * @default - every finding of the rule on the construct's resources
   */
  readonly accepts?: string[];
}

/**
 * The least-privilege guard: an Aspect that reads the stack's own Terraform JSON into an
 * AccessGraph at synth, runs every rule, and attaches each finding to its construct as an error,
 * warning or info annotation, so `cdktf synth` fails on errors with the construct path, rule ID
 * and fix. The same rules run in `azure-access check` over any Terraform JSON.
 */
export class AccessGuard implements IAspect {
  /**
   * Accepts a rule's finding on a construct (and every resource under it). The suppression is
   * written into the synthesized JSON, so `azure-access check` sees it too.
   *
   * @param ruleId the rule, as a `RuleId` (`RuleId.SECRET_PRESENT`) or its ID (`'AZA005'`)
   */
  public static suppress(construct: IConstruct, ruleId: RuleId | string, options: SuppressionOptions): void {
    const where = construct.node.path || '(app)';
    if (!isRuleId(ruleId)) {
      throw new Error(`${where}: "${ruleId}" is not a rule ID (${ruleIdRange()}; see the rule table in the README).`);
    }
    if (!options.reason?.trim()) throw new Error(`${where}: suppressing ${ruleId} needs a reason.`);
    if (options.until !== undefined && !isCalendarDate(options.until)) {
      throw new Error(`${where}: until "${options.until}" is not a date; write it YYYY-MM-DD.`);
    }
    if (options.accepts !== undefined && (options.accepts.length === 0 || options.accepts.some((a) => typeof a !== 'string' || !a.trim()))) {
      throw new Error(`${where}: accepts of ${ruleId} must name at least one scope or chain target, none empty (leave it out to accept every finding of ${ruleId} here).`);
    }
    const { TerraformResource } = cdktf();
    const resources = construct.node.findAll().filter((c): c is InstanceType<typeof TerraformResource> => c instanceof TerraformResource);
    if (resources.length === 0) throw new Error(`${where}: there is no Terraform resource under this construct to suppress ${ruleId} on.`);
    for (const resource of resources) {
      recordSuppressions(resource, [{
        ruleId,
        reason: options.reason.trim(),
        ...(options.until ? { until: options.until } : {}),
        ...(options.accepts ? { accepts: options.accepts.map((a) => a.trim()) } : {}),
      }]);
    }
  }

  /**
   * The findings of the last synthesis of `stack` (empty when no guard has judged it yet). Kept
   * per stack, so an app with several stacks loses none.
   */
  public static findingsOf(stack: TerraformStack): Finding[] {
    return [...(findingsByStack.get(stack) ?? [])];
  }

  /** @param props the date judged against, the activation limit, wide scopes allowed, and rule severities */
  constructor(private readonly props: AccessGuardProps = {}) {
    if (props.today !== undefined && !isCalendarDate(props.today)) {
      throw new Error(`AccessGuard: today "${props.today}" is not a date; write it YYYY-MM-DD.`);
    }
  }

  public visit(node: IConstruct): void {
    const { TerraformStack: Stack, Annotations } = cdktf();
    if (!(node instanceof Stack)) return;
    const stack = node as TerraformStack;
    // Before the stack's validations run: the library's grants leave the wide-scope decision
    // to this guard, and so to its settings; in record mode, the grants' own judgements that
    // this guard records (a tier-0 application permission) too.
    const record = recordsOnly(stack);
    markGuarded(stack, record);
    if (sourceLocationsRequested()) this.recordSources(stack);
    const { AccessGraph, evaluate } = review();
    const document = stackDocument(stack);
    const graph = AccessGraph.fromDocuments([{ file: stack.node.path, document }]);
    const overrides: Record<string, Severity | 'off'> = { ...this.props.severityOverrides };
    for (const id of this.props.disabledRules ?? []) overrides[id] = 'off';
    const findings = evaluate(graph, {
      today: this.props.today ?? currentUtcDate(),
      maxActivationHours: this.props.maxActivationHours,
      allowedWideScopes: this.props.allowedWideScopes,
      severityOverrides: overrides,
    }).findings;
    findingsByStack.set(stack, findings);

    // The stack's constructs by path, walked only when a finding needs its construct.
    let byPath: Map<string, IConstruct> | undefined;
    const constructAt = (path: string) => (byPath ??= new Map(stack.node.findAll().map((c) => [c.node.path, c]))).get(path);
    if (!record) noteGuardErrors(stack.node.path, findings.filter((f) => f.severity === Severity.ERROR).map((f) => f.ruleId));
    for (const finding of findings) {
      const target = (finding.constructPath && constructAt(finding.constructPath)) || stack;
      if (record && target !== stack) markRecorded(stack, finding.ruleId, target.node.path);
      const text = `[${finding.ruleId}] ${finding.message} Fix: ${finding.fix}`;
      if (finding.severity === Severity.ERROR && record) {
        Annotations.of(target).addWarning(`${text} (an error, recorded for azure-access check: ${GUARD_MODE_ENV}=record)`);
      } else if (finding.severity === Severity.ERROR) {
        Annotations.of(target).addError(text);
      } else if (finding.severity === Severity.WARNING) {
        Annotations.of(target).addWarning(text);
      } else {
        Annotations.of(target).addInfo(text);
      }
    }
  }

  /** Writes where the app created each resource, so `check --format sarif` can point at that line. */
  private recordSources(stack: TerraformStack): void {
    const { TerraformResource } = cdktf();
    const root = repositoryRoot(process.cwd());
    for (const resource of stack.node.findAll().filter((c): c is InstanceType<typeof TerraformResource> => c instanceof TerraformResource)) {
      const site = creationSiteOf(resource, root);
      if (site) recordSource(resource, site);
    }
  }
}
