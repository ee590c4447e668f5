/**
 * How the browser harness's page finds and authenticates its bridge socket. The page offers two
 * WebSocket subprotocols: {@link BRIDGE_PROTOCOL}, which the server selects, and
 * `${TOKEN_PROTOCOL_PREFIX}<token>`, which carries the per-run token and is never echoed back.
 * Subprotocol values must be RFC 7230 tokens; the harness token is base64url, which is.
 */
export const BRIDGE_SOCKET_PATH = '/__harness/bridge'
export const BRIDGE_PROTOCOL = 'sightline-bridge'
export const TOKEN_PROTOCOL_PREFIX = 'sightline-token.'
/** The `sessionStorage` key the page keeps the token under (per origin, port included). */
export const TOKEN_STORAGE_KEY = 'sightline.harnessToken'
/** Offered by the call bar's page (`#call-bar`): the server then sends it only the call bar's events, as Electron does. */
export const CALL_BAR_PAGE_PROTOCOL = 'sightline-page.call-bar'
