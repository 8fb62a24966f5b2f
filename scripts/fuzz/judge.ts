import type { FuzzCase } from './cases';
import type { CaseOutcome } from './worker';

/**
 * A line of standard error that is a bug of ours: an internal error said as such, or a JavaScript
 * fault passed off as an input's problem ("x.tf: cannot be read: Cannot read properties of undefined").
 */
const INTERNAL = /internal error|Cannot read propert|is not a function|is not iterable|of undefined|of null\b|Maximum call stack|Invalid string length|Invalid array length|out of memory/;

export function isInternalError(line: string): boolean {
  return INTERNAL.test(line);
}

/** What a failing case did wrong. */
export interface Failure {
  readonly kind: 'crash' | 'hang' | 'internal error' | 'non-deterministic';
  readonly fuzzCase: FuzzCase;
  readonly detail: string;
}

/** What the two in-process runs of a case say: undefined when they are an answer (exit 0, 1 or 2, the same twice). */
export function judge(fuzzCase: FuzzCase, outcome: CaseOutcome): Failure | undefined {
  if (outcome.thrown !== undefined) return { kind: 'crash', fuzzCase, detail: `run threw: ${outcome.thrown}` };
  if (outcome.codes.some((code) => ![0, 1, 2].includes(code))) return { kind: 'crash', fuzzCase, detail: `exit ${outcome.codes.join(', ')}` };
  if (outcome.internalError !== undefined) return { kind: 'internal error', fuzzCase, detail: outcome.internalError };
  if (!outcome.sameTwice) return { kind: 'non-deterministic', fuzzCase, detail: `exit ${outcome.codes.join(', ')}; the two runs differ` };
  return undefined;
}
