import * as path from 'path';
import { CliIo } from './cli-io';
import { Delivery } from './write-failure';
import { appendToFile } from './write-output-file';

/** GitHub shows at most 1 MiB of summary per step, and drops a larger one whole. */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;

const CUT_NOTE = '\n*The step summary stops here: GitHub shows 1 MiB of it. The whole result is in the step\'s log.*\n\n';

/**
 * The GitHub Actions job summary (GITHUB_STEP_SUMMARY), when set: every command that prints a
 * result appends its markdown there. The file must be a regular file, and is appended to whole
 * or not at all (see appendToFile). A result over GitHub's limit is cut at the last whole line
 * that fits, a code block left open is closed, and a note says so: a summary GitHub drops whole
 * would lose what other steps wrote too.
 */
export function stepSummary(io: CliIo, markdown: () => string): Delivery[] {
  const file = io.env.GITHUB_STEP_SUMMARY;
  if (!file) return [];
  return [{
    target: `the step summary (GITHUB_STEP_SUMMARY=${file})`,
    write: () => appendToFile(path.resolve(io.cwd, file), summaryText(io.sensitive?.redact(markdown()) ?? markdown())),
  }];
}

/** The markdown, ended by one blank line (the next step's summary starts apart from it), and within the limit. */
export function summaryText(markdown: string): string {
  const text = `${markdown.trimEnd()}\n\n`;
  if (Buffer.byteLength(text, 'utf8') <= STEP_SUMMARY_LIMIT) return text;
  // Room for the note, and for a fence that closes a code block the cut leaves open.
  const room = STEP_SUMMARY_LIMIT - Buffer.byteLength(CUT_NOTE, 'utf8') - 64;
  const kept: string[] = [];
  let size = 0;
  let fence: string | undefined;
  for (const line of text.split('\n')) {
    size += Buffer.byteLength(line, 'utf8') + 1;
    if (size > room) break;
    kept.push(line);
    const marker = /^(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker !== undefined && (fence === undefined || (marker[0] === fence[0] && marker.length >= fence.length))) {
      fence = fence === undefined ? marker : undefined;
    }
  }
  return `${kept.join('\n')}\n${fence === undefined ? '' : `${fence}\n`}${CUT_NOTE}`;
}
