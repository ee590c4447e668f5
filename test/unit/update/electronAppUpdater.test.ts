import { EventEmitter } from 'node:events'
import type { AppUpdater } from 'electron-updater'
import { describe, expect, it } from 'vitest'
import { ElectronAppUpdater } from '../../../electron/main/platform/electronAppUpdater'
import { MemoryLogger } from '../../support/live/eventLog'

/** The part of electron-updater's AppUpdater that ElectronAppUpdater touches, recording what it was asked. */
class FakeAppUpdater extends EventEmitter {
  autoDownload = false
  autoInstallOnAppQuit = false
  channel: string | null = null
  allowPrerelease = false
  allowDowngrade = true
  logger: unknown = null
  installs: [boolean | undefined, boolean | undefined][] = []
  answer: unknown = null

  async checkForUpdates(): Promise<unknown> {
    return this.answer
  }

  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void {
    this.installs.push([isSilent, isForceRunAfter])
  }
}

function rig() {
  const fake = new FakeAppUpdater()
  const updater = new ElectronAppUpdater(fake as unknown as AppUpdater, new MemoryLogger())
  return { fake, updater }
}

describe('ElectronAppUpdater wiring (electron-updater faked)', () => {
  it('downloads in the background and installs on quit', () => {
    const { fake } = rig()
    expect(fake.autoDownload).toBe(true)
    expect(fake.autoInstallOnAppQuit).toBe(true)
  })

  it('"Restart to update" quits and installs with the installer shown, and the new version starts', () => {
    const { fake, updater } = rig()
    updater.quitAndInstall()
    expect(fake.installs).toEqual([[false, true]])
  })

  it('reports the downloaded version to the listener once electron-updater verified it', () => {
    const { fake, updater } = rig()
    const ready: string[] = []
    updater.onDownloaded((version) => ready.push(version))
    fake.emit('update-downloaded', { version: '1.2.0' })
    expect(ready).toEqual(['1.2.0'])
  })

  it('an updater error event is absorbed (an unheard error event would throw in main)', () => {
    const { fake } = rig()
    expect(() => fake.emit('error', new Error('feed unreachable'))).not.toThrow()
  })

  it('stable asks the latest feed without prereleases; beta asks the beta feed with them; never a downgrade', async () => {
    const { fake, updater } = rig()
    await updater.check('beta')
    expect({ channel: fake.channel, allowPrerelease: fake.allowPrerelease, allowDowngrade: fake.allowDowngrade }).toEqual({ channel: 'beta', allowPrerelease: true, allowDowngrade: false })
    await updater.check('stable')
    expect({ channel: fake.channel, allowPrerelease: fake.allowPrerelease, allowDowngrade: fake.allowDowngrade }).toEqual({ channel: 'latest', allowPrerelease: false, allowDowngrade: false })
  })

  it('a found update answers its version, and a failing background download is not an unhandled rejection', async () => {
    const { fake, updater } = rig()
    const unhandled: unknown[] = []
    const record = (reason: unknown) => void unhandled.push(reason)
    process.on('unhandledRejection', record)
    try {
      fake.answer = { isUpdateAvailable: true, updateInfo: { version: '1.3.0' }, downloadPromise: Promise.reject(new Error('disk full')) }
      expect(await updater.check('stable')).toEqual({ version: '1.3.0' })
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', record)
    }
  })

  it('nothing newer (or a dev build, where electron-updater answers null) is no update', async () => {
    const { fake, updater } = rig()
    fake.answer = null
    expect(await updater.check('stable')).toBeNull()
    fake.answer = { isUpdateAvailable: false, updateInfo: { version: '0.1.0' } }
    expect(await updater.check('stable')).toBeNull()
  })
})
