/**
 * Terraform would fail to evaluate this expression: an attribute a known object does not have,
 * an index beyond a known list, a function refusing its arguments. `try()` and `can()` catch it,
 * as Terraform's do; anywhere else the value becomes unknown, and the report names why.
 *
 * Only what Terraform itself refuses is thrown as this: a value that is merely unknown is never an
 * error, so `try(var.not_given, {})` stays unknown instead of taking the fallback.
 */
export class EvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvaluationError';
  }
}

/**
 * The review does not evaluate this, though Terraform might: a regular expression construct with
 * no JavaScript equivalent, a result too large or too deep to build, too much work. `try()` and
 * `can()` do not catch it (Terraform may well succeed); the value becomes unknown with this reason.
 */
export class NotEvaluated extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'NotEvaluated';
  }
}
