import { AccessDiff } from './access-change';
import { ChangeKind } from './change-kind';

/**
 * A grant or eligibility the change adds that the live tenant holds already (the head adopts it,
 * as AUD001's fix says) gives no access Azure does not give now: it stays a change of the code,
 * said so, and no escalation of access.
 */
export function withAdoptedGrants(diff: AccessDiff, adopted: ReadonlySet<string>): AccessDiff {
  if (adopted.size === 0) return diff;
  const changes = diff.changes.map((c) => (c.kind === ChangeKind.ADDED && adopted.has(c.address)
    ? { ...c, escalation: false, details: `${c.details} Adopted: the tenant holds it already, so nothing changes in Azure.` }
    : c));
  return { ...diff, changes, escalations: changes.filter((c) => c.escalation).length };
}
