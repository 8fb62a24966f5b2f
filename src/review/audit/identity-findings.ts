import { AuditRuleId } from './audit-rule-ids';
import { LiveManagedIdentity } from './live-types';
import { Finding } from '../../model/finding';
import { Severity } from '../../model/severity';

/**
 * AUD005: a managed identity that holds nothing in the exports: left over, or its access lives
 * elsewhere. `holders` are the object IDs of every principal with an assignment or eligibility.
 */
export function idleIdentityFinding(file: string, identity: LiveManagedIdentity, holders: ReadonlySet<string>): Finding | undefined {
  if (holders.has(identity.id)) return undefined;
  const kind = identity.assignment === undefined ? '' : `${identity.assignment}, `;
  const of = identity.resourceId === undefined ? '' : `${identity.assignment === 'system-assigned' ? 'of ' : ''}${identity.resourceId}`;
  return {
    ruleId: AuditRuleId.IDLE_MANAGED_IDENTITY,
    severity: Severity.INFO,
    message: `managed identity ${identity.displayName} (${kind}object ID ${identity.id}${of === '' ? '' : `, ${of}`}) holds no role assignment or eligibility in the exports.`,
    address: identity.resourceId ?? `servicePrincipals/${identity.id}`,
    file,
    fix: 'If the workload needs no Azure access, turn the system-assigned identity off, or delete a user-assigned identity nothing uses. '
      + 'The role assignment export covers only the subscription it was taken from: export the others before deleting anything.',
  };
}
