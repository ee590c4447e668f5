import { describe, expect, it } from 'vitest'
import { HOLD_THRESHOLD_MS, PressToTalk } from '../../../renderer/src/stores/pressToTalk'

describe('the Talk button', () => {
  it('starts talking the moment it is pressed', () => {
    expect(new PressToTalk().press(0, false)).toBe('start')
  })

  it('press and hold talks until release', () => {
    const talk = new PressToTalk()
    talk.press(0, false)
    expect(talk.release(HOLD_THRESHOLD_MS + 500)).toBe('stop')
  })

  it('a short click turns talking on and leaves it on', () => {
    const talk = new PressToTalk()
    expect(talk.press(0, false)).toBe('start')
    expect(talk.release(120)).toBeNull()
  })

  it('a short click while talking turns it off', () => {
    const talk = new PressToTalk()
    expect(talk.press(0, true)).toBeNull()
    expect(talk.release(100)).toBe('stop')
  })

  it('ignores key repeat while held', () => {
    const talk = new PressToTalk()
    talk.press(0, false)
    expect(talk.press(30, true)).toBeNull()
    expect(talk.press(60, true)).toBeNull()
    expect(talk.release(1_000)).toBe('stop')
  })

  it('a release without a press does nothing', () => {
    expect(new PressToTalk().release(10)).toBeNull()
  })

  it('losing the pointer during a hold stops talking, but not after a click-to-toggle', () => {
    const held = new PressToTalk()
    held.press(0, false)
    expect(held.cancel(HOLD_THRESHOLD_MS * 2)).toBe('stop')
    const clicked = new PressToTalk()
    clicked.press(0, false)
    expect(clicked.cancel(50)).toBeNull()
  })
})
