import { AccessGraph } from '../graph/access-graph';
import { instancesByCall } from '../graph/modules-not-read';

/**
 * Access the head of a change holds that the review could not read: a module call not read
 * (AZA016), a resource whose access is not reviewed (AZA015). A diff that said "No access change"
 * over them would answer "clean" about what it did not read.
 */
export interface UnreadInHead {
  readonly address: string;
  /** What it is and why it was not read, as `check` says it. */
  readonly what: string;
  /** The base holds nothing unread at this address: the change adds it, and what it grants is not known (the widest). */
  readonly added: boolean;
}

/** Where an unread call or resource is: stack and address (the two sides are different files of one configuration). */
function keyOf(origin: { readonly stack?: string; readonly address: string }): string {
  return `${origin.stack ?? ''}\u0000${origin.address}`;
}

/** Where the graph could not read: its module calls not read (but those listed as holding no access) and its resources not reviewed. */
function unreadKeys(graph: AccessGraph): Set<string> {
  const keys = new Set<string>();
  for (const m of graph.modulesNotRead) if (m.holdsNoAccess === undefined) keys.add(keyOf(m.origin));
  for (const c of graph.notReviewed) keys.add(keyOf(c.origin));
  return keys;
}

/**
 * What the head could not read, marked `added` when the base could read everything there. The
 * instances of one module call are one item (as they are one AZA016), added when any of them is.
 * An unread call or resource the base has too is listed, not added: what changes inside it is not
 * seen either way, and `check` (AZA015, AZA016) judges it.
 */
export function unreadInHead(base: AccessGraph, head: AccessGraph): UnreadInHead[] {
  const inBase = unreadKeys(base);
  const items: UnreadInHead[] = [];
  for (const [m, ...others] of instancesByCall(head.modulesNotRead.filter((call) => call.holdsNoAccess === undefined))) {
    const instances = others.length === 0 ? '' : ` (and ${others.length} other instance${others.length === 1 ? '' : 's'} of the same call)`;
    items.push({
      address: m.origin.address,
      what: `module call (source "${m.source}")${instances} not read: ${m.reason}`,
      added: [m, ...others].some((call) => !inBase.has(keyOf(call.origin))),
    });
  }
  const listed = new Set<string>();
  for (const c of head.notReviewed) {
    const key = keyOf(c.origin);
    if (listed.has(key)) continue;
    listed.add(key);
    items.push({ address: c.origin.address, what: `${c.type} not reviewed: ${c.reason}`, added: !inBase.has(key) });
  }
  return items;
}

/** How many unread items the markdown lists; the count says how many there are. */
const LISTED = 20;

/**
 * The markdown section that names what the head could not read, the ones the change adds first;
 * `onlyAdded` for a pull-request comment, which says decisions only. Empty when there is none.
 */
export function renderUnreadInHead(unread: readonly UnreadInHead[], onlyAdded = false): string {
  const shown = [...unread.filter((u) => u.added), ...(onlyAdded ? [] : unread.filter((u) => !u.added))];
  if (shown.length === 0) return '';
  const items = shown.slice(0, LISTED).map((u) => `- \`${u.address}\`${u.added ? ' (added by the change)' : ''}: ${u.what.replace(/\r?\n/g, ' ')}`);
  const more = shown.length > LISTED ? [`- and ${shown.length - LISTED} more`] : [];
  return [
    `### Not reviewed (${shown.length})`,
    '',
    'The review could not read these in the head, so what they grant, and what changes inside them, is not in this diff; '
      + '`check` judges them (AZA015, AZA016).',
    '',
    ...items,
    ...more,
  ].join('\n');
}
