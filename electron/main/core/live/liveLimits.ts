/** Tunables of the session engine; tests shrink them, production uses the defaults. */
export interface LiveSessionLimits {
  /** Delay before the second reconnect attempt (the first one is immediate); doubles each time. */
  firstRetryDelayMs: number
  /** Ceiling of one backoff delay. */
  maxRetryDelayMs: number
  /** Total time spent reconnecting after one drop before giving up with an error. */
  retryBudgetMs: number
  /** How long one connect may take to reach `setupComplete`. */
  connectTimeoutMs: number
  /** Audio chunks held while no connection can take them; the oldest go first when full. */
  maxBufferedAudioChunks: number
  /** Screen frames held while no connection can take them (only the newest matter). */
  maxBufferedVideoFrames: number
  /** Silence from the server during an active turn after which the connection counts as dead. */
  stallTimeoutMs: number
  /** Rotate this long before a `goAway` deadline at the latest. */
  goAwaySafetyMarginMs: number
  /** How long to wait for the old socket to close before resuming on a new one anyway. */
  closeWaitMs: number
  /** How long a resumption handle stays usable after its connection ended (the server says ~2 h). */
  handleLifetimeMs: number
  /** How long a wake or network change waits for the open socket to answer a ping before replacing it. */
  probeTimeoutMs: number
  /** After the reconnect budget is spent, how often to try again quietly until the network is back. */
  networkRetryMs: number
  /**
   * A connection that ends sooner than this after setup counts as a failed attempt: the backoff
   * goes on growing instead of starting again, so a server that accepts and then drops (1011
   * "Internal error encountered." 50 ms after `setupComplete`) cannot make us redial in a loop.
   */
  shortLivedConnectionMs: number
}

/** Production defaults. 1500 chunks is 30 s of 20 ms audio or 60 s of 40 ms audio. */
export const DEFAULT_LIVE_LIMITS: LiveSessionLimits = {
  firstRetryDelayMs: 500,
  maxRetryDelayMs: 10_000,
  retryBudgetMs: 60_000,
  connectTimeoutMs: 15_000,
  maxBufferedAudioChunks: 1500,
  maxBufferedVideoFrames: 3,
  stallTimeoutMs: 15_000,
  goAwaySafetyMarginMs: 5_000,
  closeWaitMs: 1_000,
  handleLifetimeMs: 110 * 60_000,
  probeTimeoutMs: 3_000,
  networkRetryMs: 30_000,
  shortLivedConnectionMs: 5_000,
}
