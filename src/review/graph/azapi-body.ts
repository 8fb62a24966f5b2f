import { TerraformBlock } from '../terraform-json';
import { attributeOf, nestedBlock, nestedBlocks, text } from './block-values';

/** The body of an azapi resource as an object: written as one, or as JSON text. Undefined when it cannot be read. */
export function azapiBody(block: TerraformBlock): Record<string, unknown> | undefined {
  const body = attributeOf(block.body, 'body');
  if (typeof body === 'string') {
    if (body.startsWith('${') && body.endsWith('}') && !body.trimStart().startsWith('{')) return undefined;
    try {
      const parsed: unknown = JSON.parse(body);
      return isRecord(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
  return nestedBlocks(body)[0];
}

/** The managed identities an azapi body attaches, in ARM's own form. */
export interface AzapiBodyIdentity {
  /** `type` holds SystemAssigned: the resource has an identity of its own. */
  readonly systemAssigned: boolean;
  /** The keys of `userAssignedIdentities`: each identity's ID as written (`${azurerm_user_assigned_identity.db.id}`). */
  readonly userAssigned: readonly string[];
}

/**
 * The `identity` of an azapi body (`{ type = "UserAssigned", userAssignedIdentities = { (azurerm_user_assigned_identity.db.id) = {} } }`),
 * as ARM takes it: `azapi_update_resource` has no `identity` block, so this is how it attaches one.
 * Undefined when the body holds none, or cannot be read.
 */
export function azapiBodyIdentity(block: TerraformBlock): AzapiBodyIdentity | undefined {
  const identity = nestedBlock(attributeOf(azapiBody(block), 'identity'));
  if (identity === undefined) return undefined;
  const ids = nestedBlock(attributeOf(identity, 'userAssignedIdentities')) ?? {};
  return {
    systemAssigned: (text(identity, 'type') ?? '').toLowerCase().includes('systemassigned'),
    // An object key written as an expression is kept as HCL writes it, in parentheses: `${(x.id)}`.
    userAssigned: Object.keys(ids).map((key) => key.replace(/^\$\{\(([\s\S]*)\)\}$/, '${$1}')),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
