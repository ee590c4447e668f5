import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import type { CachedModelList, ModelListCache } from '../core/models/modelPorts'

/** The cache file's name inside the user-data folder. */
export const MODEL_LIST_FILE_NAME = 'models.json'
/** A cache larger than this is not read (a listing of a few hundred models is a few KB). */
const MAX_BYTES = 256 * 1024

/**
 * The last good Live model list, as JSON in the user-data folder, written atomically and
 * readable by the user only. `load` returns the parsed JSON (core checks its shape) or null when
 * there is no file; an oversized or unreadable file rejects, and discovery logs it and moves on.
 */
export class JsonFileModelListCache implements ModelListCache {
  readonly path: string

  constructor(private readonly directory: string) {
    this.path = join(directory, MODEL_LIST_FILE_NAME)
  }

  async load(): Promise<unknown> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
    if (text.length > MAX_BYTES) throw new Error(`model cache is ${text.length} bytes, more than ${MAX_BYTES}`)
    return JSON.parse(text) as unknown
  }

  async save(list: CachedModelList): Promise<void> {
    await mkdir(this.directory, { recursive: true })
    await writeFileAtomic(this.path, `${JSON.stringify(list, null, 2)}\n`, { encoding: 'utf8', fsync: true, mode: 0o600 })
  }
}
