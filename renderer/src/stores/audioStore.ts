import { defineStore } from 'pinia'
import { markRaw, ref, shallowRef } from 'vue'
import type { AppSnapshot, EventPayload, IpcError, Notice, TalkState } from '../../../shared/ipcContract'
import { getSightline } from '../api/sightline'
import type { AudioDevice, AudioEngine } from '../audio/audioEngine'
import { AudioEngineError } from '../audio/audioEngineError'
import { LevelThrottle } from '../audio/levelThrottle'
import { unwrap } from './appStore'
import { useErrorStore } from './errorStore'
import { forwardHotkeyKeyUps } from './hotkeyKeyUps'

/**
 * The bridge between the conversation and the AudioEngine: talking (from the Talk button, the
 * hotkey or the tray; main is the source of truth) drives capture, model audio is played, played
 * samples are reported back, and an interruption cuts playback at once. Pressing to talk over an
 * answer (push-to-talk) cuts it here, without waiting a round trip for the server's `interrupted`,
 * and also cuts an answer the server already finished sending but that is still playing.
 * It listens to its own events (talk state, model audio); talk state arrives only that way.
 */
export const useAudioStore = defineStore('audio', () => {
  const engine = shallowRef<AudioEngine | null>(null)
  const isTalking = ref(false)
  const talkSource = ref<TalkState['source']>(null)
  const hotkeyNote = ref<Notice | null>(null)
  const isCapturing = ref(false)
  const level = ref(0)
  const isSpeaking = ref(false)
  const errors = useErrorStore()
  /** The audio failure on screen, cleared when capture next works. */
  let shownAudioError: string | null = null
  const inputDevices = ref<readonly AudioDevice[]>([])
  const outputDevices = ref<readonly AudioDevice[]>([])

  let isHandsFree = false
  let inputDeviceId: string | null = null
  const receivedSamples = new Map<number, number>()
  /** Turns cut off; audio of theirs still in flight is dropped. */
  const cutTurns = new Set<number>()
  /** The turn whose audio came last: what talking over the model cuts. */
  let lastAudioTurn: number | null = null
  const cutListeners = new Set<(turnId: number, heardShare: number) => void>()
  let captureQueue: Promise<void> = Promise.resolve()
  /** The call bar's levels, while an engine is attached. */
  let levelThrottle: LevelThrottle | null = null
  /** Whether a call bar shows the levels (a session is live and the setting has it on); none are sent otherwise. */
  let isLevelsWanted = false
  const unsubscribes: (() => void)[] = []

  /** Connects the engine; call once. The levels also go to main for the call bar's meters (throttled to 25 a second). */
  function attach(audio: AudioEngine): void {
    engine.value = markRaw(audio)
    const levels = (levelThrottle = new LevelThrottle((value) => isLevelsWanted && getSightline().reportAudioLevels(value)))
    unsubscribes.push(
      () => {
        levels.dispose()
        levelThrottle = null
      },
      audio.onLevel((meter) => {
        level.value = meter
        levels.mic(meter)
      }),
      audio.onOutputLevel((meter) => levels.output(meter)),
      audio.onPlayed((turnId, played) => {
        getSightline().reportPlayback({ turnId, playedSamples: played })
      }),
      audio.onSpeakingChange((speaking) => {
        isSpeaking.value = speaking
      }),
    )
  }

  /** Follows main's talk state and plays the model's audio (unless `playsAudio` is false: the call bar); returns the unsubscribe. */
  function listen(options: { playsAudio?: boolean } = {}): () => void {
    const api = getSightline()
    const stops = [
      api.onTalkState((state) => applyTalkState(state)),
      ...(options.playsAudio === false ? [] : [api.onAudioOut((chunk) => playModelAudio(chunk))]),
      // A hotkey hold ends on its key-up; in our own focused window the global hook may not hear it.
      forwardHotkeyKeyUps(window, () => isTalking.value && talkSource.value === 'hotkey', (code) => api.hotkeyWindowKeyUp({ code })),
    ]
    return () => {
      for (const stop of stops) stop()
    }
  }

  /** Main's talk state as a window that just opened (or reloaded) must show it. */
  function applySnapshot(snapshot: AppSnapshot): void {
    applyTalkState(snapshot.talk)
  }

  /** Whether a call bar shows the meters now (shared/callBarShown.ts): the levels go to main only while one does. */
  function setLevelsWanted(wanted: boolean): void {
    isLevelsWanted = wanted
  }

  /** Stops listening to the engine and releases it (mic, audio contexts, the audio element). */
  async function detach(): Promise<void> {
    for (const stop of unsubscribes.splice(0)) stop()
    const audio = engine.value
    engine.value = null
    isCapturing.value = false
    await audio?.dispose()
  }

  /** Model audio for a turn: play it and count it, so an interruption knows how much was heard. */
  function playModelAudio(chunk: EventPayload<'onAudioOut'>): void {
    const audio = engine.value
    if (!audio || cutTurns.has(chunk.turnId)) return
    // Counted in the whole samples the engine queued, never in bytes: a chunk may split a sample.
    const queued = audio.play(chunk.turnId, chunk.pcm)
    receivedSamples.set(chunk.turnId, (receivedSamples.get(chunk.turnId) ?? 0) + queued)
    lastAudioTurn = chunk.turnId
    // Only a handful of turns matter for cutting; forget old ones.
    if (receivedSamples.size > 32) {
      const oldest = receivedSamples.keys().next().value
      if (oldest !== undefined) {
        receivedSamples.delete(oldest)
      }
    }
  }

  /** The user talked over an answer and it was cut here: the turn and the share of its audio heard. */
  function onCut(listener: (turnId: number, heardShare: number) => void): () => void {
    cutListeners.add(listener)
    return () => {
      cutListeners.delete(listener)
    }
  }

  /** Silences playback now; answers the share of the turn's audio the user heard (1 when none came). */
  async function interrupt(turnId: number): Promise<number> {
    const audio = engine.value
    if (!audio) return 1
    markCut(turnId)
    return heardShare(turnId, await audio.interrupt(turnId))
  }

  function heardShare(turnId: number, played: number): number {
    const received = receivedSamples.get(turnId) ?? 0
    if (received === 0) return 1
    return Math.min(1, Math.max(0, played / received))
  }

  function markCut(turnId: number): void {
    cutTurns.add(turnId)
    if (cutTurns.size > 32) cutTurns.delete(cutTurns.values().next().value!)
  }

  /**
   * Push-to-talk pressed while the model speaks: the server interrupts on activityStart anyway
   * (START_OF_ACTIVITY_INTERRUPTS), so silence now rather than a round trip later. Hands-free
   * talking only opens the mic, and there the server's VAD decides.
   */
  async function cutForTalk(): Promise<void> {
    const turnId = lastAudioTurn
    if (!engine.value?.hasModelAudio || turnId === null) return
    // interrupt marks the turn cut before the flush is confirmed: chunks of it still arriving must not play.
    const share = await interrupt(turnId)
    for (const listener of cutListeners) listener(turnId, share)
  }

  /** Applies main's word on talking (button answer, hotkey, tray, VAD) and starts or stops the mic to match. */
  function applyTalkState(state: TalkState): void {
    // Silence first: the flush reaches the audio thread before the mic starts opening.
    if (state.isTalking && !isTalking.value && !isHandsFree) void cutForTalk()
    isTalking.value = state.isTalking
    talkSource.value = state.source
    hotkeyNote.value = state.hotkeyNote
    syncCapture()
  }

  /** The Talk button: asks main to start or stop talking; the new state arrives as `onTalkState`. */
  async function setTalking(next: boolean): Promise<IpcError | null> {
    const result = await unwrap(getSightline().setTalking({ isTalking: next, source: 'button' }))
    return result.error
  }

  /** Capture start/stop run one at a time, always moving toward the latest wish. */
  function syncCapture(): void {
    captureQueue = captureQueue.then(stepCapture, stepCapture)
  }

  async function stepCapture(): Promise<void> {
    const audio = engine.value
    if (!audio || isTalking.value === isCapturing.value) return
    if (isTalking.value) {
      try {
        await audio.startCapture({
          ...(inputDeviceId ? { deviceId: inputDeviceId } : {}),
          onChunk: (pcm) => getSightline().sendAudioChunk(pcm),
        })
        isCapturing.value = true
        if (shownAudioError) errors.clear(shownAudioError)
        shownAudioError = null
      } catch (error) {
        reportAudioError(error)
        await unwrap(getSightline().setTalking({ isTalking: false, source: 'button' }))
        isTalking.value = false
      }
    } else {
      try {
        await audio.stopCapture()
      } catch (error) {
        reportAudioError(error)
      }
      isCapturing.value = false
      level.value = 0
      levelThrottle?.mic(0)
      // Hands-free streams continuously; tell the model the stream paused so it does not wait for more.
      if (isHandsFree) getSightline().endAudioStream()
    }
  }

  /** Shows an audio failure (mic refused, speaker gone, playback blocked) in the error list until capture next works. */
  function reportAudioError(error: unknown): void {
    const code = error instanceof AudioEngineError ? error.code : 'AUDIO_FAILED'
    shownAudioError = code
    errors.show({ code, message: error instanceof Error ? error.message : 'Audio failed.' })
  }

  /** Follows the settings the audio side cares about. */
  async function applyDeviceSettings(settings: {
    handsFree: boolean
    inputDeviceId: string | null
    outputDeviceId: string | null
    duckMic: boolean
  }): Promise<void> {
    isHandsFree = settings.handsFree
    inputDeviceId = settings.inputDeviceId
    const audio = engine.value
    if (!audio) return
    audio.setDuckMic(settings.duckMic)
    try {
      await audio.setOutputDevice(settings.outputDeviceId)
    } catch (error) {
      reportAudioError(error)
    }
  }

  /** Reads the device lists (labels appear once the mic permission was granted). */
  async function refreshDevices(): Promise<void> {
    const audio = engine.value
    if (!audio) return
    try {
      const [inputs, outputs] = await Promise.all([audio.listInputDevices(), audio.listOutputDevices()])
      inputDevices.value = inputs
      outputDevices.value = outputs
    } catch {
      inputDevices.value = []
      outputDevices.value = []
    }
  }

  return {
    setLevelsWanted,
    isTalking, talkSource, hotkeyNote, isCapturing, level, isSpeaking, inputDevices, outputDevices,
    attach, detach, listen, applySnapshot, reportAudioError, playModelAudio, interrupt, onCut, applyTalkState, setTalking, applyDeviceSettings, refreshDevices,
  }
})
