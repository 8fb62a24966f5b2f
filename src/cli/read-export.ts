import * as path from 'path';
import type * as ExportStreamModule from '../review/audit/export-stream';
import { LiveExport } from '../review/audit/live-types';

/**
 * A live export named on the command line, read as a stream of items (a tenant's export can be
 * larger than one string may be); a missing, unreadable or malformed one is an InputError.
 */
export function readExport<T>(
  cwd: string, file: string, kind: ExportStreamModule.ExportKind<T>, texts?: ExportStreamModule.SharedTexts,
): LiveExport<T> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the streaming parser loads only when there are exports
  const { readExportFile } = require('../review/audit/export-stream') as typeof ExportStreamModule;
  return readExportFile(file, path.resolve(cwd, file), kind, texts);
}
