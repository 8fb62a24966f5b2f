/** How bad a finding is. Errors fail the guard at synth and `check --fail-on error`. */
export enum Severity {
  /** Fails synthesis under the guard (unless it only records), and `check` unless `--fail-on never`. */
  ERROR = 'error',
  /** A warning annotation at synth, failing `check` only with `--fail-on warning`. */
  WARNING = 'warning',
  /** A note for the reviewer: never fails anything. */
  INFO = 'info',
}

const RANK: Record<Severity, number> = { [Severity.INFO]: 0, [Severity.WARNING]: 1, [Severity.ERROR]: 2 };

export function severityRank(severity: Severity): number {
  return RANK[severity];
}
