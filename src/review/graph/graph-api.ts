import { GraphApi } from './graph-types';

/**
 * Whether an API may be Microsoft Graph: it is, or it cannot be read (which may be Graph, the
 * wider case). Only an API known to be another one is not.
 */
export function mayBeMicrosoftGraph(api: GraphApi): boolean {
  return api.kind !== 'other';
}
