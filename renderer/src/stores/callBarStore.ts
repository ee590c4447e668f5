import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { AppSnapshot, AudioLevels, CallBarState, IpcError } from '../../../shared/ipcContract'
import { getSightline } from '../api/sightline'
import { unwrap } from './appStore'

const SILENT: AudioLevels = Object.freeze({ mic: 0, output: 0 })

/**
 * The call bar's own state: what main derives for it (phase, mute; `onCallBarState`, and
 * `callBar` in the snapshot) and the meter levels main relays from the window that hosts the
 * audio (`onAudioLevels`). Its buttons ask main; nothing here captures or plays.
 */
export const useCallBarStore = defineStore('callBar', () => {
  const state = ref<CallBarState>({ phase: 'off', isMuted: false })
  /** Replaced, never mutated: 25 times a second, so only what shows the levels re-renders. */
  const levels = shallowRef<AudioLevels>(SILENT)

  /** Follows main's call bar state and the relayed levels; returns the unsubscribe. */
  function listen(): () => void {
    const api = getSightline()
    const stops = [api.onCallBarState((next) => apply(next)), api.onAudioLevels((next) => (levels.value = next))]
    return () => {
      for (const stop of stops) stop()
    }
  }

  function applySnapshot(snapshot: AppSnapshot): void {
    apply(snapshot.callBar)
  }

  function apply(next: CallBarState): void {
    state.value = next
    // No session, no sound: the last level must not hang on the meters.
    if (next.phase === 'off') levels.value = SILENT
  }

  /** Mute and unmute the microphone (talking ends now when muting). */
  async function setMuted(isMuted: boolean): Promise<IpcError | null> {
    return (await unwrap(getSightline().setMuted({ isMuted }))).error
  }

  /** Asks main to stop the screen share; the page that captures stops it. */
  async function stopSharing(): Promise<IpcError | null> {
    return (await unwrap(getSightline().stopSharing())).error
  }

  /** Ends the session. */
  async function end(): Promise<IpcError | null> {
    return (await unwrap(getSightline().stopSession())).error
  }

  return { state, levels, listen, applySnapshot, setMuted, stopSharing, end }
})
