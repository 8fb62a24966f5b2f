import { GUID_PATTERN } from './guid';
import { ScopeLevel } from './scope-level';

/**
 * Entra directory scopes ranked against Azure's `ScopeLevel`, so one assertion
 * (`assertAllScopesAtMost`) covers both halves of access:
 * - `/`, the whole tenant: ROOT. Nothing known is wider; only UNKNOWN ranks above it.
 * - `/administrativeUnits/<id>`: RESOURCE_GROUP, a container of directory objects as a resource
 *   group is a container of resources.
 * - `/<object id>` (one application or service principal): RESOURCE.
 * - anything else, a reference or a variable included: UNKNOWN, the widest.
 */
const ADMINISTRATIVE_UNIT = new RegExp(`^/administrativeUnits/${GUID_PATTERN}$`, 'i');
const ONE_OBJECT = new RegExp(`^/${GUID_PATTERN}$`, 'i');

/** The level of a `directory_scope_id` value. */
export function directoryScopeLevel(value: string): ScopeLevel {
  if (value === '/') return ScopeLevel.ROOT;
  if (ADMINISTRATIVE_UNIT.test(value)) return ScopeLevel.RESOURCE_GROUP;
  if (ONE_OBJECT.test(value)) return ScopeLevel.RESOURCE;
  return ScopeLevel.UNKNOWN;
}
