import { ref, type Ref } from 'vue'
import { PressToTalk } from '../stores/pressToTalk'

/** The Talk button's held look and its event listeners, bound with `v-on="listeners"` by TalkButton and the call bar. */
export interface TalkGesture {
  isHeld: Ref<boolean>
  listeners: {
    pointerdown(event: PointerEvent): void
    pointerup(): void
    pointercancel(): void
    lostpointercapture(): void
    keydown(event: KeyboardEvent): void
    keyup(event: KeyboardEvent): void
    blur(): void
    click(event: Event): void
    contextmenu(event: Event): void
  }
}

/**
 * Hold or click to talk, by pointer (captured, so a release outside still counts) or by Space or
 * Enter (auto-repeat ignored), through PressToTalk's gesture rules. `perform` runs each start or
 * stop in order, so a quick press-release never reaches main as release-then-press.
 * `isTalking` reads the state before a press.
 */
export function useTalkGesture(isTalking: () => boolean, perform: (start: boolean) => Promise<void>): TalkGesture {
  const gesture = new PressToTalk()
  const isHeld = ref(false)
  let queue: Promise<void> = Promise.resolve()
  const act = (action: 'start' | 'stop' | null) => {
    if (action) queue = queue.then(() => perform(action === 'start'))
  }
  const isTalkKey = (event: KeyboardEvent) => event.key === ' ' || event.key === 'Enter'
  const press = () => {
    isHeld.value = true
    act(gesture.press(performance.now(), isTalking()))
  }
  const release = () => {
    isHeld.value = false
    act(gesture.release(performance.now()))
  }
  const cancel = () => {
    isHeld.value = false
    act(gesture.cancel(performance.now()))
  }
  // Losing the pointer capture or the focus mid-hold ends the hold as a cancel, never a stuck talk.
  const cancelHeld = () => isHeld.value && cancel()
  const preventDefault = (event: Event) => event.preventDefault()
  return {
    isHeld,
    listeners: {
      pointerdown(event) {
        if (event.button !== 0) return
        ;(event.currentTarget as HTMLElement).setPointerCapture(event.pointerId)
        press()
      },
      pointerup: release,
      pointercancel: cancel,
      lostpointercapture: cancelHeld,
      keydown(event) {
        if (!isTalkKey(event)) return
        event.preventDefault()
        if (!event.repeat) press()
      },
      keyup(event) {
        if (!isTalkKey(event)) return
        event.preventDefault()
        release()
      },
      blur: cancelHeld,
      click: preventDefault,
      contextmenu: preventDefault,
    },
  }
}
