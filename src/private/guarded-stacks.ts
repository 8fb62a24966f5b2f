import type { IConstruct } from 'constructs';
import { cdktf } from './cdktf-runtime';

/**
 * Which stacks an AccessGuard judges. The guard marks each stack it visits (cdktf runs aspects
 * before validations); the library's constructs ask in their synth-time validation. A guarded
 * stack is judged by the guard's rules with the guard's settings (allowed scopes, severities,
 * disabled rules); an unguarded one by the constructs' own check with the default settings, so a
 * stack without a guard is never weaker than one with it.
 */
interface GuardOfStack {
  /** Record mode: findings are annotations for `azure-access check`, and synth goes on. */
  readonly recordsOnly: boolean;
  /** What the guard recorded in record mode, as `<rule ID> <construct path of the resource>`. */
  readonly recorded: Set<string>;
}

const guarded = new WeakMap<IConstruct, GuardOfStack>();

/** Called by the guard for each stack it judges, before it judges it. */
export function markGuarded(stack: IConstruct, recordsOnly = false): void {
  guarded.set(stack, { recordsOnly, recorded: new Set() });
}

/** Called by the guard in record mode for each finding it records on a resource of the stack. */
export function markRecorded(stack: IConstruct, ruleId: string, resourcePath: string): void {
  guarded.get(stack)?.recorded.add(`${ruleId} ${resourcePath}`);
}

/** Whether an AccessGuard judges the stack that holds `construct`. */
export function isGuarded(construct: IConstruct): boolean {
  return guarded.has(cdktf().TerraformStack.of(construct));
}

/**
 * Whether the guard of the stack that holds `resource` runs in record mode and recorded a finding
 * of `ruleId` on it. A construct whose own synth-time judgement is that rule's stands aside then:
 * the guard's annotation and `azure-access check` carry it, once. Where the guard recorded nothing
 * (the rule disabled or suppressed, or judging this case otherwise), the construct's check stays,
 * as it is without record mode, so record mode loses nothing `check` would not report.
 */
export function isRecordedByGuard(resource: IConstruct, ruleId: string): boolean {
  const guard = guarded.get(cdktf().TerraformStack.of(resource));
  return guard !== undefined && guard.recordsOnly && guard.recorded.has(`${ruleId} ${resource.node.path}`);
}
