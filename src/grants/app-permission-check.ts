import type { IConstruct } from 'constructs';
import { RuleId } from '../model/rule-id';
import { isRecordedByGuard } from '../private/guarded-stacks';
import { PrivilegeTier, tierLevel } from '../roles/privilege-tier';

/** What to do about a tier-0 permission without a reason: written once, for the error and the docs. */
export const TIER_ZERO_PERMISSION_FIX =
  'Grant a narrower permission if one does the job (e.g. a .Read. permission, or Sites.Selected instead of Sites.ReadWrite.All); ' +
  'for a real need, pass { justification: "<why this workload needs it>" } to grantAppPermission().';

/** What an application permission grant says about itself, for the tier-0 check. */
export interface AppPermissionFacts {
  /** The construct that reports the error. */
  readonly construct: IConstruct;
  /** The `azuread_app_role_assignment`, where the guard reports AZA022. */
  readonly resource: IConstruct;
  /** "managed identity uai-mailer". */
  readonly holder: string;
  /** "Microsoft Graph RoleManagement.ReadWrite.Directory (9e3f62cf-…)". */
  readonly permission: string;
  readonly tier: PrivilegeTier;
  readonly justification?: string;
}

/**
 * Adds the tier-0 decision to an application permission grant as a synth-time validation, like
 * the wide-scope check of role grants: a control-plane permission (one that can take over the
 * tenant) needs a written justification. AZA022 judges the same holding from the JSON; where an
 * AccessGuard in record mode recorded it on this grant, the grant stands aside, so synth goes on
 * and `azure-access check` reports it. Otherwise the grant decides, as it always has: a
 * suppressed or disabled AZA022 does not stand for a justification.
 */
export function checkTierZeroAtSynth(facts: AppPermissionFacts): void {
  facts.construct.node.addValidation({
    validate: () => {
      if (tierLevel(facts.tier) !== 0 || facts.justification !== undefined) return [];
      if (isRecordedByGuard(facts.resource, RuleId.WORKLOAD_TIER0_ENTRA)) return [];
      return [
        `${facts.holder} is granted ${facts.permission}, a tier 0 (${facts.tier}) application permission: it can take over the tenant, ` +
          `and has no justification. Fix: ${TIER_ZERO_PERMISSION_FIX}`,
      ];
    },
  });
}
