import { copyFile, mkdir, readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import type { SettingsRepository } from '../core/settings/settingsRepository'

/** The settings file's name inside the user-data folder. */
export const SETTINGS_FILE_NAME = 'settings.json'

export interface JsonFileSettingsRepositoryOptions {
  /** The app's user-data folder (`app.getPath('userData')` in production). */
  directory: string
  fileName?: string
}

/**
 * Settings as a JSON file in the user-data folder. Saves go through write-file-atomic: the text
 * is written and fsynced to a temporary file beside the target, then renamed over it, so a
 * crash or power cut leaves the old file or the new one, never half of one.
 */
export class JsonFileSettingsRepository implements SettingsRepository {
  /** The settings file's full path. */
  readonly path: string
  private readonly directory: string

  constructor(options: JsonFileSettingsRepositoryOptions) {
    this.directory = options.directory
    this.path = join(options.directory, options.fileName ?? SETTINGS_FILE_NAME)
  }

  async load(): Promise<string | null> {
    try {
      return await readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
  }

  async save(text: string): Promise<void> {
    await mkdir(this.directory, { recursive: true })
    await writeFileAtomic(this.path, text, { encoding: 'utf8', fsync: true })
  }

  async moveAside(suffix: string): Promise<string> {
    const target = `${this.path}.${suffix}`
    await rename(this.path, target)
    return target
  }

  async copyAside(suffix: string): Promise<string> {
    const target = `${this.path}.${suffix}`
    await copyFile(this.path, target)
    return target
  }
}
