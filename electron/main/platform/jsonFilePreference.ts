import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import type { z } from 'zod'

/**
 * One small preference kept in its own JSON file in the user-data folder (crash reporting, the
 * update channel): read synchronously, because the crash reporter must start before anything
 * else; a missing, unreadable or invalid file means the default. Writes are atomic.
 */
export class JsonFilePreference<T> {
  private readonly file: string

  constructor(
    directory: string,
    fileName: string,
    private readonly schema: z.ZodType<T>,
    private readonly fallback: T,
  ) {
    this.file = join(directory, fileName)
  }

  load(): T {
    try {
      const parsed = this.schema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')))
      return parsed.success ? parsed.data : this.fallback
    } catch {
      return this.fallback
    }
  }

  async save(value: T): Promise<void> {
    await writeFileAtomic(this.file, `${JSON.stringify(this.schema.parse(value), null, 2)}\n`)
  }
}
