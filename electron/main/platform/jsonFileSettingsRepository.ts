import { constants } from 'node:fs'
import { copyFile, mkdir, open, rename } from 'node:fs/promises'
import { join } from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import type { SettingsRepository } from '../core/ports'

/** The settings file's name inside the user-data folder. */
export const SETTINGS_FILE_NAME = 'settings.json'

/**
 * Largest settings file read: settings are a few kilobytes (the longest field, the system
 * instruction, is 20,000 characters), so anything past this is not ours and is not re-read at
 * every start.
 */
export const MAX_SETTINGS_FILE_BYTES = 1024 * 1024

/** A settings path that cannot be read as settings: not a regular file, or too large. Its message says which. */
export class SettingsFileRefusedError extends Error {
  constructor(
    readonly code: 'EISDIR' | 'ENOTREGULAR' | 'EFBIG',
    message: string,
  ) {
    super(message)
    this.name = 'SettingsFileRefusedError'
  }
}

export interface JsonFileSettingsRepositoryOptions {
  /** The app's user-data folder (`app.getPath('userData')` in production). */
  directory: string
  fileName?: string
  /** Largest file read; {@link MAX_SETTINGS_FILE_BYTES} unless given (a crash test saves padded 24 MB files). */
  maxFileBytes?: number
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
  private readonly maxFileBytes: number

  constructor(options: JsonFileSettingsRepositoryOptions) {
    this.directory = options.directory
    this.path = join(options.directory, options.fileName ?? SETTINGS_FILE_NAME)
    this.maxFileBytes = options.maxFileBytes ?? MAX_SETTINGS_FILE_BYTES
  }

  /**
   * The file's text, without a UTF-8 byte-order mark (editors such as Notepad add one, and
   * JSON.parse refuses it); null when there is no file. Throws {@link SettingsFileRefusedError}
   * for anything that is not a regular file (a named pipe would block the read, and startup with
   * it) or is larger than the cap ({@link MAX_SETTINGS_FILE_BYTES}); other I/O errors as they are.
   */
  async load(): Promise<string | null> {
    let handle: Awaited<ReturnType<typeof open>>
    try {
      // Non-blocking, so opening a named pipe returns at once instead of waiting for a writer.
      handle = await open(this.path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
    try {
      const info = await handle.stat()
      if (info.isDirectory()) throw new SettingsFileRefusedError('EISDIR', 'it is a folder, not a file')
      if (!info.isFile()) throw new SettingsFileRefusedError('ENOTREGULAR', 'it is not a regular file (a pipe, socket or device)')
      if (info.size > this.maxFileBytes) {
        throw new SettingsFileRefusedError('EFBIG', `it is ${Math.round(info.size / 1024)} KB, more than settings ever take`)
      }
      const bytes = await handle.readFile()
      if (bytes.byteLength > this.maxFileBytes) throw new SettingsFileRefusedError('EFBIG', 'it grew past the size settings ever take')
      return bytes.toString('utf8').replace(/^\uFEFF/, '')
    } finally {
      await handle.close()
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
