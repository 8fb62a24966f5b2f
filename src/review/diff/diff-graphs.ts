import { AccessDiff } from './access-change';
import { diffEntries } from './diff-entries';
import { entriesOf } from './diff-entry';
import { AccessGraph } from '../graph/access-graph';

/**
 * The access changes between two syntheses of the same code (base, then head): grants,
 * eligibilities and activation policies that appeared, vanished, widened, narrowed, changed
 * role, turned standing or eligible, or are destroyed and created again under a new address.
 * Head's `moved` blocks are honoured, so a rename that carries one is no recreate.
 */
export function diffGraphs(base: AccessGraph, head: AccessGraph): AccessDiff {
  return diffEntries(entriesOf(base), entriesOf(head), { moves: head.moves });
}
