import { Value } from '../value';

/**
 * What a function needs known of an argument before it can give a known result, as Terraform's
 * function library decides it: `whole`, every part of it (a string with a resource attribute
 * written in counts as unknown); `shallow`, the value itself but not what it holds (`length` of a
 * known list of references is known); `any`, nothing (the function looks inside itself).
 */
export type Need = 'whole' | 'shallow' | 'any';

/** One of Terraform's built-in functions, as the review evaluates it. */
export interface TerraformFunction {
  /** What each parameter needs; `variadic` repeats for the arguments after them. */
  readonly params: readonly Need[];
  readonly variadic?: Need;
  /** How many arguments must be given, when the last parameters are optional; default all of `params`. */
  readonly min?: number;
  /**
   * Which arguments may be null (by position; the variadic ones are at `params.length`), or all.
   * Terraform refuses a null argument anywhere else.
   */
  readonly nulls?: 'all' | readonly number[];
  /** The result from known arguments; throws EvaluationError where Terraform fails, NotEvaluated where the review does not follow. */
  readonly run: (args: readonly Value[]) => Value;
}

export type FunctionTable = Readonly<Record<string, TerraformFunction>>;
