
/**
 * An attribute's own value: attribute names come from the input too (`${x.y.constructor}`), and
 * `body[attribute]` would answer Object.prototype's members for them.
 */
export function attributeOf(body: Record<string, unknown> | undefined, attribute: string): unknown {
  return body !== undefined && Object.hasOwn(body, attribute) ? body[attribute] : undefined;
}

/**
 * Nested blocks are objects in cdktf JSON (`"schedule": {...}`) and arrays of objects in
 * hcl2json output (`"schedule": [{...}]`); these read both.
 */
export function nestedBlocks(value: unknown): Record<string, unknown>[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.filter(isBlock);
}

/** The first of nestedBlocks(value), without building the list: it is asked of every block of a large stack. */
export function nestedBlock(value: unknown): Record<string, unknown> | undefined {
  if (!Array.isArray(value)) return isBlock(value) ? value : undefined;
  return value.find(isBlock);
}

function isBlock(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function text(body: Record<string, unknown> | undefined, attribute: string): string | undefined {
  return textValue(attributeOf(body, attribute));
}

/**
 * An attribute's value as text, as `text` reads it, for code that reads the attribute itself:
 * `textValue(body.scope)`. Only for an argument name the code writes that no object inherits
 * (`scope`, `principal_id`; never a name taken from the input): the read is then the body's own.
 * The role assignments of a large stack are read this way, seven arguments each.
 */
export function textValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** True, false, or undefined when absent; a reference or anything else counts as `unknown`. */
export function flag(body: Record<string, unknown> | undefined, attribute: string): boolean | 'unknown' | undefined {
  const value = attributeOf(body, attribute);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return 'unknown';
}

export function strings(body: Record<string, unknown> | undefined, attribute: string): string[] {
  const value = attributeOf(body, attribute);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
