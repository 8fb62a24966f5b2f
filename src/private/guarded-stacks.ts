import type { IConstruct } from 'constructs';
import { cdktf } from './cdktf-runtime';

/**
 * Which stacks an AccessGuard judges. The guard marks each stack it visits (cdktf runs aspects
 * before validations); the library's constructs ask in their synth-time validation. A guarded
 * stack is judged by the guard's rules with the guard's settings (allowed scopes, severities,
 * disabled rules); an unguarded one by the constructs' own check with the default settings, so a
 * stack without a guard is never weaker than one with it.
 */
const guarded = new WeakSet<IConstruct>();

/** Called by the guard for each stack it judges. */
export function markGuarded(stack: IConstruct): void {
  guarded.add(stack);
}

/** Whether an AccessGuard judges the stack that holds `construct`. */
export function isGuarded(construct: IConstruct): boolean {
  return guarded.has(cdktf().TerraformStack.of(construct));
}
