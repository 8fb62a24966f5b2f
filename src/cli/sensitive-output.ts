import { SourceDocument } from '../review/reader/source-document';

/** What a value Terraform marks sensitive is printed as, in every format. */
export const SENSITIVE = '(sensitive)';

/**
 * The forms a string takes in the command's outputs: as written; inside a JSON string (JSON, SARIF);
 * escaped for HTML (the HTML report, the diff comment's summaries); escaped for markdown (list items
 * escape `\ * _ ` [ ] < >`; table cells `\` and `|`; code spans turn a backtick into `'`). Each
 * output format's escaping is one of these, and the tests print a sensitive value in each format.
 */
const FORMS: readonly ((value: string) => string)[] = [
  (v) => v,
  (v) => JSON.stringify(v).slice(1, -1),
  (v) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'),
  (v) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
  (v) => v.replace(/\\/g, '\\\\').replace(/([*_`[\]<>])/g, '\\$1'),
  (v) => v.replace(/\\/g, '\\\\').replace(/\|/g, '\\|'),
  (v) => v.replace(/`/g, "'"),
  (v) => v.replace(/`/g, "'").replace(/\\/g, '\\\\').replace(/\|/g, '\\|'),
];

/**
 * Hides the values Terraform marks sensitive in everything the command writes: standard output,
 * standard error and the step summary. The review reads the values themselves (a scope's level,
 * a role's name), so findings are what they would be; only their text says `(sensitive)`.
 */
export class SensitiveOutput {
  private forms: string[] = [];

  /** The sensitive strings of documents the command has read. */
  public addDocuments(documents: readonly SourceDocument[]): void {
    const strings = documents.flatMap((d) => d.sensitive ?? []);
    if (strings.length === 0) return;
    const forms = new Set(this.forms);
    for (const value of strings) for (const form of FORMS) forms.add(form(value));
    // Longest first: a value that holds another is hidden whole, not around the shorter one.
    this.forms = [...forms].filter((f) => f.length > 0).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  }

  public redact(text: string): string {
    let result = text;
    for (const form of this.forms) if (result.includes(form)) result = result.split(form).join(SENSITIVE);
    return result;
  }
}
