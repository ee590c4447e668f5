import { describe, expect, it, vi } from 'vitest'

const made = vi.hoisted(() => [] as { options: unknown; protectedWith: boolean[] }[])
vi.mock('electron', () => ({
  BrowserWindow: class {
    readonly record: { options: unknown; protectedWith: boolean[] }
    constructor(options: unknown) {
      this.record = { options, protectedWith: [] }
      made.push(this.record)
    }
    setContentProtection(enable: boolean) {
      this.record.protectedWith.push(enable)
    }
  },
}))

const { createSecureWindow } = await import('../../../electron/main/windows/secureWindow')

describe('content protection', () => {
  it('every Sightline window is content-protected as it is made (main, mini and any later kind go through createSecureWindow)', () => {
    createSecureWindow({ width: 460, height: 720 }, '/preload.cjs')
    createSecureWindow({ width: 320, height: 140, frame: false, focusable: false }, '/preload.cjs')
    expect(made.map((w) => w.protectedWith)).toEqual([[true], [true]])
  })
})
