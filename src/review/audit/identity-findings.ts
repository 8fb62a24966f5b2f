import { AuditRuleId } from './audit-rule-ids';
import { LiveAssignment, LiveManagedIdentity } from './live-types';
import { Severity } from '../../model/severity';
import { Finding } from '../../policy/finding';

/** AUD005: a managed identity that holds nothing in the exports: left over, or its access lives elsewhere. */
export function idleIdentityFinding(file: string, identity: LiveManagedIdentity, held: LiveAssignment[]): Finding | undefined {
  if (held.some((a) => a.principalId === identity.id)) return undefined;
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
