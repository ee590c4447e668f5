/** What the user can do about an error, as a button beside it. */
export type ErrorActionKind = 'retry' | 'openSettings' | 'pickModel' | 'unmute'

const BY_CODE: Record<string, ErrorActionKind> = {
  // A dropped or unstable connection, or a fault on Google's side: trying again can help.
  CONNECTION_LOST: 'retry',
  CONNECTION_UNSTABLE: 'retry',
  CONNECTION_EXPIRED: 'retry',
  SERVER_ERROR: 'retry',
  REQUEST_REFUSED: 'retry',
  // The key or a setting is wrong: Settings is where it is fixed.
  BAD_API_KEY: 'openSettings',
  NO_API_KEY: 'openSettings',
  BAD_REQUEST: 'openSettings',
  INVALID_SETTINGS: 'openSettings',
  KEYCHAIN_LOCKED: 'openSettings',
  ACCESS_CODE_REFUSED: 'openSettings',
  TOKEN_SERVICE_REFUSED: 'openSettings',
  MIC_NOT_FOUND: 'openSettings',
  OUTPUT_DEVICE_FAILED: 'openSettings',
  HOTKEY_TAKEN: 'openSettings',
  HOTKEY_INVALID: 'openSettings',
  SHARE_HOTKEY_UNAVAILABLE: 'openSettings',
  SELECTION_HOTKEY_UNAVAILABLE: 'openSettings',
  // The model is gone for this key (closeCodes.ts MODEL_UNAVAILABLE): choose another.
  MODEL_UNAVAILABLE: 'pickModel',
  // Talk refused while muted (from the call bar or the tray): the button unmutes where the user is looking.
  MUTED: 'unmute',
}

/** The action button for an error code (closeCodes.ts; its words are the catalogue's `errors.actions`), or null when there is nothing to press. */
export function errorActionOf(code: string): ErrorActionKind | null {
  return BY_CODE[code] ?? null
}
