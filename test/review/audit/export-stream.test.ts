import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { ExportKind, readExportFile, readExportText } from '../../../src/review/audit/export-stream';
import { InputError } from '../../../src/review/reader/input-error';
import { expectRecord } from '../../../src/review/reader/shape-check';

/** Items as the reader hands them over: where each was, and what it held. */
const kindOf = (shape: ExportKind<unknown>['shape']): ExportKind<{ place: string; value: unknown }> => ({
  what: 'a test export',
  shape,
  read: (file, place, value) => {
    expectRecord(file, place, value, 'an object (an item)');
    return { place, value };
  },
});
const PAGES = kindOf('pages');
const ARRAY = kindOf('array');

function errorOf(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('the outer shapes of an export', () => {
  test('a Graph page: the items of "value", and its nextLink', () => {
    const read = readExportText('g.json', JSON.stringify({ '@odata.context': 'c', 'value': [{ id: 'a' }, { id: 'b' }], '@odata.nextLink': 'https://graph/next' }), PAGES);
    expect(read.items).toEqual([{ place: '/value/0', value: { id: 'a' } }, { place: '/value/1', value: { id: 'b' } }]);
    expect(read.nextLink).toBe('https://graph/next');
  });

  test('an ARM page says nextLink without @odata, after or before its items', () => {
    expect(readExportText('a.json', '{"nextLink": "https://arm/next", "value": [{"id": "x"}]}', PAGES).nextLink).toBe('https://arm/next');
    expect(readExportText('a.json', '{"value": [], "nextLink": null}', PAGES)).toEqual({ file: 'a.json', items: [] });
  });

  test('an array of pages, as a paging loop writes them: every page\'s items, the last page\'s nextLink', () => {
    const pages = [{ 'value': [{ id: 'a' }], '@odata.nextLink': 'p2' }, { value: [{ id: 'b' }, { id: 'c' }] }];
    const read = readExportText('p.json', JSON.stringify(pages), PAGES);
    expect(read.items.map((i) => i.place)).toEqual(['/0/value/0', '/1/value/0', '/1/value/1']);
    expect(read.items.map((i) => (i.value as { id: string }).id)).toEqual(['a', 'b', 'c']);
    expect(read.nextLink).toBeUndefined();
    const cut = readExportText('p.json', JSON.stringify([pages[0]]), PAGES);
    expect(cut.nextLink).toBe('p2');
  });

  test('a plain array of items, whose own "value" arrays stay theirs', () => {
    const read = readExportText('i.json', JSON.stringify([{ id: 'a', value: [{ id: 'inner' }] }, { id: 'b' }]), PAGES);
    expect(read.items).toEqual([{ place: '/0', value: { id: 'a', value: [{ id: 'inner' }] } }, { place: '/1', value: { id: 'b' } }]);
  });

  test.each([
    ['an array-only export given a page', '{"value": []}', ARRAY, undefined, /^x\.json: expected an array \(a test export\), got an object$/],
    ['a string at the root', '"value"', PAGES, undefined, /expected an object with "value", or an array of items or of such pages \(a test export\), got a string$/],
    ['an object without "value"', '{"items": []}', PAGES, undefined, /got an object without "value"$/],
    ['a "value" that is an object', '{"value": {"id": "a"}}', PAGES, '/value', /expected an array \(a test export\), got an object$/],
    ['a page after items', '[{"id": "a"}, {"value": []}]', PAGES, '/1', /expected an item like the first element, got a page/],
    ['an item after pages', '[{"value": []}, {"id": "a"}]', PAGES, '/1', /expected a page \(an object with "value" and no "id"\) like the first element/],
    ['an item that is no object', '[{"id": "a"}, 7]', PAGES, '/1', /expected an object \(an item\), got a number/],
  ])('%s is an InputError with its place', (_what, text, kind, place, message) => {
    const error = errorOf(() => readExportText('x.json', text, kind as ExportKind<unknown>));
    expect(error.file).toBe('x.json');
    expect(error.place).toBe(place);
    expect(error.message).toMatch(message);
  });
});

describe('mistakes in the JSON itself, by line and column', () => {
  test.each([
    ['a token out of place', '[\n  {"id": "a"},\n  {"id": }\n]', 'line 3, column 10', 'Unexpected "}" in JSON'],
    ['a character that is no JSON', '[\n  {"id": "é"},\n  x\n]', 'line 3, column 3', 'Unexpected "x" in JSON'],
    ['characters before the mistake counted as characters, not bytes', '[{"id": "ééé"}, x]', 'line 1, column 17', 'Unexpected "x" in JSON'],
    ['an export cut short', '[\n  {"id": "a"},\n  {"id"', 'line 3, column 8', 'Unexpected end of JSON input'],
    ['an empty file', '', 'line 1, column 1', 'Unexpected end of JSON input'],
    ['text after the JSON', '[{"id": "a"}]\n]', 'line 2, column 1', 'Unexpected text after the JSON value'],
  ])('%s', (_what, text, place, problem) => {
    const error = errorOf(() => readExportText('bad.json', text, PAGES));
    expect(error.place).toBe(place);
    expect(error.message).toBe(`bad.json: ${place}: ${problem}`);
  });

  test.each([
    ['a byte that is no UTF-8, inside a string', Buffer.from('[{"id": "a\xff"}]', 'latin1'), 'line 1, column 11'],
    ['a character cut short by the next one', Buffer.concat([Buffer.from('[\n  {"id": "'), Buffer.from([0xc3]), Buffer.from('A"}]')]), 'line 2, column 12'],
    ['a character cut short by the end of the file', Buffer.concat([Buffer.from('[{"id": "a'), Buffer.from([0xe2, 0x82])]), 'line 1, column 11'],
  ])('%s is invalid UTF-8, said as such', (_what, bytes, place) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'export-utf8-'));
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, bytes);
    const error = errorOf(() => readExportFile('bad.json', file, PAGES));
    expect(error.message).toBe(`bad.json: ${place}: Invalid UTF-8 in JSON`);
    rmSync(dir, { recursive: true, force: true });
  });

  test('a byte order mark is not part of the JSON, nor of the columns', () => {
    expect(readExportText('bom.json', '\ufeff[{"id": "a"}]', PAGES).items).toHaveLength(1);
    expect(errorOf(() => readExportText('bom.json', '\ufeff[x]', PAGES)).place).toBe('line 1, column 2');
    // One mark is an editor's; a second is part of the text, as JSON.parse reads it.
    expect(errorOf(() => readExportText('bom.json', '\ufeff\ufeff[]', PAGES)).message).toBe('bom.json: line 1, column 1: Unexpected byte order mark in JSON');
  });
});

