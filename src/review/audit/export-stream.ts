import { isUtf8 } from 'buffer';
import { closeSync, constants, fstatSync, openSync, readSync } from 'fs';
import { Tokenizer, TokenParser, TokenType } from '@streamparser/json';
import type { ParsedTokenInfo } from '@streamparser/json/utils/types/parsedTokenInfo.js';
import { LiveExport } from './live-types';
import { InputError } from '../reader/input-error';
import { fileSystemError, notRegularFile } from '../reader/read-file';
import { isRecord, JsonRecord, pointerTo } from '../reader/shape-check';

/**
 * How the items of one kind of live export are read. The export's outer shape is read here, once
 * for every kind; `read` sees one item at a time and names its own mistakes by JSON pointer.
 */
export interface ExportKind<T> {
  /** What the export is, for messages: `the output of "az role assignment list --all -o json"`. */
  readonly what: string;
  /**
   * `array`: a plain array of items, as `az ... -o json` prints it. `pages`: what Microsoft Graph
   * and ARM return: a page (`{"value": [...], "@odata.nextLink": ...}`), a JSON array of such pages
   * as a paging loop writes them, or a plain array of the items. `object`: only an object, its
   * items under `member`, as AzureHound writes its collection (`{"data": [...], "meta": {...}}`).
   */
  readonly shape: 'array' | 'pages' | 'object';
  /** The root object's member that holds the items: `value` (Graph and ARM; the default) or `data` (AzureHound). */
  readonly member?: 'value' | 'data';
  /**
   * Another member of the root object the kind checks, given whole once it is read (AzureHound's
   * `meta`); without it, the root's other members are passed over as before.
   */
  readonly header?: { readonly name: string; read(file: string, place: string, value: unknown): void };
  /**
   * The item at `place` (a JSON pointer), or undefined to pass it over; throws InputError.
   * `shared` gives back the first copy of a text seen in this export: scopes, roles and principals
   * repeat across a tenant's million assignments, and each is then kept once.
   */
  read(file: string, place: string, value: unknown, shared: (text: string) => string): T | undefined;
}

/**
 * The texts read so far, each kept once (see ExportKind.read). Given to every file of one kind, a
 * principal's ID and name are kept once for the whole tenant, not once a subscription's file.
 */
export type SharedTexts = Map<string, string>;

/** Bytes read at a time: the export is never one string (V8 cannot hold one past 512 MiB). */
const CHUNK_BYTES = 1024 * 1024;
const UTF8_BOM = [0xef, 0xbb, 0xbf];
const NEXT_LINK_KEYS = new Set(['@odata.nextLink', 'nextLink']);

/**
 * Reads a live export file as a stream of items: chunks of bytes go through a streaming JSON
 * parser, and each item is read and let go as it is complete, so a tenant's export of a million
 * assignments takes the memory of what is kept of it, not of its text. Only a regular file is read
 * (a FIFO or a device would be read for ever). Every mistake is an InputError with the file and a
 * line and column (the JSON itself) or a JSON pointer (its shape).
 */
