import { AuditRuleId } from './audit-rule-ids';
import { LiveApplication, LiveAssignment, LiveCredential } from './live-types';
import { dayOf, daysBetween } from '../../model/dates';
import { Finding } from '../../model/finding';
import { Severity } from '../../model/severity';

/**
 * AUD004 (client secrets) and AUD006 (certificates): every credential still on an application,
 * with its end date relative to `today`. An expired one is reported too: it grants nothing,
 * but it shows the application still works with secrets, and invites renewal instead of removal.
 * Only the credential's key ID and display name are shown; its value is never read. `held` are
 * the standing assignments of the application's service principal (az names it by appId).
 */
export function credentialFinding(
  file: string, application: LiveApplication, credential: LiveCredential, today: string, held: readonly LiveAssignment[],
): Finding {
  const secret = credential.kind === 'secret';
  const end = credential.endDateTime === undefined ? undefined : dayOf(credential.endDateTime) ?? credential.endDateTime;
  const expired = end !== undefined && end < today;
  const name = credential.displayName === undefined ? '(no display name)' : `"${credential.displayName}"`;
  const what = `${secret ? 'a client secret' : 'a certificate'} ${name} (key ID ${credential.keyId})`;
  const when = end === undefined ? 'with no end date'
    : expired ? `that expired on ${end} but is still present on the application`
      : `valid until ${end} (${daysBetween(today, end)} days from ${today})`;
  const access = held.length === 0 ? ''
    : `; its service principal holds ${held.map((a) => `"${a.roleName ?? a.roleGuid}" at ${a.scope}`).join(', ')}`;
  const remove = `az ad app credential delete --id ${application.appId} --key-id ${credential.keyId}${secret ? '' : ' --cert'}`;
  return {
    ruleId: secret ? AuditRuleId.SECRET_PRESENT : AuditRuleId.CERTIFICATE_PRESENT,
    severity: secret && !expired ? Severity.WARNING : Severity.INFO,
    message: `application ${application.displayName ?? application.appId} (appId ${application.appId}) has ${what} ${when}${access}.`,
    address: `applications/${application.id}/${secret ? 'passwordCredentials' : 'keyCredentials'}/${credential.keyId}`,
    file,
    fix: expired ? `Delete it: ${remove}.`
      : `Give the workload a managed identity or a federated credential (workload identity federation) instead, then delete it: ${remove}.`,
  };
}
