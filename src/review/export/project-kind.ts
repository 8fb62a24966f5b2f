/**
 * This project's own node and edge kinds in a BloodHound OpenGraph export, for what BloodHound
 * has no kind of its own (an eligible Azure role, a role BloodHound names no edge for) or computes
 * itself after ingest. The prefix keeps them apart from BloodHound's `AZ...` kinds: an underscore
 * is in none of those, and OpenGraph edge kinds allow `[A-Za-z0-9_]` only.
 */
export const PROJECT_KIND_PREFIX = 'AZA_';

/** `AZA_<name>`: one of this project's kinds. */
export function projectKind(name: string): string {
  return `${PROJECT_KIND_PREFIX}${name}`;
}
