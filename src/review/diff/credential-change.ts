import { AccessGraph } from '../graph/access-graph';
import { credentialOwnerName } from '../graph/credential-owner';
import { GraphCredential } from '../graph/graph-types';

/** A credential a change adds, removes or changes: a new secret widens who can sign in as its owner. */
export interface CredentialChange {
  readonly kind: 'added' | 'removed' | 'changed';
  readonly credential: GraphCredential['kind'];
  /** What it belongs to, by the name the configuration gives it. */
  readonly owner: string;
  readonly address: string;
  readonly stack?: string;
  /** What changed, or what it is: `ends 2027-06-30T00:00:00Z`, `repo:contoso/x:pull_request at https://token…`. */
  readonly details: string;
  /** A secret (password or certificate) added: it widens who can sign in, as the rules against secrets (AZA005) say. */
  readonly widens: boolean;
}

const KIND_WORDS: Record<GraphCredential['kind'], string> = {
  'application-password': 'client secret',
  'service-principal-password': 'service principal password',
  'certificate': 'certificate',
  'federated': 'federated credential',
};

/** `client secret`, `federated credential`: how a change names a credential's kind. */
export function describeCredentialKind(kind: GraphCredential['kind']): string {
  return KIND_WORDS[kind];
}

function trust(c: GraphCredential): string {
  const subject = c.claimsMatchingExpression ?? c.subject ?? '(subject unknown)';
  return `${subject} from ${c.issuer ?? '(issuer unknown)'}`;
}

function detailsOf(c: GraphCredential): string {
  if (c.kind === 'federated') return `trusts ${trust(c)}`;
  return c.endDate === undefined ? 'no end date' : `ends ${c.endDate}`;
}

/**
 * The credentials a change adds, removes or changes, matched by their address (and stack), then
 * for federated credentials by owner and trust, so a renamed construct is no change. A password
 * or certificate added widens who can sign in; so does a federated credential added or given
 * another subject or issuer.
 */
export function diffCredentials(base: AccessGraph, head: AccessGraph): CredentialChange[] {
  const keyOf = (c: GraphCredential) => `${c.origin.stack ?? ''}\u0000${c.origin.address}`;
  const trustKey = (graph: AccessGraph, c: GraphCredential) => `${c.kind}\u0000${credentialOwnerName(c, graph)}\u0000${trust(c)}`;
  const before = new Map(base.credentials.map((c) => [keyOf(c), c]));
  const changes: CredentialChange[] = [];
  const matched = new Set<GraphCredential>();
  const make = (kind: CredentialChange['kind'], c: GraphCredential, graph: AccessGraph, details: string): CredentialChange => ({
    kind,
    credential: c.kind,
    owner: credentialOwnerName(c, graph),
    address: c.origin.address,
    ...(c.origin.stack === undefined ? {} : { stack: c.origin.stack }),
    details,
    widens: kind !== 'removed',
  });
  const baseTrusts = new Map(base.credentials.filter((c) => c.kind === 'federated').map((c) => [trustKey(base, c), c]));
  for (const c of head.credentials) {
    const was = before.get(keyOf(c)) ?? (c.kind === 'federated' ? baseTrusts.get(trustKey(head, c)) : undefined);
    if (was === undefined) {
      changes.push(make('added', c, head, detailsOf(c)));
      continue;
    }
    matched.add(was);
    if (detailsOf(was) !== detailsOf(c)) changes.push(make('changed', c, head, `${detailsOf(was)} → ${detailsOf(c)}`));
  }
  for (const c of base.credentials) if (!matched.has(c)) changes.push(make('removed', c, base, detailsOf(c)));
  return changes;
}
