import { delegatedScopeTier } from '../../roles/delegated-scope-tier';
import { APPLICATION_DEFINED, PermissionTier, widestPermissionTier } from '../../roles/permission-tier';
import { PrivilegeTier } from '../../roles/privilege-tier';
import { TerraformBlock } from '../terraform-json';
import { attributeOf, text } from './block-values';
import { DocumentIndex } from './document-index';
import { apiOf, principalOf } from './entra-access';
import { isApplicationDefined } from './graph-api';
import { GraphApi, GraphDelegatedGrant, GraphDelegatedScope, GraphPrincipal, Origin } from './graph-types';

type OriginOf = (block: TerraformBlock) => Origin;

/**
 * A delegated scope with its tier: Microsoft Graph's (or an API that cannot be read, which may be
 * Graph) from the reviewed table or the application permission of the same name
 * (src/roles/delegated-scope-tier.ts); an application of the tenant's is application-defined;
 * any other API's is classified by nobody, so tier 0 unclassified.
 */
export function delegatedScopeOf(name: string, api: GraphApi): GraphDelegatedScope {
  if (isApplicationDefined(api)) return { name, tier: APPLICATION_DEFINED, classified: true };
  if (api.kind === 'other') return { name, tier: PrivilegeTier.CONTROL_PLANE, classified: false };
  const { tier, classified } = delegatedScopeTier(name);
  return { name, tier, classified };
}

/** The widest tier of some scopes; none counts as tier 0 (nothing to go by). */
export function widestScopeTier(scopes: readonly GraphDelegatedScope[]): PermissionTier {
  return widestPermissionTier(scopes.map((s) => s.tier));
}

/** Whether a `user_object_id` names one user for certain: a literal object ID, or a reference to a user (any principal the document declares). */
function namesOneUser(user: GraphPrincipal): boolean {
  return user.definedBy !== undefined || !(user.written ?? '').includes('${');
}

/**
 * Admin consents to delegated permissions: who (the client service principal) may call which API
 * with which scopes, for one user or, with no `user_object_id`, for every user in the tenant.
 */
export function readDelegatedGrants(index: DocumentIndex, origin: OriginOf): GraphDelegatedGrant[] {
  return index.ofType('azuread_service_principal_delegated_permission_grant').map((block) => {
    const api = apiOf(text(block.body, 'resource_service_principal_object_id'), index);
    const claims = attributeOf(block.body, 'claim_values');
    const readable = Array.isArray(claims) && claims.every((c) => typeof c === 'string' && !c.includes('${'));
    const scopes = readable ? (claims as string[]).map((name) => delegatedScopeOf(name, api)) : [];
    const user = text(block.body, 'user_object_id');
    const userPrincipal = user === undefined ? undefined : principalOf(user, index);
    return {
      origin: origin(block),
      client: principalOf(text(block.body, 'service_principal_object_id'), index),
      api,
      scopes,
      ...(readable ? {} : { unreadScopes: JSON.stringify(claims ?? null) }),
      ...(userPrincipal === undefined ? {} : { user: userPrincipal }),
      tenantWide: userPrincipal === undefined || !namesOneUser(userPrincipal),
      tier: readable ? widestScopeTier(scopes) : PrivilegeTier.CONTROL_PLANE,
    };
  });
}
