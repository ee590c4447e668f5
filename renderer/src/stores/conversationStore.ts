import { defineStore } from 'pinia'
import { reactive, ref, shallowRef } from 'vue'
import type { AppError, IpcError, SessionStatus, ToolConfirmRequest, Usage } from '../../../shared/ipcContract'
import { getSightline } from '../api/sightline'
import { unwrap } from './appStore'
import { useAudioStore } from './audioStore'
import { forwardHotkeyKeyUps } from './hotkeyKeyUps'
import { Transcript } from './transcript'
import { createFrameBatch } from './frameBatch'

/** An error on screen, with an id so it can be dismissed. */
export interface ShownError extends AppError {
  id: number
}

const IDLE: SessionStatus = { state: 'idle', detail: null, resumed: false }
const MAX_SHOWN_ERRORS = 5

/**
 * The conversation as this window sees it: session status, the transcript, usage, errors and
 * pending tool confirmations, all fed by main's events. Typed messages go out from here.
 */
export const useConversationStore = defineStore('conversation', () => {
  const status = ref<SessionStatus>(IDLE)
  const transcript = reactive(new Transcript())
  const usage = shallowRef<Usage | null>(null)
  const errors = ref<ShownError[]>([])
  const toolConfirms = ref<ToolConfirmRequest[]>([])
  let nextErrorId = 1

  /** Subscribes to every conversation event; returns the unsubscribe. */
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
      api.onAudioOut((chunk) => audio.playModelAudio(chunk)),
      api.onUsage((next) => {
        usage.value = next
      }),
      api.onError((error) => showError(error)),
      api.onTalkState((state) => audio.applyTalkState(state)),
      forwardHotkeyKeyUps(window, () => audio.isTalking && audio.talkSource === 'hotkey', (code) => api.hotkeyWindowKeyUp({ code })),
      // Talking over an answer cut it before the server's word; the transcript is cut where it was heard.
      audio.onCut((turnId, share) => batch.queue(() => transcript.cutOff(turnId, share))),
    ]
    return () => {
      for (const stop of stops) stop()
      batch.dispose()
    }
  }

  /** Shows an error (newest last); the same code replaces its older copy. */
  function showError(error: AppError | IpcError): void {
    const shown: ShownError = { action: null, ...error, id: nextErrorId++ }
    errors.value = [...errors.value.filter((e) => e.code !== error.code), shown].slice(-MAX_SHOWN_ERRORS)
  }

  function dismissError(id: number): void {
    errors.value = errors.value.filter((e) => e.id !== id)
  }

  /** Starts a session unless one is running or on its way; talking, typing and sharing call this first. */
  async function ensureSession(): Promise<boolean> {
    if (status.value.state !== 'idle' && status.value.state !== 'error') return true
    return startSession()
  }

  async function startSession(): Promise<boolean> {
    const result = await unwrap(getSightline().startSession())
    if (result.error) {
      showError(result.error)
      return false
    }
    status.value = result.value
    return true
  }

  async function stopSession(): Promise<void> {
    const result = await unwrap(getSightline().stopSession())
    if (result.error) showError(result.error)
  }

  /** Sends typed text (main echoes it into the transcript); the error, if any, is returned for the box to show. */
  async function sendText(text: string): Promise<IpcError | null> {
    if (!(await ensureSession())) return { code: 'NO_SESSION', message: 'Could not start a session.' }
    const result = await unwrap(getSightline().sendText({ text }))
    return result.error
  }

  /** Answers the question on screen; `allWaiting` (with `allow: false`) refuses the queued ones too. */
  async function answerToolConfirm(requestId: string, allow: boolean, allWaiting = false): Promise<void> {
    toolConfirms.value = allWaiting ? [] : toolConfirms.value.filter((r) => r.requestId !== requestId)
    const result = await unwrap(getSightline().answerToolConfirmation({ requestId, allow, allWaiting }))
    if (result.error) showError(result.error)
  }

  return {
    status, transcript, usage, errors, toolConfirms,
    listen, showError, dismissError, ensureSession, startSession, stopSession, sendText, answerToolConfirm,
  }
})
