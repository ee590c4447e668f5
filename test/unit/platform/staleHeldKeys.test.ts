import { describe, expect, it } from 'vitest'
import { bindHeldKeyReset } from '../../../electron/main/core/bindHeldKeyReset'
import { ChordTracker, parseAccelerator } from '../../../electron/main/platform/acceleratorChord'
import { silentLogger } from '../../../electron/main/platform/pinoLogger'
import { UiohookPushToTalk } from '../../../electron/main/platform/uiohookPushToTalk'
import { FakePowerSource } from '../../support/faults/fakePowerSource'
import { FakeKeyboardHook, recordingHandlers, VC } from './fakeKeyboardHook'

/** One full press of Ctrl+Shift+Space through the hook: downs, then ups. */
function pressChord(hook: FakeKeyboardHook): void {
  hook.emit('keydown', VC.ctrl)
  hook.emit('keydown', VC.shift)
  hook.emit('keydown', VC.space)
  hook.emit('keyup', VC.space)
  hook.emit('keyup', VC.shift)
  hook.emit('keyup', VC.ctrl)
}

/** Hold-to-talk on Windows through a scripted hook, with its held keys reset by the power events. */
function windowsHotkey() {
  const hook = new FakeKeyboardHook()
  const power = new FakePowerSource()
  const source = new UiohookPushToTalk({ hook, preflight: () => null, platform: 'win32' })
  const { events, h } = recordingHandlers()
  const binding = source.bind('CommandOrControl+Shift+Space', h)
  const unbind = bindHeldKeyReset(power, source, silentLogger)
  return { hook, power, events, binding, unbind }
}

describe('stale held keys: key-ups the lock screen or sleep swallowed', () => {
  it('Win down and L down with no key-ups, then lock and unlock: the first Ctrl+Shift+Space starts talking', () => {
    const { hook, power, events } = windowsHotkey()
    hook.emit('keydown', VC.meta)
    hook.emit('keydown', VC.l)
    power.emit('lock')
    power.emit('unlock')
    pressChord(hook)
    expect(events).toEqual(['press', 'release'])
  })

  it('without a reset the stale Win key blocks all three presses: the fault the reset exists for', () => {
    const tracker = new ChordTracker(parseAccelerator('CommandOrControl+Shift+Space', 'win32'))
    tracker.keyDown(VC.meta)
    tracker.keyDown(VC.l)
    const changes: unknown[] = []
    for (let i = 0; i < 3; i++) {
      changes.push(tracker.keyDown(VC.ctrl), tracker.keyDown(VC.shift), tracker.keyDown(VC.space))
      changes.push(tracker.keyUp(VC.space), tracker.keyUp(VC.shift), tracker.keyUp(VC.ctrl))
    }
    expect(changes.every((c) => c === null)).toBe(true)
    tracker.reset()
    expect(tracker.keyDown(VC.ctrl)).toBeNull()
    expect(tracker.keyDown(VC.shift)).toBeNull()
    expect(tracker.keyDown(VC.space)).toBe('press')
  })

  it.each(['lock', 'unlock', 'suspend', 'resume'] as const)('held-key state resets on %s', (event) => {
    const { hook, power, events } = windowsHotkey()
    hook.emit('keydown', VC.meta)
    power.emit(event)
    pressChord(hook)
    expect(events).toEqual(['press', 'release'])
  })

  it('the lock comes while the chord is held: talking is released once, and the first press after unlock works', () => {
    const { hook, power, events } = windowsHotkey()
    hook.emit('keydown', VC.ctrl)
    hook.emit('keydown', VC.shift)
    hook.emit('keydown', VC.space)
    power.emit('lock')
    expect(events).toEqual(['press', 'release'])
    power.emit('unlock')
    expect(events).toEqual(['press', 'release'])
    pressChord(hook)
    expect(events).toEqual(['press', 'release', 'press', 'release'])
  })

  it('going online or offline leaves a held chord alone, and unbinding stops the resets', () => {
    const { hook, power, events, unbind } = windowsHotkey()
    hook.emit('keydown', VC.ctrl)
    hook.emit('keydown', VC.shift)
    hook.emit('keydown', VC.space)
    power.emit('offline')
    power.emit('online')
    expect(events).toEqual(['press'])
    unbind.dispose()
    expect(power.listenerCount).toBe(0)
    power.emit('lock')
    expect(events).toEqual(['press'])
  })

  it('a disposed binding is no longer reset', () => {
    const { hook, power, events, binding } = windowsHotkey()
    hook.emit('keydown', VC.ctrl)
    hook.emit('keydown', VC.shift)
    hook.emit('keydown', VC.space)
    binding.dispose()
    power.emit('lock')
    expect(events).toEqual(['press', 'release'])
  })
})
