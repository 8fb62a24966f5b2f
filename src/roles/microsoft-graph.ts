/**
 * Microsoft Graph's application (client) ID, the same in every tenant: the `client_id` by which
 * its service principal is looked up, and the `AppId` of every permission in the catalog.
 */
export const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