export function readExportFile<T>(file: string, absolutePath: string, kind: ExportKind<T>, texts?: SharedTexts): LiveExport<T> {
  let fd: number;
  try {
    // eslint-disable-next-line no-bitwise -- open flags are bits
    fd = openSync(absolutePath, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw fileSystemError(file, error);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new InputError(file, notRegularFile(stats));
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    const chunks = function* (from = 0) {
      for (let position = from; ;) {
        const read = readChunk(file, fd, buffer, position);
        if (read === 0) return;
        position += read;
        yield buffer.subarray(0, read);
      }
    };
    return readExportChunks(file, chunks, kind, texts);
  } finally {
    closeSync(fd);
  }
}

/** The same reading over a text in memory (tests, and callers of the library that hold the text). */
export function readExportText<T>(file: string, text: string, kind: ExportKind<T>): LiveExport<T> {
  const bytes = Buffer.from(text, 'utf8');
  return readExportChunks(file, function* () {
    for (let at = 0; at < bytes.length; at += CHUNK_BYTES) yield bytes.subarray(at, at + CHUNK_BYTES);
  }, kind);
}

function readChunk(file: string, fd: number, buffer: Buffer, position: number): number {
  try {
    return readSync(fd, buffer, 0, buffer.length, position);
  } catch (error) {
    throw fileSystemError(file, error);
  }
}

/** The bytes of the export, from its start, as often as asked: a mistake's line is counted on a second pass. */
type Chunks = () => Iterable<Buffer>;

function readExportChunks<T>(file: string, chunks: Chunks, kind: ExportKind<T>, texts = new Map<string, string>()): LiveExport<T> {
  const reading = new ExportReading(file, kind, texts);
  // Bytes of JSON read so far: where the input ended, when it ended too soon.
  let offset = 0;
  const utf8 = new Utf8Check();
  try {
    for (const body of withoutByteOrderMark(chunks())) {
      // The parser would pass over a second mark too; JSON.parse, and so every other input, refuses it.
      if (offset === 0 && startsWithByteOrderMark(body)) throw new JsonSyntaxError('Unexpected byte order mark in JSON', 0);
      utf8.check(body, offset);
      offset += body.length;
      reading.write(body);
    }
    utf8.end(offset);
    return reading.end();
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    throw new InputError(file, error.problem, lineAndColumnAt(chunks, error.offset ?? offset));
  }
}

/** Editors on Windows save a byte order mark; it is not part of the JSON. */
function* withoutByteOrderMark(chunks: Iterable<Buffer>): Iterable<Buffer> {
  let first = true;
  for (const chunk of chunks) {
    yield first && startsWithByteOrderMark(chunk) ? chunk.subarray(UTF8_BOM.length) : chunk;
    first = false;
  }
}

/**
 * Whether the bytes are UTF-8, chunk by chunk: the parser reads a stray byte inside a string as
 * the start of a character and says only that the input ended. A character cut between two
 * chunks is checked with the next one.
 */
class Utf8Check {
  private pending = Buffer.alloc(0);

  check(chunk: Buffer, offset: number): void {
    const bytes = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const start = offset - this.pending.length;
    const whole = bytes.length - incompleteTail(bytes);
    if (!isUtf8(bytes.subarray(0, whole))) throw new JsonSyntaxError('Invalid UTF-8 in JSON', start + firstInvalidByte(bytes.subarray(0, whole)));
    this.pending = Buffer.from(bytes.subarray(whole));
  }

  /** A character the input ends inside of is invalid too. */
  end(offset: number): void {
    if (this.pending.length > 0) throw new JsonSyntaxError('Invalid UTF-8 in JSON', offset - this.pending.length);
  }
}

/** How many bytes at the end begin a character that has not ended yet (at most 3). */
function incompleteTail(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back];
    // eslint-disable-next-line no-bitwise -- UTF-8 is read by its bits
    if ((byte & 0xc0) === 0x80) continue;
    // eslint-disable-next-line no-bitwise
    // 0xF8 and above begin no character at all: invalid where they stand.
    const length = byte >= 0xf8 ? 1 : byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? back : 0;
  }
  return 0;
}

