import type { AppUpdater, UpdateInfo } from 'electron-updater'
import type { Logger } from '../core/ports'
import type { UpdateChannel, Updater } from '../core/update/autoUpdateService'

/**
 * The Updater port on electron-updater (GitHub Releases in the packaged app: the release
 * workflow publishes the `latest*.yml` / `beta*.yml` feeds). Downloads start in the background
 * and install on quit; electron-updater itself honours `stagingPercentage` (staged rollouts),
 * checks the file's sha512 and, on Windows and macOS, the code signature. Failures reach
 * {@link check}'s promise or the log, never a dialog.
 */
export class ElectronAppUpdater implements Updater {
  constructor(
    private readonly updater: AppUpdater,
    logger: Logger,
  ) {
    updater.autoDownload = true
    updater.autoInstallOnAppQuit = true
    updater.logger = {
      info: (message?: unknown) => logger.debug('updater', { message: String(message) }),
      warn: (message?: unknown) => logger.info('updater', { message: String(message) }),
      error: (message?: unknown) => logger.info('updater failed', { message: String(message) }),
      debug: (message: string) => logger.debug('updater', { message }),
    }
    // An 'error' event without a listener would throw; failures are logged and retried by the service.
    updater.on('error', () => {})
  }

  async check(channel: UpdateChannel): Promise<{ version: string } | null> {
    // Setting `channel` makes electron-updater allow downgrades; a user leaving beta waits for stable to pass them instead.
    this.updater.channel = channel === 'beta' ? 'beta' : 'latest'
    this.updater.allowPrerelease = channel === 'beta'
    this.updater.allowDowngrade = false
    const result = await this.updater.checkForUpdates()
    if (!result?.isUpdateAvailable) return null
    // The download goes on in the background; its failure is already logged through the 'error' event.
    result.downloadPromise?.catch(() => {})
    return { version: result.updateInfo.version }
  }

  onDownloaded(listener: (version: string) => void): void {
    this.updater.on('update-downloaded', (info: UpdateInfo) => listener(info.version))
  }

  quitAndInstall(): void {
    this.updater.quitAndInstall(false, true)
  }
}
