import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AppSnapshot, Notice, RegionChoice, ScreenSource, ShareSource, ShareState } from '../../../shared/ipcContract'
import { shareSourceOf } from '../../../shared/shareStatusLine'
import { getSightline } from '../api/sightline'
import { FrameGrabber } from '../screen/frameGrabber'
import { unwrap, useAppStore } from './appStore'
import { useConversationStore } from './conversationStore'
import { useErrorStore } from './errorStore'
import { useSettingsStore } from './settingsStore'

const NOT_SHARING: ShareState = { isSharing: false, source: null, framesSent: 0, framesDropped: 0, pause: null }

/**
 * Screen sharing from this window: pick a source (Electron) or let the browser ask (harness),
 * capture it, feed frames to main, and keep main's share state in step with the stream.
 */
export const useShareStore = defineStore('share', () => {
  const state = ref<ShareState>(NOT_SHARING)
  const isStarting = ref(false)
  const isPickerOpen = ref(false)
  const sources = ref<ScreenSource[]>([])
  const errors = useErrorStore()
  /** The shared region (desktop DIP), null for the whole screen. */
  const region = ref<RegionChoice['region']>(null)
  /** Why the last "Share a region" changed nothing (REGION_TOO_SMALL, REGION_NOT_CHANGED), as a notice the view words. */
  const regionNote = ref<Notice | null>(null)

  let stream: MediaStream | null = null
  let grabber: FrameGrabber | null = null

  /** Follows main's share state; when main stops sharing (tray, hotkey), the capture stops here too. */
  function listen(): () => void {
    return getSightline().onShareState((next) => {
      state.value = next
      if (!next.isSharing) region.value = null
      if (!next.isSharing && stream) stopLocal()
    })
  }

  /** Main's share state as a window that just opened (or reloaded) must show it. */
  function applySnapshot(snapshot: AppSnapshot): void {
    state.value = snapshot.share
  }

  /**
   * "Share screen": the source picker in the app, the system's own picker on Wayland, the browser's
   * prompt in the harness. What is shared goes to main as a kind and the system's name, worded where it is shown.
   */
  async function startShare(): Promise<void> {
    if (isStarting.value || stream) return
    if (!(await useConversationStore().ensureSession())) return
    if (useAppStore().picksScreenElsewhere) {
      await captureWith(null)
      return
    }
    isStarting.value = true
    const listed = await unwrap(getSightline().listScreenSources())
    isStarting.value = false
    if (listed.error) {
      errors.show(listed.error)
      return
    }
    sources.value = listed.value
    isPickerOpen.value = true
  }

  /** The user picked a source in the picker: main keeps its kind and the system's name for it. */
  async function pickSource(source: ScreenSource): Promise<void> {
    isPickerOpen.value = false
    const selected = await unwrap(getSightline().selectScreenSource({ id: source.id }))
    if (selected.error) {
      errors.show(selected.error)
      return
    }
    await captureWith(shareSourceOf(source))
  }

  function cancelPicker(): void {
    isPickerOpen.value = false
    sources.value = []
  }

  async function captureWith(picked: ShareSource | null): Promise<void> {
    isStarting.value = true
    try {
      // In the app, main answers this with the picked source (setDisplayMediaRequestHandler).
      const captured = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 5, max: 10 } }, audio: false })
      const track = captured.getVideoTracks()[0]
      if (!track) throw new Error('the capture has no video')
      const capture = useSettingsStore().settings?.capture
      stream = captured
      grabber = new FrameGrabber(captured, {
        framesPerSecond: capture?.framesPerSecond ?? 1,
        longSide: capture?.longSide ?? 1024,
        // ImageData pixels always sit on a plain ArrayBuffer; GrabbedFrame types them loosely.
        onFrame: (frame) => getSightline().sendVideoFrame({ ...frame, data: frame.data as Uint8Array<ArrayBuffer> }),
        // Stopped from the system's own "stop sharing" bar, or the window went away.
        onEnded: () => void stopShare(),
      })
      await grabber.start()
      const result = await unwrap(getSightline().setSharing({ isSharing: true, source: picked ?? surfaceOf(track) }))
      // The new share state arrives as `onShareState`; the answer only says whether main took it.
      if (result.error) {
        errors.show(result.error)
        stopLocal()
      }
    } catch (failure) {
      stopLocal()
      const denied = failure instanceof DOMException && failure.name === 'NotAllowedError'
      errors.show({
        code: denied ? 'SCREEN_DENIED' : 'SCREEN_FAILED',
        message: denied
          ? 'Screen sharing was not allowed. Allow screen recording for Sightline, then try again.'
          : `Screen capture failed: ${failure instanceof Error ? failure.message : 'unknown error'}`,
      })
    } finally {
      isStarting.value = false
    }
  }

  /** "Stop sharing": ends the capture and tells main. */
  async function stopShare(): Promise<void> {
    if (!stream && !state.value.isSharing) return
    stopLocal()
    const result = await unwrap(getSightline().setSharing({ isSharing: false, source: null }))
    if (result.error) errors.show(result.error)
  }

  /** Main moved sharing to another screen (follow the pointer) and picked it: capture that one instead. */
  async function switchShare(): Promise<void> {
    if (!stream || isStarting.value) return
    stopLocal()
    region.value = null
    await captureWith({ kind: 'screen', name: null })
  }

  /** "Share a region" (again to move or redraw it): main opens a drag overlay on the shared screen. */
  async function selectRegion(): Promise<void> {
    regionNote.value = null
    const result = await unwrap(getSightline().selectShareRegion())
    if (result.error) {
      errors.show(result.error)
      return
    }
    if (result.value.region) region.value = result.value.region
    regionNote.value = result.value.note
  }

  /** Back to the whole screen. */
  async function clearRegion(): Promise<void> {
    regionNote.value = null
    const result = await unwrap(getSightline().clearShareRegion())
    if (result.error) errors.show(result.error)
    else region.value = null
  }

  /** "Look now": the next frame goes to the model even if the screen did not change. */
  async function lookNow(): Promise<void> {
    const result = await unwrap(getSightline().lookNow())
    if (result.error) errors.show(result.error)
  }

  /** What the system's (or the browser's) picker shared, by its surface: its labels are device ids ("screen:0:0"), not names. */
  function surfaceOf(track: MediaStreamTrack): ShareSource {
    const surface = track.getSettings().displaySurface
    return { kind: surface === 'browser' ? 'tab' : surface === 'window' ? 'window' : 'screen', name: null }
  }

  function stopLocal(): void {
    grabber?.stop()
    grabber = null
    for (const track of stream?.getTracks() ?? []) track.stop()
    stream = null
  }

  return {
    state,
    isStarting,
    isPickerOpen,
    sources,
    region,
    regionNote,
    listen,
    applySnapshot,
    startShare,
    pickSource,
    cancelPicker,
    stopShare,
    lookNow,
    selectRegion,
    clearRegion,
    switchShare,
  }
})
