/**
 * The guard's last word when its errors stop synth. cdktf ends a failed synth with its own
 * hints (`CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS`, `skipValidation: true`) under a stack trace
 * of its internals, and a reader takes them for the way out; they accept nothing, they only let
 * cdktf go on. So, after cdktf has spoken, the guard says once more what failed, how a finding is
 * fixed or accepted (a suppression with a reason), and what record mode is for.
 */

import { writeSync } from 'fs';
import { inspect } from 'util';

/** cdktf's switch that turns error annotations into a synth that goes on. */
export const CDKTF_CONTINUE_ENV = 'CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS';

/** Error findings of one stack, by rule ID, in the order first raised. */
export type RaisedErrors = ReadonlyMap<string, ReadonlyMap<string, number>>;

const raised = new Map<string, Map<string, number>>();
let listening = false;

// How cdktf's error for error annotations begins (cdktf/lib/errors.js, encounteredAnnotationWithLevelError).
const CDKTF_ANNOTATION_ERROR = 'Encountered Annotations with level "ERROR"';

/**
 * Notes the error findings the guard annotated on a stack (not recorded ones: those never fail
 * synth), and makes sure the summary is said: after cdktf's error when synth throws it, at exit
 * when cdktf was told to go on past it.
 */
export function noteGuardErrors(stackPath: string, ruleIds: readonly string[]): void {
  if (ruleIds.length === 0) return;
  const counts = raised.get(stackPath) ?? new Map<string, number>();
  for (const id of ruleIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  raised.set(stackPath, counts);
  if (!listening) {
    listening = true;
    process.once('exit', (code) => {
      if (code === 0) writeSummary(guardExitSummary(raised, code, process.env[CDKTF_CONTINUE_ENV] !== undefined));
    });
  }
  sayAfterSynthError();
}

/**
 * Node prints an uncaught error after 'exit' listeners have run, so a summary written at exit
 * would come before cdktf's error. For the rest of this turn of the event loop (the synth that
 * the guard's aspect is part of), an uncaught cdktf annotation error is printed here instead:
 * its message (the findings and cdktf's hint), without the stack of cdktf's internals, then the
 * summary. Only when nobody else handles uncaught errors; any other error is printed as Node
 * would print it.
 */
function sayAfterSynthError(): void {
  if (process.listenerCount('uncaughtException') > 0) return;
  const onError = (error: unknown): void => {
    const annotations = error instanceof Error && error.message.startsWith(CDKTF_ANNOTATION_ERROR);
    writeSummary(`${annotations ? (error as Error).message.trimEnd() : inspect(error)}\n`);
    if (annotations) writeSummary(guardExitSummary(raised, 1, false));
    process.exit(1);
  };
  process.on('uncaughtException', onError);
  setImmediate(() => process.off('uncaughtException', onError)).unref();
}

/** Written at once: the process is about to exit, and a pipe written asynchronously could lose it. */
function writeSummary(text: string | undefined): void {
  if (text !== undefined) writeSync(2, text);
}

/**
 * What to say at exit: that the guard's errors failed synth (a non-zero exit), or that cdktf was
 * told to go on past them; nothing when the run succeeded without that switch (the app caught
 * the failure itself, and what it does with it is its own).
 */
export function guardExitSummary(errors: RaisedErrors, exitCode: number, cdktfContinues: boolean): string | undefined {
  if (errors.size === 0 || (exitCode === 0 && !cdktfContinues)) return undefined;
  const stacks = [...errors].map(([stack, counts]) => {
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const rules = [...counts].map(([id, n]) => (n === 1 ? id : `${id} ×${n}`)).join(', ');
    return `"${stack}": ${total} error${total === 1 ? '' : 's'} (${rules})`;
  });
  const first = exitCode === 0
    ? `the AccessGuard's errors did not stop synth because ${CDKTF_CONTINUE_ENV} is set: ${stacks.join('; ')}. They are still errors: `
      + '`azure-access check` of this output fails on them.'
    : `synth failed on the AccessGuard's findings, listed above with their fixes: ${stacks.join('; ')}.`;
  return [
    `cdktf-azure-access: ${first}`,
    '  Fix each as its message says, or accept it with a reason: AccessGuard.suppress(construct, \'<rule ID>\', { reason: \'...\' }) '
      + '(a secret\'s also needs an `until` date; its fix says so).',
    `  cdktf's own hints (${CDKTF_CONTINUE_ENV}, skipValidation: true) accept nothing: they only let cdktf go on.`,
    '  To report errors without failing synth (a CI step that uploads SARIF, then fails), set AZURE_ACCESS_GUARD=record.',
    '',
  ].join('\n');
}
