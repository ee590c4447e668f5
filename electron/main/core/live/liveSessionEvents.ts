import type { AppError, EventPayload, ModelContent, SessionStatus, ToolActivity, TranscriptDelta, TurnEvent, Usage } from '../../../../shared/ipcContract'
import type { Clock, ConversationStore, Credentials, LiveTransport, Logger } from '../ports'
import type { ModelDiscovery } from '../models/modelDiscovery'
import type { ToolRegistry } from '../tools/toolRegistry'
import type { LiveSessionLimits } from './liveLimits'

/** Everything the session tells the outside world; payloads are the IPC contract's types. */
export interface LiveSessionEvents {
  onStatus(status: SessionStatus): void
  onTranscript(delta: TranscriptDelta): void
  onTurnEvent(event: TurnEvent): void
  onModelContent(content: ModelContent): void
  onToolActivity(activity: ToolActivity): void
  /** 24 kHz (as the MIME type says) mono PCM16 of the model's voice. */
  onAudioOut(audio: EventPayload<'onAudioOut'>): void
  onUsage(usage: Usage): void
  onError(error: AppError): void
}

/** What the session is built from; every outside effect goes through these. */
export interface LiveSessionDeps {
  transport: LiveTransport
  clock: Clock
  logger: Logger
  /**
   * The API key or, in managed mode, a fresh token per connect; null ends the start with
   * `NO_API_KEY`. A rejection (a locked keychain, a refused access code) ends it with the
   * rejection's own `code`, `params` and `message`.
   */
  credentials: Credentials
  tools: ToolRegistry
  /** A first subscriber, for callers that want one from the start; more come through `LiveSession.subscribe`. */
  events?: Partial<LiveSessionEvents>
  /** Jitter source for reconnect backoff. */
  random?: () => number
  limits?: Partial<LiveSessionLimits>
  /** Keeps the conversation (handle, its time, transcript; never the key) across an app restart. */
  conversationStore?: ConversationStore
  /**
   * The server refused the model itself (close kind `modelUnavailable`: 1008 "… is not found for
   * API version …, or is not supported for bidiGenerateContent", 1007 "… is not supported in the
   * live api" / "Non-existing model …"; wire-samples u04). Called before the session ends in
   * error, so the host can start the retirement flow (move to the recommended model, seeded).
   */
  onModelUnavailable?(event: { modelId: string; error: AppError }): void
  /**
   * Asked at the moment each screen frame would go on the wire (sent at once, or replayed after a
   * connect or GoAway rotation); false drops it. The privacy gate's `isOpen`.
   */
  mayDeliverVideo?(): boolean
  /** The model menu (models.list, its cache, the built-in profiles); without it only the built-in profiles are known. */
  models?: ModelDiscovery
  /** The session moved off a model that is gone: save the new choice (the notice is in the status line). */
  onModelReplaced?(from: string, to: string): void
}

/** Counters for the UI's diagnostics and the fault suite. */
export interface LiveSessionStats {
  bufferedChunks: number
  droppedChunks: number
  pendingChunks: number
  reconnects: number
  rotations: number
}
