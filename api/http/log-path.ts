/**
 * The path as the request log writes it: a secret carried in a path — a screen link's token
 * (`/v1/screen/<token>`, `/v1/screen/<token>/photos/<id>`) or a door plate's
 * (`/inspect/<token>`, `/console/inspect/<token>`) — is replaced by `:token`, so whoever reads
 * the logs cannot open the screen or the inspector's page. The screen's page itself takes its
 * token in the fragment (`/screen/#<token>`), which never reaches the server.
 */
const SECRET_SEGMENT = /^(\/v1\/screen|\/inspect|\/console\/inspect)\/[^/]+/;

export const loggedPath = (path: string): string => path.replace(SECRET_SEGMENT, '$1/:token');
