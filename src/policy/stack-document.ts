import type { TerraformStack } from 'cdktf';
import { ownValue, setOwn } from '../model/own-keys';
import { cdktf } from '../private/cdktf-runtime';
import { TerraformDocument } from '../review/terraform-json';

/**
 * The stack's Terraform JSON as the guard reads it: every element's own JSON, with each token
 * resolved where it stands. `stack.toTerraform()` gives the same blocks, but walks the whole
 * tree twice more (stack metadata, then a second resolve of the merged document), which made the
 * guard cost half a synthesis on large stacks; synthesis resolves the stack again for the file
 * it writes, and the guard must not replace cdktf's methods to share that work.
 */
export function stackDocument(stack: TerraformStack): TerraformDocument {
  const { TerraformElement, Token, Tokenization, DefaultTokenResolver, StringConcat } = cdktf();
  const resolver = new DefaultTokenResolver(new StringConcat());
  const resolveToken = (value: unknown) => Tokenization.resolve(value, { scope: stack, preparing: false, resolver });
  // A string token stands for one value wherever it is used (an identity's principal ID in each of
  // its grants, a resource's ID in each grant on it): resolved once. Only text results are kept,
  // since a shared object could be changed through one of the places that hold it.
  const resolvedStrings = new Map<string, unknown>();
  const resolveString = (value: string) => {
    if (resolvedStrings.has(value)) return resolvedStrings.get(value);
    const resolved = resolveToken(value);
    if (typeof resolved === 'string') resolvedStrings.set(value, resolved);
    return resolved;
  };
  // Every string token carries `TfToken[`; a list token is an array holding one (`#{TfToken[...]}`).
  const isToken = (value: unknown) => (typeof value === 'string' ? value.includes('TfToken[') : Token.isUnresolved(value));
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return isToken(value) ? resolveString(value) : value;
    if (typeof value !== 'object' || value === null) return isToken(value) ? resolveToken(value) : value;
    if (Tokenization.isResolvable(value)) return resolveToken(value);
    // A list that holds a token is resolved whole, as cdktf resolves it (a list token expands).
    if (Array.isArray(value)) return value.some(isToken) ? resolveToken(value) : value.map(walk);
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      const resolved = walk(inner);
      // A key named `__proto__` (a resource name, say) stays a key.
      if (resolved !== undefined) setOwn(out, key, resolved);
    }
    return out;
  };
  const document: Record<string, unknown> = {};
  for (const element of stack.node.findAll()) {
    if (element instanceof TerraformElement && cdktf().TerraformStack.of(element) === stack) {
      mergeInto(document, walk(element.toTerraform()) as Record<string, unknown>);
    }
  }
  return document as TerraformDocument;
}

/** Merges one element's JSON into the document: blocks meet at their type and name. */
function mergeInto(target: Record<string, unknown>, fragment: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(fragment)) {
    // Own properties only: `constructor` or `__proto__` as a name must never reach Object.prototype.
    const existing = ownValue(target, key);
    if (isPlainObject(existing) && isPlainObject(value)) mergeInto(existing, value);
    else setOwn(target, key, Array.isArray(existing) && Array.isArray(value) ? [...existing, ...value] : value);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
