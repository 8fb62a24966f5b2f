import type { DirectoryRoleEligibilityScheduleRequest } from '@cdktf/provider-azuread/lib/directory-role-eligibility-schedule-request';
import { Construct } from 'constructs';
import { checkHumanOrGroup, checkJustification } from './pim-checks';
import { checkRoleAssignableAtSynth } from './role-assignable-check';
import { GUID_PATTERN } from '../model/guid';
import type { IPrincipal } from '../model/principal';
import { isUnresolved } from '../private/cdktf-runtime';
import { azureadPim } from '../private/pim-providers';
import { recordPrincipal } from '../private/record-metadata';
import { EntraRole } from '../roles/entra-role';

const DIRECTORY_SCOPE = new RegExp(`^/(?:administrativeUnits/${GUID_PATTERN}|${GUID_PATTERN})?$`, 'i');

/** Properties of an Entra directory role eligibility. */
export interface DirectoryRoleEligibilityProps {
  /** Who may activate the role: a user, or a role-assignable group (an `azuread_group` resource without `assignableToRole: true` fails synthesis). */
  readonly principal: IPrincipal;
  /** The directory role, e.g. `DirectoryRole.APPLICATION_ADMINISTRATOR`; written by template ID. */
  readonly role: EntraRole;
  /** Why the principal is eligible, recorded with the request for audit. */
  readonly justification: string;
  /**
   * Where the role applies: `/` for the whole tenant, `/administrativeUnits/<id>` for an
   * administrative unit, or `/<application object ID>` for one application.
   * @default "/"
   */
  readonly directoryScopeId?: string;
}

/**
 * Eligibility for a Microsoft Entra directory role
 * (`azuread_directory_role_eligibility_schedule_request`), by the role's template ID from the
 * Entra catalog (`DirectoryRole.*`).
 *
 * **This eligibility never expires.** The azuread provider sends no schedule for it, so Entra
 * records it as permanent: it lasts until the resource is destroyed. When eligibility must end
 * on a date, use PIM for Groups instead: assign the directory role to a role-assignable group
 * and make people eligible for membership of that group with `GroupEligibility`, whose
 * schedule can expire (`PimSchedule.afterDuration(Duration.days(180))`).
 */
export class DirectoryRoleEligibility extends Construct {
  /** The user or role-assignable group that may activate the role. */
  public readonly principal: IPrincipal;
  /** The directory role the principal may activate. */
  public readonly role: EntraRole;
  /** Why the principal is eligible, as recorded with the request. */
  public readonly justification: string;
  /** Where the role applies: `/` for the whole tenant, or an administrative unit or application. */
  public readonly directoryScopeId: string;
  /** Always true: see the class documentation. */
  public readonly isPermanent: boolean = true;
  /** The `azuread_directory_role_eligibility_schedule_request` resource. */
  public readonly resource: DirectoryRoleEligibilityScheduleRequest;

  /**
   * @param scope the construct to define this one in (a stack, or a construct inside one)
   * @param id the construct ID, unique among its siblings and part of the path that messages name
   * @param props who may activate which directory role, where in the directory, and why
   */
  constructor(scope: Construct, id: string, props: DirectoryRoleEligibilityProps) {
    super(scope, id);
    const path = this.node.path;
    this.principal = checkHumanOrGroup(path, props.principal, 'principal');
    if (!(props.role instanceof EntraRole)) {
      throw new Error(
        `${path}: role is not a directory role. Accepted: an EntraRole such as DirectoryRole.GLOBAL_ADMINISTRATOR or DirectoryRole.fromName('...'); ` +
          'Azure resource roles (BuiltInRole.*) go to EligibleRoleAssignment.',
      );
    }
    this.role = props.role;
    this.justification = checkJustification(path, props.justification);
    const directoryScopeId = props.directoryScopeId ?? '/';
    if (!isUnresolved(directoryScopeId) && !DIRECTORY_SCOPE.test(directoryScopeId)) {
      throw new Error(
        `${path}: directoryScopeId "${directoryScopeId}" is not accepted. Accepted: "/" (tenant), "/administrativeUnits/<object-id>" ` +
          'or "/<application object-id>".',
      );
    }
    this.directoryScopeId = directoryScopeId;

    const { DirectoryRoleEligibilityScheduleRequest: Resource } = azureadPim.directoryRoleEligibilityScheduleRequest();
    this.resource = new Resource(this, 'Resource', {
      roleDefinitionId: this.role.templateId,
      principalId: this.principal.principalId,
      directoryScopeId,
      justification: this.justification,
    });
    recordPrincipal(this.resource, this.principal);
    checkRoleAssignableAtSynth(this, this.principal, 'principal');
  }
}
