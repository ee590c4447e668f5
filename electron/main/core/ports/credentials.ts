/**
 * What the engine connects with: the user's API key, or (managed mode) a single-use ephemeral
 * token from the organisation's token service, which needs `apiVersion` v1alpha
 * (live-protocol.md §1.1, §7.3).
 */
export interface Credential {
  kind: 'apiKey' | 'token'
  value: string
  apiVersion?: 'v1alpha'
}

/** Where the engine gets its credential (core/credentials). */
export interface Credentials {
  /**
   * The credential for the next connect: the API key, the same each call, or a fresh token.
   * Resolves null when none is set up; rejects with a `CredentialsError` when a token cannot be had.
   */
  forConnect(): Promise<Credential | null>
  /** The token service's address in managed mode, for error messages; null otherwise. */
  serviceName?(): Promise<string | null>
}
