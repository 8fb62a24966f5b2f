import { InputError } from './input-error';

const UNEXPECTED_END = 'Unexpected end of JSON input';
// Node 20: "... in JSON at position 16"; Node 22 adds " (line 3 column 5)".
const AT_POSITION = / at position (\d+)(?: \(line \d+ column \d+\))?$/;
// Node 20 names the token but not where it is: "Unexpected token '}', "{"a":}" is not valid JSON",
// with the text cut down to `..."<around the token>"...` when it is long.
const UNEXPECTED_TOKEN = /^(Unexpected token [\s\S]*?), (?:\.\.\.)?"[\s\S]*"(?:\.\.\.)? is not valid JSON$/;

/** Parses JSON text, or throws an InputError that says the line and column of the mistake. */
export function parseJson(file: string, text: string): unknown {
  // Editors on Windows save a byte order mark; it is not part of the JSON.
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(json);
  } catch (error) {
    const { problem, offset } = explainSyntaxError(json, error instanceof Error ? error.message : UNEXPECTED_END);
    throw new InputError(file, problem, offset === undefined ? undefined : lineAndColumn(json, offset));
  }
}

function explainSyntaxError(text: string, message: string): { problem: string; offset?: number } {
  const positioned = AT_POSITION.exec(message);
  if (positioned) return { problem: message.slice(0, positioned.index), offset: Number(positioned[1]) };
  if (message === UNEXPECTED_END) return { problem: message, offset: text.length };
  const token = UNEXPECTED_TOKEN.exec(message);
  if (token) return { problem: `${token[1]} in JSON`, offset: offsetOfUnexpectedToken(text) };
  return { problem: message };
}

/**
 * Where JSON.parse met a token it does not name the position of. A prefix of the text that ends
 * before the mistake fails only "at its end" (unexpected end, or a position equal to its length),
 * one that includes it fails earlier; so the shortest failing prefix ends with the bad token.
 */
function offsetOfUnexpectedToken(text: string): number {
  let low = 1;
  let high = text.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (failsBeforeItsEnd(text.slice(0, middle))) high = middle;
    else low = middle + 1;
  }
  return high - 1;
}

function failsBeforeItsEnd(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return false;
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (message === UNEXPECTED_END) return false;
    const positioned = AT_POSITION.exec(message);
    return positioned ? Number(positioned[1]) < prefix.length : true;
  }
}

/** `line 3, column 5`, both counted from 1, as editors show them. */
export function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}
