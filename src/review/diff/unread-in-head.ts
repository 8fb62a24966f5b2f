import { AccessGraph } from '../graph/access-graph';

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

interface Unread {
  readonly key: string;
  readonly address: string;
  readonly what: string;
}

/** What the graph could not read: module calls (but those listed as holding no access), then resources, each once. */
function unreadOf(graph: AccessGraph): Unread[] {
  const found = new Map<string, Unread>();
  const add = (origin: { readonly stack?: string; readonly address: string }, what: string) => {
    const key = `${origin.stack ?? ''}\u0000${origin.address}`;
    if (!found.has(key)) found.set(key, { key, address: origin.address, what });
  };
  for (const m of graph.modulesNotRead) if (m.holdsNoAccess === undefined) add(m.origin, `module call (source "${m.source}") not read: ${m.reason}`);
  for (const c of graph.notReviewed) add(c.origin, `${c.type} not reviewed: ${c.reason}`);
  return [...found.values()];
}

/**
 * What the head could not read, each marked `added` when the base could read everything at its
 * address. Compared by stack and address: the two sides are different files of one configuration.
 * An unread call or resource the base has too is listed, not added: what changes inside it is not
 * seen either way, and `check` (AZA015, AZA016) judges it.
 */
export function unreadInHead(base: AccessGraph, head: AccessGraph): UnreadInHead[] {
  const inBase = new Set(unreadOf(base).map((u) => u.key));
  return unreadOf(head).map((u) => ({ address: u.address, what: u.what, added: !inBase.has(u.key) }));
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
