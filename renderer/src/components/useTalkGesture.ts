import { ref, type Ref } from 'vue'
import { PressToTalk } from '../stores/pressToTalk'

/** The Talk button's event handlers and its held look, as TalkButton and the call bar bind them. */
export interface TalkGesture {
  isHeld: Ref<boolean>
  onPointerDown(event: PointerEvent): void
  release(): void
  cancel(): void
  onKeyDown(event: KeyboardEvent): void
  onKeyUp(event: KeyboardEvent): void
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
  return {
    isHeld,
    release,
    cancel,
    onPointerDown(event) {
      if (event.button !== 0) return
      ;(event.currentTarget as HTMLElement).setPointerCapture(event.pointerId)
      press()
    },
    onKeyDown(event) {
      if (!isTalkKey(event)) return
      event.preventDefault()
      if (!event.repeat) press()
    },
    onKeyUp(event) {
      if (!isTalkKey(event)) return
      event.preventDefault()
      release()
    },
  }
}
