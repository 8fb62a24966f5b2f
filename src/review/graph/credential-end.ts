import { GraphCredential } from './graph-types';

type Ending = Pick<GraphCredential, 'kind' | 'endDate' | 'endDateRelative'>;

/**
 * When a credential stops working, as the report's "ends" column says it: the end date written,
 * `end_date_relative` after creation, or, when neither is written, what Entra does then. A password
 * Graph creates without an end lasts two years (application and service principal `addPassword`:
 * "the default value is startDateTime + 2 years"); a certificate ends with the certificate itself.
 * Never "no end date": every secret of Entra ends.
 */
export function credentialEnd(c: Ending): string {
  if (c.kind === 'federated') return 'n/a (no secret)';
  if (c.endDate) return c.endDate;
  if (c.endDateRelative) return `${c.endDateRelative} after creation`;
  return c.kind === 'certificate' ? 'not written (when the certificate ends)' : 'not written (Entra: two years after creation)';
}

/** The same, as a finding says it: `ends 2027-01-01`, `ends 4320h after creation`, `no end date written: ...`. */
export function credentialEndPhrase(c: Ending): string {
  if (c.endDate) return `ends ${c.endDate}`;
  if (c.endDateRelative) return `ends ${c.endDateRelative} after creation`;
  return c.kind === 'certificate' ? 'no end date written: it ends with the certificate'
    : 'no end date written: Entra ends it two years after creation';
}
