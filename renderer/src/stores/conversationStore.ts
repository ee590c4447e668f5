import { defineStore } from 'pinia'
import { reactive, ref, shallowRef } from 'vue'
import type { AppSnapshot, SessionStatus, ToolConfirmRequest, TranscriptEntry, Usage } from '../../../shared/ipcContract'
import { assertNever } from '../../../shared/assertNever'
import { getSightline } from '../api/sightline'
import { unwrap } from './appStore'
import { useAudioStore } from './audioStore'
import { useErrorStore } from './errorStore'
import { Transcript } from './transcript'
import { createFrameBatch } from './frameBatch'

const IDLE: SessionStatus = { state: 'idle', detail: null, resumed: false }

/**
 * The conversation as this window sees it: session status, the transcript, usage and pending
 * tool confirmations, fed by main's events (and once by the snapshot a window asks for after
 * subscribing). State arrives only that way, never from a command's answer. Typed messages go
 * out from here; failures go to the one error list.
 */
export const useConversationStore = defineStore('conversation', () => {
  const status = ref<SessionStatus>(IDLE)
  const transcript = reactive(new Transcript())
  const usage = shallowRef<Usage | null>(null)
  const toolConfirms = ref<ToolConfirmRequest[]>([])
  const errors = useErrorStore()

  /** Subscribes to the conversation's own events; returns the unsubscribe. */
  function listen(): () => void {
    const api = getSightline()
    const audio = useAudioStore()
    // Every transcript change goes through one per-frame batch, in arrival order: a burst of
    // chunks is one render, not one each.
    const batch = createFrameBatch()
    const stops = [
      api.onSessionStatus((next) => {
        status.value = next
      }),
      api.onTranscript((delta) => batch.queue(() => transcript.applyDelta(delta))),
      api.onTurnEvent((event) => {
        if (event.type !== 'interrupted') {
          batch.queue(() => transcript.applyTurnEvent(event))
          return
        }
        // Silence first (the speaker is what the user notices), then mark the cut in the transcript
        // before the engine says where playback stopped.
        const heard = audio.interrupt(event.turnId)
        batch.queue(() => transcript.applyTurnEvent(event))
        void heard.then((share) => batch.queue(() => transcript.cutOff(event.turnId, share)))
      }),
      api.onModelContent((content) => batch.queue(() => transcript.applyModelContent(content))),
      api.onToolActivity((activity) => batch.queue(() => transcript.applyToolActivity(activity))),
      // Main queues questions and sends one at a time (again when its waiting count changes).
      api.onToolConfirmRequest((request) => {
        toolConfirms.value = [...toolConfirms.value.filter((r) => r.requestId !== request.requestId), request]
      }),
      api.onToolConfirmClosed(({ requestId }) => {
        toolConfirms.value = toolConfirms.value.filter((r) => r.requestId !== requestId)
      }),
      api.onUsage((next) => {
        usage.value = next
      }),
      // Talking over an answer cut it before the server's word; the transcript is cut where it was heard.
      audio.onCut((turnId, share) => batch.queue(() => transcript.cutOff(turnId, share))),
    ]
    return () => {
      for (const stop of stops) stop()
      batch.dispose()
    }
  }

  /** Main's state as a window that just opened (or reloaded) must show it: the status, usage and the whole transcript. */
  function applySnapshot(snapshot: AppSnapshot): void {
    status.value = snapshot.session
    usage.value = snapshot.usage
    transcript.clear()
    for (const entry of snapshot.transcript) replay(entry)
  }

  function replay(entry: TranscriptEntry): void {
    switch (entry.event) {
      case 'onTranscript':
        return transcript.applyDelta(entry.payload)
      case 'onTurnEvent':
        return transcript.applyTurnEvent(entry.payload)
      case 'onModelContent':
        return transcript.applyModelContent(entry.payload)
      case 'onToolActivity':
        return transcript.applyToolActivity(entry.payload)
      default:
        return assertNever(entry, 'transcript entry')
    }
  }

  /** Starts a session unless one is running or on its way; talking, typing and sharing call this first. */
  async function ensureSession(): Promise<boolean> {
    if (status.value.state !== 'idle' && status.value.state !== 'error') return true
    return startSession()
  }

  /**
   * Asks main to start; the status comes back as `onSessionStatus`, not from this answer. A
   * session that failed is in the error list already (main raised it), so only a refusal of the
   * request itself is shown here.
   */
  async function startSession(): Promise<boolean> {
    const result = await unwrap(getSightline().startSession())
    if (result.error) {
      errors.show(result.error)
      return false
    }
    return result.value.state === 'live' || result.value.state === 'connecting' || result.value.state === 'reconnecting'
  }

  async function stopSession(): Promise<void> {
    const result = await unwrap(getSightline().stopSession())
    if (result.error) errors.show(result.error)
  }

  /** Sends typed text (main echoes it into the transcript); true when it went. Failures show in the error list, once. */
  async function sendText(text: string): Promise<boolean> {
    if (!(await ensureSession())) return false
    const result = await unwrap(getSightline().sendText({ text }))
    if (result.error) errors.show(result.error)
    return result.error === null
  }

  /** Answers the question on screen; `allWaiting` (with `allow: false`) refuses the queued ones too. */
  async function answerToolConfirm(requestId: string, allow: boolean, allWaiting = false): Promise<void> {
    toolConfirms.value = allWaiting ? [] : toolConfirms.value.filter((r) => r.requestId !== requestId)
    const result = await unwrap(getSightline().answerToolConfirmation({ requestId, allow, allWaiting }))
    if (result.error) errors.show(result.error)
  }

  return {
    status, transcript, usage, toolConfirms,
    listen, applySnapshot, ensureSession, startSession, stopSession, sendText, answerToolConfirm,
  }
})
