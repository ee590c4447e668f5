import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import { CRASH_REPORTING_DEFAULT, crashReportingSchema, type CrashReporting, type CrashReportingStore } from '../core/diagnostics/crashReporting'

/**
 * `crash-reporting.json` in the user-data folder. Read synchronously because the crash reporter
 * must start before anything else; a missing or unreadable file means upload off.
 */
export class JsonFileCrashReportingStore implements CrashReportingStore {
  private readonly file: string

  constructor(directory: string) {
    this.file = join(directory, 'crash-reporting.json')
  }

  load(): CrashReporting {
    try {
      const parsed = crashReportingSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')))
      return parsed.success ? parsed.data : CRASH_REPORTING_DEFAULT
    } catch {
      return CRASH_REPORTING_DEFAULT
    }
  }

  async save(choice: CrashReporting): Promise<void> {
    await writeFileAtomic(this.file, `${JSON.stringify(crashReportingSchema.parse(choice), null, 2)}\n`)
  }
}
