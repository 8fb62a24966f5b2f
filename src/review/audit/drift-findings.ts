import { AuditRuleId } from './audit-rule-ids';
import { DeclaredAccess } from './declared-access';
import { LiveAssignment } from './live-types';
import { PrincipalDirectory } from './principal-directory';
import { Finding } from '../../model/finding';
import { Severity } from '../../model/severity';

/** AUD001: in the tenant, in no code. */
export function unmanagedFinding(live: LiveAssignment, directory: PrincipalDirectory): Finding {
  const role = live.roleName ?? live.roleGuid ?? live.roleDefinitionId;
  const what = live.kind === 'eligible' ? `An eligibility for "${role}"` : `"${role}"`;
  return {
    ruleId: AuditRuleId.UNMANAGED,
    severity: Severity.WARNING,
    message: `${what} at ${live.scope} (${live.scopeLevel}) for ${directory.describe(live)} is in the tenant, but no code declares it.`,
    address: live.id,
    file: live.file,
    fix: live.kind === 'standing'
      ? `Bring it under code (azure-access audit --emit-imports writes the import blocks), or remove it if nobody needs it: az role assignment delete --ids "${live.id}".`
      : 'Declare it (JustInTimeAccess, or azurerm_pim_eligible_role_assignment) and import it, or remove the eligibility in PIM if nobody needs it.',
  };
}

/** AUD002: declared and comparable, not in the tenant. */
export function missingFinding(declared: DeclaredAccess): Finding {
  const lookedFor = declared.principalId !== undefined && declared.scopeId !== undefined
    ? 'the same object ID, role and scope'
    : `the same role, a ${declared.scopeLevel} scope${declared.scopeName === undefined ? '' : ` named "${declared.scopeName}"`}`
      + ` and ${declared.principalId === undefined ? `a principal named "${declared.principalName}"` : `object ID ${declared.principalId}`}`;
  return {
    ruleId: AuditRuleId.MISSING_IN_TENANT,
    severity: Severity.WARNING,
    message: `declares ${declared.description}, which the tenant does not hold (no ${declared.kind === 'eligible' ? 'eligibility' : 'assignment'} with ${lookedFor}).`,
    ...located(declared),
    fix: 'Apply the configuration. If it was applied, find who removed it in the Activity Log (Microsoft.Authorization/roleAssignments/delete), '
      + 'and check that the export covers the grant\'s subscription.',
  };
}

/** AUD008: declared, but made of values known only after apply. */
export function notComparableFinding(declared: DeclaredAccess): Finding {
  return {
    ruleId: AuditRuleId.NOT_COMPARABLE,
    severity: Severity.INFO,
    message: `declares ${declared.description}, which cannot be compared with the tenant: ${declared.notComparable}.`,
    ...located(declared),
    fix: 'Audit the plan of the applied configuration (terraform plan, then terraform show -json): it holds the IDs known only after apply.',
  };
}

function located(declared: DeclaredAccess): Pick<Finding, 'address' | 'file' | 'constructPath'> {
  return {
    address: declared.origin.address,
    file: declared.origin.file,
    ...(declared.origin.constructPath === undefined ? {} : { constructPath: declared.origin.constructPath }),
  };
}
