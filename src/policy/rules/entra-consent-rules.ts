import { RuleId } from '../../model/rule-id';
import { Severity } from '../../model/severity';
import { describePrincipal } from '../../review/graph/describe-principal';
import { mayBeMicrosoftGraph } from '../../review/graph/graph-api';
import { GraphDelegatedScope, GraphRequestedPermission } from '../../review/graph/graph-types';
import { PrivilegeTier } from '../../roles/privilege-tier';
import { Rule } from '../rule';

function scopeText(scope: GraphDelegatedScope): string {
  return scope.classified ? `"${scope.name}"`
    : `"${scope.name}" (neither the reviewed scope table nor an application permission of that name classifies it, so it counts as tier 0)`;
}

export const tenantWideTier0Consent: Rule = {
  id: RuleId.TENANT_WIDE_TIER0_CONSENT,
  title: 'Tenant-wide admin consent to a tier-0 delegated permission',
  defaultSeverity: Severity.ERROR,
  description:
    'azuread_service_principal_delegated_permission_grant with no user_object_id (or one that cannot be read) consents, for every user in the tenant, to a tier-0 delegated Microsoft Graph ' +
    'scope (Directory.ReadWrite.All, RoleManagement.ReadWrite.Directory, ...): whenever an administrator signs in to the application, it acts with their rights. ' +
    'Delegated scopes are rated by a reviewed table (data/graph-delegated-scopes.json: the sign-in scopes openid, profile, email, offline_access and User.Read are tier 2), '
    + 'else take the tier of the application permission of the same name (an upper bound); a scope with neither, or claim values that cannot be read, counts as tier 0.',
  fix: 'Consent for named users only (user_object_id), to the narrowest scopes the application needs; or let users consent for themselves to low-risk scopes.',
  check: (graph) =>
    graph.delegatedGrants
      .filter((g) => g.tenantWide && g.tier === PrivilegeTier.CONTROL_PLANE && mayBeMicrosoftGraph(g.api))
      .map((g) => {
        const api = g.api.kind === 'microsoft-graph' ? 'Microsoft Graph' : `an API that cannot be read (${g.api.name})`;
        const what = g.unreadScopes !== undefined
          ? `scopes that cannot be read (${g.unreadScopes}), so they count as tier 0,`
          : `the tier-0 scope(s) ${g.scopes.filter((s) => s.tier === PrivilegeTier.CONTROL_PLANE).map(scopeText).join(', ')}`;
        const who = g.user === undefined ? 'every user in the tenant' : `every user in the tenant (its user_object_id ${g.user.written} cannot be read, so it counts as none)`;
        return { origin: g.origin, message: `${describePrincipal(g.client)} is consented, for ${who}, ${what} of ${api}.` };
      }),
};

function requestText(r: GraphRequestedPermission): string {
  const kind = r.kind === 'application' ? 'application permission' : r.kind === 'delegated' ? 'delegated scope' : 'permission of unknown type';
  const api = r.api.kind === 'microsoft-graph' ? 'Microsoft Graph' : `an API that cannot be read (${r.api.name})`;
  const unclassified = r.classified ? '' : ', which cannot be classified, so it counts as tier 0';
  return `the ${kind} "${r.name}" of ${api}${unclassified}`;
}

export const requestedTier0Permission: Rule = {
  id: RuleId.REQUESTED_TIER0_PERMISSION,
  title: 'Application requests a tier-0 permission',
  defaultSeverity: Severity.INFO,
  description:
    'An application requests (required_resource_access, azuread_application_api_access) a tier-0 Microsoft Graph permission. A request holds nothing: ' +
    'this is no grant, but one admin consent away from one, so a reviewer should know it is asked for. A delegated scope requested by ID is named and rated '
    + 'from the reviewed scope table (data/graph-delegated-scopes.json); what cannot be named or classified counts as tier 0.',
  fix: 'Request only the permissions the application uses; nothing to do if the request is intended and consent is reviewed.',
  check: (graph) =>
    graph.requestedPermissions
      .filter((r) => r.tier === PrivilegeTier.CONTROL_PLANE && mayBeMicrosoftGraph(r.api))
      .map((r) => ({ origin: r.origin, message: `${r.application} requests ${requestText(r)}; not granted by this configuration.` })),
};
