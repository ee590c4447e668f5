import type { AppError, EventPayload, ModelContent, SessionStatus, ToolActivity, TranscriptDelta, TurnEvent, Usage } from '../../../../shared/ipcContract'

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
