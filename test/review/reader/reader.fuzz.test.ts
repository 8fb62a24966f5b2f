import * as fc from 'fast-check';
import { fixtureText } from './fixtures';
import { InputError } from '../../../src/review/reader/input-error';
import { readHclText, readJsonText } from '../../../src/review/reader/read-inputs';
import { SourceDocument } from '../../../src/review/reader/source-document';
import { blocksOf } from '../../../src/review/terraform-json';

const RUNS = { numRuns: 300 };

type JsonPath = (string | number)[];

const VALID_DOCUMENTS: unknown[] = [
  JSON.parse(fixtureText('cdktf-out/stacks/ordering-api/cdk.tf.json')),
  JSON.parse(fixtureText('main.tf.json')),
  JSON.parse(fixtureText('plan.json')),
  { resource: { azurerm_role_assignment: { grant: [{ scope: '${azurerm_key_vault.kv.id}' }] } }, data: { azurerm_subscription: { current: [{}] } } },
];

/** What downstream code relies on: blocks with object bodies, and well-formed plan changes. */
function expectUsable(documents: SourceDocument[]): void {
  for (const document of documents) {
    for (const block of blocksOf(document.document)) expect(typeof block.body).toBe('object');
    for (const change of document.changes ?? []) {
      expect(typeof change.address).toBe('string');
      expect(change.actions.every((action) => typeof action === 'string')).toBe(true);
    }
  }
}

/** Reads fine, or fails with an InputError: never any other exception. */
function readsOrRejects(text: string): InputError | undefined {
  try {
    expectUsable(readJsonText('fuzz.json', text));
    return undefined;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    expect(error.message.startsWith('fuzz.json: ')).toBe(true);
    return error;
  }
}

function isJsonSyntaxError(text: string): boolean {
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
}

function pathsOf(value: unknown, prefix: JsonPath = []): JsonPath[] {
  const children: [string | number, unknown][] = Array.isArray(value) ? value.map((item, index) => [index, item])
    : typeof value === 'object' && value !== null ? Object.entries(value) : [];
  return [prefix, ...children.flatMap(([key, child]) => pathsOf(child, [...prefix, key]))];
}

function replaceAt(value: unknown, path: JsonPath, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path[path.length - 1]] = replacement;
  return copy;
}

const mutatedDocument = fc.tuple(fc.constantFrom(...VALID_DOCUMENTS), fc.nat(), fc.jsonValue({ maxDepth: 3 }))
  .map(([document, choice, replacement]) => {
    const paths = pathsOf(document);
    return replaceAt(document, paths[choice % paths.length], replacement);
  });

describe('the reader, fuzzed', () => {
  test('arbitrary JSON values read fine or throw InputError', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      readsOrRejects(JSON.stringify(value));
    }), RUNS);
  });

  test('arbitrary strings read fine or throw InputError', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.json()), (text) => {
      readsOrRejects(text);
    }), RUNS);
  });

  test('valid documents with a node replaced read fine or throw InputError', () => {
    fc.assert(fc.property(mutatedDocument, (document) => {
      readsOrRejects(JSON.stringify(document));
    }), RUNS);
  });

  test('keys that name Object.prototype members stay plain keys', () => {
    const keys = fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf');
    fc.assert(fc.property(mutatedDocument, keys, fc.jsonValue({ maxDepth: 2 }), (document, key, value) => {
      const text = JSON.stringify(document).replace(/^\{/, `{"resource":{"${key}":{"${key}":{"${key}":${JSON.stringify(value)}}}},`);
      readsOrRejects(text);
    }), RUNS);
  });

  test('every JSON syntax error is placed at a line and column', () => {
    const text = fc.tuple(fc.constantFrom(...VALID_DOCUMENTS), fc.boolean())
      .map(([document, pretty]) => JSON.stringify(document, null, pretty ? 2 : 0));
    const broken = fc.tuple(text, fc.nat(), fc.constantFrom('}', ']', ',', ':', '"', 'x', '', '{', '\u0001'))
      .map(([valid, at, inserted]) => {
        const cut = 1 + (at % (valid.length - 1));
        return `${valid.slice(0, cut)}${inserted}${inserted === '' ? '' : valid.slice(cut)}`;
      });
    fc.assert(fc.property(broken, (input) => {
      const error = readsOrRejects(input);
      if (!isJsonSyntaxError(input)) return;
      const [, line, column] = /^line (\d+), column (\d+)$/.exec(error?.place ?? '') ?? [];
      const lines = input.split('\n');
      expect(Number(line)).toBeGreaterThanOrEqual(1);
      expect(Number(line)).toBeLessThanOrEqual(lines.length);
      expect(Number(column)).toBeGreaterThanOrEqual(1);
      expect(Number(column)).toBeLessThanOrEqual(lines[Number(line) - 1].length + 1);
    }), RUNS);
  });

  test('arbitrary text read as HCL reads fine or throws InputError', async () => {
    const hclLike = fc.array(fc.constantFrom('resource', 'data', '"a"', '"b"', '{', '}', '=', '[', ']', '1', 'x', '\n', ' ', '"', '${', '#'))
      .map((tokens) => tokens.join(' '));
    await fc.assert(fc.asyncProperty(fc.oneof(fc.string(), hclLike), async (text) => {
      try {
        expectUsable([await readHclText('fuzz.tf', text)]);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
      }
    }), { numRuns: 100 });
  });
});
