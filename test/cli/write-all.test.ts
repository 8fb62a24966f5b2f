import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { PIECE, writeAll } from '../../src/cli/write-all';

/** The bytes writeAll puts in a file for `text`. */
function written(text: string): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), 'azure-access-write-all-'));
  const file = path.join(dir, 'out');
  const fd = openSync(file, 'w');
  try {
    writeAll(fd, text);
  } finally {
    closeSync(fd);
  }
  const bytes = readFileSync(file);
  rmSync(dir, { recursive: true, force: true });
  return bytes;
}

describe('writeAll writes a long text in pieces, and the bytes are the text as UTF-8', () => {
  test('a character of two UTF-16 halves across the end of a piece is written whole', () => {
    const text = `${'a'.repeat(PIECE - 1)}😀${'b'.repeat(10)}`;
    expect(text.charCodeAt(PIECE - 1)).toBe(0xd83d); // the high half is the piece's last character
    const bytes = written(text);
    expect(bytes.equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(bytes.subarray(PIECE - 1, PIECE + 3).toString('utf8')).toBe('😀');
  });

  test('a lone high half at the end of a piece is written as UTF-8 writes it, once', () => {
    const text = `${'a'.repeat(PIECE - 1)}\ud83dx`;
    const bytes = written(text);
    expect(bytes.equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(bytes.length).toBe(PIECE - 1 + 3 + 1);
  });

  test('a text of several pieces with characters of every UTF-8 length', () => {
    const text = 'aé€😀'.repeat(3 * PIECE / 5 + 7);
    expect(text.length).toBeGreaterThan(2 * PIECE);
    expect(written(text).equals(Buffer.from(text, 'utf8'))).toBe(true);
  });

  test('an empty text writes nothing', () => {
    expect(written('').length).toBe(0);
  });
});