describe('reading a file as a stream', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'export-stream-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('items that cross the chunks, multi-byte characters cut between them, read as JSON.parse reads them', () => {
    // Over 3 MiB, so the 1 MiB chunks end inside strings and inside the two bytes of "é".
    const items = Array.from({ length: 24_000 }, (_, i) => ({ id: `item-${i}`, name: `é${'x'.repeat(i % 7)}é`, tags: { n: i, ok: i % 2 === 0, none: null }, list: [1.5, -2e3, 'ü'] }));
    const file = path.join(dir, 'big.json');
    const text = JSON.stringify({ value: items }, null, 2);
    expect(Buffer.byteLength(text)).toBeGreaterThan(3 * 1024 * 1024);
    writeFileSync(file, text);
    const read = readExportFile('big.json', file, PAGES);
    expect(read.items).toHaveLength(items.length);
    expect(read.items.map((i) => i.value)).toEqual(items);
    expect(read.items[23_999].place).toBe('/value/23999');
  });

  test('a mistake past the first chunk is placed by line and column', () => {
    const lines = Array.from({ length: 40_000 }, (_, i) => `  {"id": "item-${i}", "name": "é"},`);
    const file = path.join(dir, 'late.json');
    writeFileSync(file, `[\n${lines.join('\n')}\n  {"id": tru}\n]`);
    const error = errorOf(() => readExportFile('late.json', file, PAGES));
    expect(error.place).toBe('line 40002, column 13');
    expect(error.message).toMatch(/Unexpected "}" in JSON$/);
  });

  test.each([
    ['a missing file', (d: string) => path.join(d, 'absent.json'), 'no such file or directory'],
    ['a directory', (d: string) => { mkdirSync(path.join(d, 'sub')); return path.join(d, 'sub'); }, 'is a directory'],
    ['a FIFO, which would be read for ever', (d: string) => { execFileSync('mkfifo', [path.join(d, 'pipe')]); return path.join(d, 'pipe'); }, 'is a FIFO (named pipe), not a regular file'],
  ])('%s is refused with its name', (_what, make, problem) => {
    const error = errorOf(() => readExportFile('given.json', make(dir), PAGES));
    expect(error.message).toBe(`given.json: ${problem}`);
  });
});
