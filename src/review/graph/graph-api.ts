import { GraphApi } from './graph-types';

/**
 * Whether an API may be Microsoft Graph: it is, or it cannot be read (which may be Graph, the
 * wider case). Only an API known to be another one is not.
 */
export function mayBeMicrosoftGraph(api: GraphApi): boolean {
  return api.kind !== 'other';
}

/**
 * The application registration of this tenant that defines an API, by address, when the review
 * can see it is one: its app roles and scopes are application-defined, since no Microsoft
 * first-party API is registered in a customer's tenant. Every other API is graded by the catalog
 * (Microsoft Graph) or counts as tier 0 (an API that cannot be told may be one of Microsoft's).
 */
export function definingApplication(api: GraphApi): string | undefined {
  return api.kind === 'other' ? api.application : undefined;
}

/** Whether an API's app roles and scopes are application-defined (see `definingApplication`). */
export function isApplicationDefined(api: GraphApi): boolean {
  return definingApplication(api) !== undefined;
}
