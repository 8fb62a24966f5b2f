import { AuditRuleId } from './audit-rule-ids';
import { DeclaredAccess } from './declared-access';
import { LiveAssignment } from './live-types';
import { PrincipalDirectory } from './principal-directory';
import { Finding } from '../../model/finding';
import { Severity } from '../../model/severity';

/**
 * AUD001: in the tenant, in no code. A tenant may hold a million of these, so the message and the
 * fix are worked out when read (JSON, a table row), not kept: each finding holds its assignment
 * only. They are enumerable properties like any finding's, in the same order.
 */
export function unmanagedFinding(live: LiveAssignment, directory: PrincipalDirectory): Finding {
  const finding = { ruleId: AuditRuleId.UNMANAGED, severity: Severity.WARNING };
  Object.defineProperty(finding, LIVE, { value: live });
  Object.defineProperty(finding, DIRECTORY, { value: directory });
  Object.defineProperty(finding, 'message', UNMANAGED_MESSAGE);
  Object.assign(finding, { address: live.id, file: live.file });
  Object.defineProperty(finding, 'fix', UNMANAGED_FIX);
  return finding as Finding;
}

const LIVE = Symbol('live assignment');
const DIRECTORY = Symbol('principal directory');
type UnmanagedFinding = { readonly [LIVE]: LiveAssignment; readonly [DIRECTORY]: PrincipalDirectory };

// One getter for every finding: the findings share one shape.
const UNMANAGED_MESSAGE: PropertyDescriptor = {
  enumerable: true,
  get(this: UnmanagedFinding): string {
    const live = this[LIVE];
    const role = live.roleName ?? live.roleGuid ?? live.roleDefinitionId;
    const what = live.kind === 'eligible' ? `An eligibility for "${role}"` : `"${role}"`;
    return `${what} at ${live.scope} (${live.scopeLevel}) for ${this[DIRECTORY].describe(live)} is in the tenant, but no code declares it.`;
  },
};

const UNMANAGED_FIX: PropertyDescriptor = {
  enumerable: true,
  get(this: UnmanagedFinding): string {
    const live = this[LIVE];
    return live.kind === 'standing'
      ? `Bring it under code (azure-access audit --emit-imports writes the import blocks), or remove it if nobody needs it: az role assignment delete --ids "${live.id}".`
      : 'Declare it (JustInTimeAccess, or azurerm_pim_eligible_role_assignment) and import it, or remove the eligibility in PIM if nobody needs it.';
  },
};

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
export function notComparableFinding(declared: Pick<DeclaredAccess, 'description' | 'notComparable' | 'origin'>): Finding {
  return {
    ruleId: AuditRuleId.NOT_COMPARABLE,
    severity: Severity.INFO,
    message: `declares ${declared.description}, which cannot be compared with the tenant: ${declared.notComparable}.`,
    ...located(declared),
    fix: 'Audit the plan of the applied configuration (terraform plan, then terraform show -json): it holds the IDs known only after apply.',
  };
}

function located(declared: Pick<DeclaredAccess, 'origin'>): Pick<Finding, 'address' | 'file' | 'constructPath'> {
  return {
    address: declared.origin.address,
    file: declared.origin.file,
    ...(declared.origin.constructPath === undefined ? {} : { constructPath: declared.origin.constructPath }),
  };
}
