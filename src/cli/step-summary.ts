import { appendFileSync } from 'fs';
import { CliIo } from './cli-io';
import { Delivery } from './write-failure';

/** The GitHub Actions job summary (GITHUB_STEP_SUMMARY), when set: the markdown is appended to it. */
export function stepSummary(io: CliIo, markdown: string): Delivery[] {
  const file = io.env.GITHUB_STEP_SUMMARY;
  if (!file) return [];
  return [{ target: `the step summary (GITHUB_STEP_SUMMARY=${file})`, write: () => appendFileSync(file, markdown) }];
}
