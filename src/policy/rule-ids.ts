/**
 * Stable rule IDs. A suppression names one; they never change meaning once published.
 * The guard's rules use them; constructs that record an accepted exception (a wide grant with
 * a written justification) use them too, so the exception travels with the synthesized JSON.
 */
export enum RuleId {
  /** A grant at subscription, management group, root or unknown scope. */
  WIDE_SCOPE = 'AZA001',
}
