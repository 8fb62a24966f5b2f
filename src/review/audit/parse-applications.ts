import { entryAt, guid, optionalText } from './export-shape';
import { ExportKind, readExportText } from './export-stream';
import { LiveApplication, LiveCredential, LiveExport } from './live-types';
import { expectArray, expectString, pointerTo } from '../reader/shape-check';

const WHAT = 'a Microsoft Graph applications list';
const CREDENTIALS = [['passwordCredentials', 'secret'], ['keyCredentials', 'certificate']] as const;

/**
 * Microsoft Graph `GET /v1.0/applications` (with at least id, appId, displayName,
 * passwordCredentials and keyCredentials). A credential's `secretText` and `key` are never read:
 * what is not read cannot be printed, logged or written to a report.
 */
export const APPLICATIONS: ExportKind<LiveApplication> = {
  what: WHAT,
  shape: 'pages',
  read(file, place, value) {
    const { entry, at } = entryAt(file, place, value, 'an application');
    const displayName = optionalText(file, at('displayName'), entry.displayName);
    return {
      file,
      place,
      id: guid(file, at('id'), entry.id),
      appId: guid(file, at('appId'), entry.appId),
      ...(displayName === undefined ? {} : { displayName }),
      credentials: CREDENTIALS.flatMap(([key, kind]) => credentialsOf(file, at(key), entry[key], kind)),
    };
  },
};

/** Reads the applications from the export's text. */
export function parseApplications(file: string, text: string): LiveExport<LiveApplication> {
  return readExportText(file, text, APPLICATIONS);
}

// Graph leaves a credential list out when `$select` does not ask for it, and writes [] when there is none.
function credentialsOf(file: string, place: string, value: unknown, kind: LiveCredential['kind']): LiveCredential[] {
  if (value === undefined || value === null) return [];
  return expectArray(file, place, value).map((item, index) => {
    const { entry, at } = entryAt(file, pointerTo(place, index), item, kind === 'secret' ? 'a password credential' : 'a key credential');
    const displayName = optionalText(file, at('displayName'), entry.displayName);
    const startDateTime = optionalText(file, at('startDateTime'), entry.startDateTime);
    const endDateTime = optionalText(file, at('endDateTime'), entry.endDateTime);
    return {
      kind,
      place: pointerTo(place, index),
      keyId: expectString(file, at('keyId'), entry.keyId),
      ...(displayName === undefined ? {} : { displayName }),
      ...(startDateTime === undefined ? {} : { startDateTime }),
      ...(endDateTime === undefined ? {} : { endDateTime }),
    };
  });
}
