import { batchedLines, indentedJsonParts } from '../../src/review/json-parts';

describe('indentedJsonParts', () => {
  test.each([
    ['members of every kind', { a: 1, b: 'two', c: null, d: { e: [1, { f: 'g' }] }, h: [], i: {} }],
    ['arrays of objects, arrays and scalars', { list: [{ x: 1, y: [2, 3] }, [4, [5]], 'six', null, 7.5, true] }],
    ['members JSON leaves out', { a: undefined, b: () => 1, c: [undefined, () => 1], d: 'kept' }],
    ['a text with line breaks and quotes', { text: ['line\nbreak "quoted"\u2028'] }],
    ['nothing', {}],
    ['only members left out', { a: undefined }],
  ])('%s: the same bytes as JSON.stringify(object, null, 2) and a newline', (_what, object) => {
    const parts = [...indentedJsonParts(object as Record<string, unknown>)];
    expect(parts.length).toBeGreaterThan(0);
    expect(parts.join('')).toBe(`${JSON.stringify(object, null, 2)}\n`);
  });

  test('a long array is written in parts of about 64 KiB, none holding the whole', () => {
    const object = { findings: Array.from({ length: 20_000 }, (_, i) => ({ id: i, message: `finding ${i} ${'x'.repeat(40)}` })) };
    const parts = [...indentedJsonParts(object)];
    const whole = `${JSON.stringify(object, null, 2)}\n`;
    expect(parts.join('')).toBe(whole);
    expect(parts.length).toBeGreaterThan(10);
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThan(70 * 1024);
  });
});

describe('batchedLines', () => {
  test('joins lines into parts, keeping every line and its order', () => {
    const lines = Array.from({ length: 5_000 }, (_, i) => `${'y'.repeat(30)} ${i}\n`);
    const parts = [...batchedLines(lines)];
    expect(parts.join('')).toBe(lines.join(''));
    expect(parts.length).toBeGreaterThan(1);
    expect([...batchedLines([])]).toEqual([]);
  });
});
