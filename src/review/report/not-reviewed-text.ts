import { AccessReport } from './access-report';

/**
 * The sentences of the report's "Not reviewed" part, worded once for every renderer: a report
 * must never read as clean while an access resource or a whole module was not read.
 */

/** How many access resources were read and how many were not; "every one" only names the modules that were not. */
export function notReviewedSentence(report: AccessReport): string {
  const { reviewed, notReviewed } = report.totals.accessResources;
  if (notReviewed > 0) return `${notReviewed} access resource(s) of the input are not read by this review, so nothing above includes them (${reviewed} read).`;
  const modules = report.modulesNotRead.length > 0 ? ', but not the modules below' : '';
  return `Every access resource of the input was read (${reviewed})${modules}.`;
}

/** Why the modules table is there; undefined when every module call was read. */
export function modulesNotReadSentence(report: AccessReport): string | undefined {
  const count = report.modulesNotRead.length;
  if (count === 0) return undefined;
  return `${count} module call(s) could not be read: whatever access they declare is in none of the tables above, and nothing judged it.`;
}

/** Why the coverage notes table is there: a resource that was read yet gave no row. */
export const COVERAGE_NOTES_SENTENCE = 'Read, but giving no grant:';

/** Why the table of values not evaluated is there; undefined when every value was. */
export function valuesNotEvaluatedSentence(report: AccessReport): string | undefined {
  const count = report.valuesNotEvaluated.length;
  if (count === 0) return undefined;
  return `${count} value(s) of access resources were not evaluated, though Terraform may know them before apply: each counts as the widest, and the findings on it are made so.`;
}

/**
 * How a row that stands for many instances says so: an unknown number (`for_each = var.roles`),
 * or a known one too large to expand (`× 1,000,000`, `count = 1000000`).
 */
export function repeatedText(row: { readonly repeated?: string; readonly repeatedTimes?: number }): string | undefined {
  if (row.repeated === undefined) return undefined;
  return row.repeatedTimes === undefined ? 'repeated an unknown number of times' : `× ${row.repeatedTimes.toLocaleString('en-US')}, reviewed once`;
}
