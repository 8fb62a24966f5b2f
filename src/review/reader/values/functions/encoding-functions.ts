import { createHash } from 'crypto';
import { asString } from './arguments';
import { FunctionTable } from './function-spec';
import { jsonText } from './json-text';
import { setOwn } from '../../../../model/own-keys';
import { EvaluationError } from '../evaluation-error';
import { MAX_EXPRESSION_DEPTH } from '../expression-parser';
import { Value } from '../value';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function base64decode(text: string): string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new EvaluationError('failed to decode base64 data');
  try {
    return UTF8.decode(Buffer.from(text, 'base64'));
  } catch {
    throw new EvaluationError('the result of decoding the provided string is not valid UTF-8');
  }
}

/** Go's url.QueryEscape: letters, digits and `-_.~` stay; a space is `+`; every other byte is `%XX`. */
function urlencode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(ch)) out += ch;
    else if (ch === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** How deep a decoded value may nest: no deeper than an expression may (the walks over it recurse). */
function checkNesting(value: unknown, depth = 0): void {
  const stack: [unknown, number][] = [[value, depth]];
  while (stack.length > 0) {
    const [node, level] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (level >= MAX_EXPRESSION_DEPTH) throw new EvaluationError(`the JSON nests more than ${MAX_EXPRESSION_DEPTH} levels deep`);
    for (const child of Object.values(node)) stack.push([child, level + 1]);
  }
}

/** RFC 4180 as Go's encoding/csv reads it: a header row, then rows of as many fields. */
function csvdecode(text: string): Value {
  const rows = csvRows(text);
  if (rows.length === 0) throw new EvaluationError('missing header line');
  const [header, ...records] = rows;
  return records.map((record, i) => {
    if (record.length !== header.length) throw new EvaluationError(`CSV parse error on line ${i + 2}: wrong number of fields`);
    const row: { [key: string]: Value } = {};
    header.forEach((name, j) => setOwn(row, name, record[j]));
    return row;
  });
}

function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let i = 0;
  while (i < text.length) {
    const row: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= text.length) throw new EvaluationError('CSV parse error: extraneous or missing " in quoted-field');
          if (text[i] === '"') {
            if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
            i++;
            break;
          }
          field += text[i++];
        }
        if (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') throw new EvaluationError('CSV parse error: extraneous or missing " in quoted-field');
      } else {
        while (i < text.length && text[i] !== ',' && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) {
          if (text[i] === '"') throw new EvaluationError('CSV parse error: bare " in non-quoted-field');
          field += text[i++];
        }
      }
      row.push(field);
      if (text[i] === ',') { i++; continue; }
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      break;
    }
    // Go's reader skips empty lines.
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
  }
  return rows;
}

function hash(algorithm: string, encoding: 'hex' | 'base64') {
  return ([s]: readonly Value[]) => createHash(algorithm).update(asString(s, 'the string'), 'utf8').digest(encoding);
}

export const ENCODING_FUNCTIONS: FunctionTable = {
  base64encode: { params: ['whole'], run: ([s]) => Buffer.from(asString(s, 'the string'), 'utf8').toString('base64') },
  base64decode: { params: ['whole'], run: ([s]) => base64decode(asString(s, 'the string')) },
  // A resource attribute or an unknown inside is kept as `${...}` text (json-text.ts).
  jsonencode: { params: ['any'], nulls: [0], run: ([v]) => jsonText(v) },
  jsondecode: {
    params: ['whole'],
    run: ([s]) => {
      let value: unknown;
      try {
        value = JSON.parse(asString(s, 'the string'));
      } catch (error) {
        throw new EvaluationError(`the string is not valid JSON (${(error as Error).message.slice(0, 200)})`);
      }
      checkNesting(value);
      return value as Value;
    },
  },
  urlencode: { params: ['whole'], run: ([s]) => urlencode(asString(s, 'the string')) },
  csvdecode: { params: ['whole'], run: ([s]) => csvdecode(asString(s, 'the string')) },
  md5: { params: ['whole'], run: hash('md5', 'hex') },
  sha1: { params: ['whole'], run: hash('sha1', 'hex') },
  sha256: { params: ['whole'], run: hash('sha256', 'hex') },
  sha512: { params: ['whole'], run: hash('sha512', 'hex') },
  base64sha256: { params: ['whole'], run: hash('sha256', 'base64') },
  base64sha512: { params: ['whole'], run: hash('sha512', 'base64') },
};
