/** A finding as `--format json` writes it, the fields these tests read. */
export interface JsonFinding {
  readonly ruleId: string;
  readonly address: string;
  readonly file: string;
  readonly message: string;
}

/** The findings of one rule in a command's `--format json` output. */
export function findingsOf(stdout: string, ruleId: string): JsonFinding[] {
  return (JSON.parse(stdout).findings as JsonFinding[]).filter((f) => f.ruleId === ruleId);
}
