/** About this many characters a part: few writes, and never one string of the whole. */
const PART_CHARS = 64 * 1024;

/**
 * `JSON.stringify(object, null, 2)` and a newline, as parts to write one after another: the
 * bytes are the same, but no part holds more than one member or one element of an array member
 * (a tenant's audit lists a million findings, more than V8's longest string). Elements are made
 * as the parts are asked for, and joined into parts of about PART_CHARS. `elementOf` says what an
 * array member's element is written as, made as it is written (so no second array is held).
 */
export function* indentedJsonParts(
  object: Record<string, unknown>, elementOf: Readonly<Record<string, (element: unknown) => unknown>> = {},
): Generator<string> {
  // JSON leaves out a member that is undefined, a function or a symbol.
  const members = Object.keys(object).filter((key) => object[key] !== undefined && typeof object[key] !== 'function' && typeof object[key] !== 'symbol');
  if (members.length === 0) {
    yield '{}\n';
    return;
  }
  let part = '{\n';
  for (const [index, key] of members.entries()) {
    if (index > 0) part += ',\n';
    const value = object[key];
    if (!Array.isArray(value) || value.length === 0) {
      // One member alone, indented as in the whole: `{\n  "key": ...\n}` without its braces.
      part += JSON.stringify({ [key]: value }, null, 2).slice(2, -2);
      continue;
    }
    part += `  ${JSON.stringify(key)}: [`;
    const written = Object.hasOwn(elementOf, key) ? elementOf[key] : (element: unknown) => element;
    for (const [at, element] of value.entries()) {
      // An element JSON would write as null (undefined, a function) is null in an array too.
      part += `${at === 0 ? '' : ','}\n    ${(JSON.stringify(written(element), null, 2) ?? 'null').replace(/\n/g, '\n    ')}`;
      if (part.length >= PART_CHARS) {
        yield part;
        part = '';
      }
    }
    part += '\n  ]';
  }
  yield `${part}\n}\n`;
}

/** Lines of text, joined into parts of about PART_CHARS, each line made as the parts are asked for. */
export function* batchedLines(lines: Iterable<string>): Generator<string> {
  let part = '';
  for (const line of lines) {
    part += line;
    if (part.length >= PART_CHARS) {
      yield part;
      part = '';
    }
  }
  if (part !== '') yield part;
}
