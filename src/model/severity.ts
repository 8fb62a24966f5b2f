/** How bad a finding is. Errors fail the guard at synth and `check --fail-on error`. */
export enum Severity {
  ERROR = 'error',
  WARNING = 'warning',
  INFO = 'info',
}

const RANK: Record<Severity, number> = { [Severity.INFO]: 0, [Severity.WARNING]: 1, [Severity.ERROR]: 2 };

export function severityRank(severity: Severity): number {
  return RANK[severity];
}
