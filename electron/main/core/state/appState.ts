import type { AppError, AppSnapshot, EventMethod, EventPayload, TranscriptEntry } from '../../../../shared/ipcContract'
import { Emitter, type Event } from '../emitter'
import { MutableDisposable, toDisposable, type Disposable } from '../lifecycle'
import type { Clock } from '../ports'
import { appendTranscriptEntry } from './transcriptLog'
import { callBarStateOf, isSameCallBarState } from '../callBar/callBarState'

/** Which parts of the state a change touched. */
export type AppStateKey = keyof AppSnapshot

/** One change: the state after it, and which keys changed. */
export interface AppStateChange {
  readonly state: AppSnapshot
  readonly changed: readonly AppStateKey[]
}

/** How many notices stay pending at most; the oldest goes first (the page shows five). */
export const MAX_PENDING_NOTICES = 5

/** Playback reports arrive every ~100 ms while audio plays; "speaking" lasts this long after the last. */
export const SPEAKING_HOLD_MS = 400

export const INITIAL_SNAPSHOT: AppSnapshot = Object.freeze({
  session: { state: 'idle', detail: null, resumed: false },
  talk: { isTalking: false, source: null, hotkeyNote: null },
  share: { isSharing: false, source: null, framesSent: 0, framesDropped: 0, pause: null },
  usage: null,
  transcript: [],
  notices: [],
  isMuted: false,
  isSpeaking: false,
  update: { status: 'idle', channel: 'stable', version: null, reason: null },
  callBar: { phase: 'off', isMuted: false },
}) as AppSnapshot

/**
 * Main's readable state (VS Code's `state` + `onStateChange`; GitHub Desktop's stores): the
 * session status, talk, share, usage, the transcript of the current conversation, pending
 * notices, mute and "speaking". It is the fold of every contract event main sends the page
 * ({@link observe} sits on the emit path), so a window's snapshot and the events it hears next
 * always agree. Any number of listeners subscribe; the tray and the call bar follow it
 * instead of polling. See docs/architecture.md ("State").
 */
export class AppState implements Disposable {
  private current: AppSnapshot = INITIAL_SNAPSHOT
  private readonly changes: Emitter<AppStateChange>
  private readonly speakingHold = new MutableDisposable<Disposable>()
  /** A question is out and unanswered: the call bar's "thinking" (see {@link callBarStateOf}). */
  private isAwaitingAnswer = false
  private isHandsFree = false

  constructor(
    private readonly clock: Clock,
    onListenerError?: (error: unknown) => void,
  ) {
    this.changes = new Emitter(onListenerError)
  }

  /** The state now; a frozen value, replaced (never mutated) on every change. */
  get state(): AppSnapshot {
    return this.current
  }

  /** Fires after every change with the new state and the keys that changed. */
  get onStateChange(): Event<AppStateChange> {
    return this.changes.event
  }

  /** How many listeners follow the state (the leak test counts them). */
  get listenerCount(): number {
    return this.changes.listenerCount
  }

  /** Records what one contract event says about the state; events that carry no state are ignored. */
  observe<M extends EventMethod>(method: M, payload: EventPayload<M>): void {
    this.noteQuestion(method, payload)
    switch (method) {
      case 'onSessionStatus':
        return this.set({ session: payload as EventPayload<'onSessionStatus'> })
      case 'onTalkState':
        return this.set({ talk: payload as EventPayload<'onTalkState'> })
      case 'onShareState':
        return this.set({ share: payload as EventPayload<'onShareState'> })
      case 'onUsage':
        return this.set({ usage: payload as EventPayload<'onUsage'> })
      case 'onUpdateState':
        return this.set({ update: payload as EventPayload<'onUpdateState'> })
      case 'onError':
        return this.addNotice(payload as AppError)
      case 'onNoticesChanged':
        return this.set({ notices: payload as EventPayload<'onNoticesChanged'> })
      case 'onTranscript':
      case 'onTurnEvent':
      case 'onModelContent':
      case 'onToolActivity':
        return this.set({ transcript: appendTranscriptEntry(this.current.transcript, { event: method, payload } as TranscriptEntry) })
      default:
        return
    }
  }

  /** Keeps a notice pending until dismissed; the same code replaces its older copy. */
  addNotice(notice: AppError): void {
    const notices = [...this.current.notices.filter((n) => n.code !== notice.code), notice].slice(-MAX_PENDING_NOTICES)
    this.set({ notices })
  }

  /** The user dismissed the notice with this code (in any window). */
  dismissNotice(code: string): void {
    if (!this.current.notices.some((n) => n.code === code)) return
    this.set({ notices: this.current.notices.filter((n) => n.code !== code) })
  }

  setMuted(isMuted: boolean): void {
    this.set({ isMuted })
  }

  /** Model audio played just now: "speaking" holds until no report came for {@link SPEAKING_HOLD_MS}. */
  notePlayback(): void {
    this.set({ isSpeaking: true })
    // One one-shot timer, re-armed by each report: it ends "speaking" without anything polling.
    const handle = this.clock.setTimeout(() => this.set({ isSpeaking: false }), SPEAKING_HOLD_MS)
    this.speakingHold.value = toDisposable(() => this.clock.clearTimeout(handle))
  }

  /** Hands-free keeps the microphone open, so the call bar shows "speaking" over "listening" there. */
  setHandsFree(isHandsFree: boolean): void {
    this.isHandsFree = isHandsFree
    this.set({})
  }

  dispose(): void {
    this.speakingHold.dispose()
    this.changes.dispose()
  }

  /**
   * Whether a question is out, from the events that ask and answer one: releasing push-to-talk in
   * a live session (not hands-free, where the server's VAD finds the turns) or typing asks; any turn event (`generationComplete`, `turnComplete`,
   * `interrupted`, `noAnswer`) or the session ending answers. The user's own transcription is not
   * a question: it can arrive after the answer (wire sample u11, docs/protocol.md).
   */
  private noteQuestion<M extends EventMethod>(method: M, payload: EventPayload<M>): void {
    if (method === 'onTalkState') {
      const talk = payload as EventPayload<'onTalkState'>
      if (talk.isTalking) this.isAwaitingAnswer = false
      else if (!this.isHandsFree && this.current.talk.isTalking && this.current.session.state === 'live') this.isAwaitingAnswer = true
    } else if (method === 'onTranscript') {
      const delta = payload as EventPayload<'onTranscript'>
      if (delta.role === 'user' && delta.kind === 'text') this.isAwaitingAnswer = true
    } else if (method === 'onTurnEvent') {
      this.isAwaitingAnswer = false
    } else if (method === 'onSessionStatus') {
      const state = (payload as EventPayload<'onSessionStatus'>).state
      if (state !== 'live' && state !== 'reconnecting') this.isAwaitingAnswer = false
    }
  }

  private set(change: Partial<AppSnapshot>): void {
    const next = { ...this.current, ...change }
    const callBar = callBarStateOf(next, { isAwaitingAnswer: this.isAwaitingAnswer, isHandsFree: this.isHandsFree })
    const patch = isSameCallBarState(callBar, this.current.callBar) ? change : { ...change, callBar }
    const changed = (Object.keys(patch) as AppStateKey[]).filter((key) => patch[key] !== this.current[key])
    if (changed.length === 0) return
    this.current = Object.freeze({ ...this.current, ...patch })
    this.changes.fire({ state: this.current, changed })
  }
}
