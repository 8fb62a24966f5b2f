import { PrincipalKind } from '../../model/principal-kind';
import { parseReference } from '../reference';
import { text } from './block-values';
import { DocumentIndex } from './document-index';
import { GraphPrincipal } from './graph-types';
import { declaredPrincipalReference, normalizeAttribute } from './resolve-principal';

/**
 * `managed-identity:uai-api`: the kind and name survive a renamed construct; without a name,
 * the address and attribute (`azurerm_user_assigned_identity.api.principal_id`) are all there is.
 */
export function stablePrincipalKey(kind: PrincipalKind, name: string | undefined, addressAndAttribute: string): string {
  return name === undefined ? addressAndAttribute : `${kind}:${name.toLowerCase()}`;
}

/**
 * The principal a `principal_id` value resolved to, with its stable key: a literal object ID
 * is its own key, unless the document declares the principal with that ID (then it is keyed as
 * its reference); a reference to something named is its kind and that name (the name a system-
 * assigned identity gets from its resource); anything else is the value as written.
 */
export function withStableKey(principal: GraphPrincipal, asWritten: string, index: DocumentIndex): GraphPrincipal {
  // A literal ID of a principal the document declares is that principal, here as everywhere: the
  // same identity keeps one key across plans, and between a plan and the code.
  const value = declaredPrincipalReference(asWritten, index) ?? asWritten;
  const reference = parseReference(value);
  if (!value.includes('${') || !reference || principal.kind === 'unknown' || principal.definedBy === undefined) {
    return { ...principal, stableKey: value.includes('${') ? value : principal.key };
  }
  const body = index.get(reference.address)?.body;
  const written = text(body, 'name') ?? text(body, 'display_name') ?? text(body, 'user_principal_name');
  const attribute = normalizeAttribute(reference.attribute);
  const systemAssigned = attribute === 'identity.0.principal_id';
  const name = written === undefined || !systemAssigned ? written : `${written} (system-assigned)`;
  return { ...principal, stableKey: stablePrincipalKey(principal.kind, name, `${reference.address}.${attribute}`) };
}
