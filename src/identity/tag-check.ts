import { TagProblem, tagProblems, TAGS_ACCEPTED } from '../model/azure-tag-limits';

/**
 * Refuses, at construction, tags Azure would refuse at plan or apply, naming each bad tag, what is
 * accepted and the error it prevents (the limits live in model/azure-tag-limits.ts).
 */
export function checkTags(path: string, tags: Readonly<Record<string, string>>, describeValue?: (name: string) => string): void {
  const problems = tagProblems(tags, describeValue);
  if (problems.length === 0) return;
  const lines = problems.map((p: TagProblem) => `${p.problem} (Azure error: ${p.azureError})`);
  throw new Error(`${path}: ${lines.join('; ')}. Accepted: ${TAGS_ACCEPTED}.`);
}