/** The offset of the first byte that is not UTF-8 (or the one after it): where the shortest invalid prefix ends. */
function firstInvalidByte(bytes: Buffer): number {
  // A prefix is valid when all of it is, but for a character it cuts: growing it never makes it valid again.
  const valid = (length: number) => {
    const prefix = bytes.subarray(0, length);
    return isUtf8(prefix.subarray(0, prefix.length - incompleteTail(prefix)));
  };
  let low = 1;
  let high = bytes.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (valid(middle)) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

const startsWithByteOrderMark = (bytes: Buffer): boolean => UTF8_BOM.every((byte, index) => bytes[index] === byte);

/** A mistake in the JSON text itself, at a byte offset of the export (after its byte order mark). */
class JsonSyntaxError extends Error {
  constructor(readonly problem: string, readonly offset?: number) {
    super(problem);
  }
}

/**
 * One export being read. Tokens are watched on their way to the parser for three things the
 * parser does not say: where the last one was (for its errors), what the root is (so the parser is
 * told which items to hand over, and nothing else is kept), and the root object's `nextLink`.
 */
class ExportReading<T> {
  private readonly tokenizer = new Tokenizer();
  private parser: TokenParser | undefined;
  private readonly items: T[] = [];
  private readonly shared: (text: string) => string;
  private rootIsArray = false;
  private lastOffset = 0;
  private depth = 0;
  private rootKey: string | undefined;
  private afterColon = false;
  private sawValue = false;
  private nextLink: string | undefined;
  /** An array's elements: `item` or `page`, as the first one was. */
  private elements: 'item' | 'page' | undefined;
  /** Items inside the element being read, kept until it shows it is a page (at most a page's items). */
  private pageItems: { index: number; value: unknown }[] = [];

  private readonly member: string;

  constructor(private readonly file: string, private readonly kind: ExportKind<T>, texts: SharedTexts) {
    this.member = kind.member ?? 'value';
    this.tokenizer.onToken = (token) => this.token(token);
    this.shared = (text) => {
      const kept = texts.get(text);
      if (kept !== undefined) return kept;
      texts.set(text, text);
      return text;
    };
  }

  write(bytes: Buffer): void {
    try {
      this.tokenizer.write(bytes);
    } catch (error) {
      throw this.syntaxError(error);
    }
  }

  end(): LiveExport<T> {
    try {
      // A number at the root is only a token once the input ends.
      if (!this.tokenizer.isEnded) this.tokenizer.end();
      // The parser ends itself when the root is complete; one still parsing was cut short.
      if (this.parser !== undefined && !this.parser.isEnded) this.parser.end();
    } catch (error) {
      throw this.syntaxError(error);
    }
    if (this.parser === undefined) throw new JsonSyntaxError('Unexpected end of JSON input');
    if (!this.rootIsArray && !this.sawValue) throw this.wrongRoot(`an object without "${this.member}"`);
    return { file: this.file, items: this.items, ...(this.nextLink === undefined ? {} : { nextLink: this.nextLink }) };
  }

  private token(token: ParsedTokenInfo): void {
    this.lastOffset = token.offset;
    this.parser ??= this.parserFor(token.token);
    if (this.rootIsArray) {
      // An array has no members of its own to watch: from here on, each token only passes by.
      const parser = this.parser;
      this.tokenizer.onToken = (next) => {
        this.lastOffset = next.offset;
        parser.write(next);
      };
    } else {
      if (this.depth === 1) this.rootMember(token.token, token.value);
      if (token.token === TokenType.LEFT_BRACE || token.token === TokenType.LEFT_BRACKET) this.depth += 1;
      else if (token.token === TokenType.RIGHT_BRACE || token.token === TokenType.RIGHT_BRACKET) this.depth -= 1;
      this.afterColon = token.token === TokenType.COLON;
    }
    this.parser.write(token);
  }

  /** The parser hands over only the items (and, in an array, its elements), so nothing else is built. */
  private parserFor(first: TokenType): TokenParser {
    if (first === TokenType.LEFT_BRACKET && this.kind.shape !== 'object') this.rootIsArray = true;
    else if (first !== TokenType.LEFT_BRACE || this.kind.shape === 'array') throw this.wrongRoot(describeToken(first));
    const header = this.kind.header;
    const paths = this.rootIsArray ? ['$.*', '$.*.value.*'] : [`$.${this.member}.*`, ...(header === undefined ? [] : [`$.${header.name}`])];
    const parser = new TokenParser({ paths, keepStack: false });
    parser.onValue = ({ value, key, stack }) => (typeof key === 'string' && header !== undefined && stack.length === 1
      ? header.read(this.file, pointerTo('', key), value)
      : this.value(value, key as number, stack.length));
    return parser;
  }

  /** A token of the root object's own members: which one it is, `value`'s type, the `nextLink`. */
  private rootMember(token: TokenType, value: unknown): void {
    if (!this.afterColon) {
      if (token === TokenType.STRING) this.rootKey = value as string;
    } else if (this.rootKey === this.member) {
      if (token !== TokenType.LEFT_BRACKET) throw new InputError(this.file, `expected an array (${this.kind.what}), got ${describeToken(token)}`, `/${this.member}`);
      this.sawValue = true;
    } else if (this.rootKey !== undefined && NEXT_LINK_KEYS.has(this.rootKey) && token === TokenType.STRING) {
      this.nextLink = value as string;
    }
  }

  private value(value: unknown, key: number, depth: number): void {
    if (!this.rootIsArray) return this.item(pointerTo(`/${this.member}`, key), value);
    if (depth === 3) return void this.pageItems.push({ index: key, value });
    const place = pointerTo('', key);
    const isPage = this.kind.shape === 'pages' && isRecord(value) && Array.isArray(value.value) && !Object.hasOwn(value, 'id');
    this.elements ??= isPage ? 'page' : 'item';
    const pageItems = this.pageItems;
    this.pageItems = [];
    if (this.elements === 'item') {
      if (isPage) throw new InputError(this.file, 'expected an item like the first element, got a page (an object with "value"): give items, or only pages', place);
      return this.item(place, value);
    }
    if (!isPage) throw new InputError(this.file, `expected a page (an object with "value" and no "id") like the first element (${this.kind.what})`, place);
    for (const { index, value: item } of pageItems) this.item(pointerTo(pointerTo(place, 'value'), index), item);
    // The last page's link says whether pages are missing after it.
    const link = (value as JsonRecord)['@odata.nextLink'] ?? (value as JsonRecord).nextLink;
    this.nextLink = typeof link === 'string' ? link : undefined;
  }

  private item(place: string, value: unknown): void {
    const item = this.kind.read(this.file, place, value, this.shared);
    if (item !== undefined) this.items.push(item);
  }

  private wrongRoot(got: string): InputError {
    const expected = this.kind.shape === 'array' ? 'an array' : this.kind.shape === 'object' ? `an object with "${this.member}"`
      : 'an object with "value", or an array of items or of such pages';
    return new InputError(this.file, `expected ${expected} (${this.kind.what}), got ${got}`);
  }

  /** The parser's error as the JSON mistake it is, at the byte it names or at the last token. */
  private syntaxError(error: unknown): unknown {
    if (error instanceof InputError) return error;
    const message = error instanceof Error ? error.message : String(error);
    const at = /^(Unexpected ".*") at chunk position "\d+" \(absolute position "(\d+)"\) in state (\w+)$/.exec(message);
    if (at !== null) return new JsonSyntaxError(at[3] === 'ENDED' ? 'Unexpected text after the JSON value' : `${at[1]} in JSON`, Number(at[2]));
    if (/ended in/i.test(message)) return new JsonSyntaxError('Unexpected end of JSON input');
    const token = /^Unexpected \w+ \((.*)\) in state (\w+)$/.exec(message);
    if (token === null) return new JsonSyntaxError(message, this.lastOffset);
    return new JsonSyntaxError(token[2] === 'ENDED' ? 'Unexpected text after the JSON value' : `Unexpected ${token[1]} in JSON`, this.lastOffset);
  }
}

function describeToken(token: TokenType): string {
  switch (token) {
    case TokenType.LEFT_BRACE: return 'an object';
    case TokenType.LEFT_BRACKET: return 'an array';
    case TokenType.STRING: return 'a string';
    case TokenType.NUMBER: return 'a number';
    case TokenType.TRUE: case TokenType.FALSE: return 'a boolean';
    case TokenType.NULL: return 'null';
    default: return 'no value';
  }
}

/** `line 3, column 5` of a byte offset, counted on a second pass over the bytes, as editors count characters. */
function lineAndColumnAt(chunks: Chunks, offset: number): string {
  let line = 1;
  let lineStart: Buffer[] = [];
  let seen = 0;
  for (const chunk of withoutByteOrderMark(chunks())) {
    const part = chunk.subarray(0, Math.max(0, offset - seen));
    let from = 0;
    for (let newline = part.indexOf(0x0a); newline !== -1; newline = part.indexOf(0x0a, newline + 1)) {
      line += 1;
      from = newline + 1;
      lineStart = [];
    }
    lineStart.push(Buffer.from(part.subarray(from)));
    seen += chunk.length;
    if (seen >= offset) break;
  }
  return `line ${line}, column ${Buffer.concat(lineStart).toString('utf8').length + 1}`;
}
