import { z } from 'zod'

/**
 * The user's crash-report choice: `uploadUrl` null (the default) keeps minidumps on this
 * computer; a URL the user set sends them there (takes effect at the next start, when the crash
 * reporter starts). Only https is accepted: a minidump holds memory contents.
 */
export const crashReportingSchema = z.object({
  uploadUrl: z
    .string()
    .max(2_048)
    .refine((value) => {
      try {
        return new URL(value).protocol === 'https:'
      } catch {
        return false
      }
    }, 'the crash report address must be an https:// URL')
    .nullable(),
})
export type CrashReporting = z.infer<typeof crashReportingSchema>

/** Upload off: what a fresh install does. */
export const CRASH_REPORTING_DEFAULT: CrashReporting = { uploadUrl: null }

/** Where the choice is kept (platform/jsonFilePreference.ts: `crash-reporting.json` in the user-data folder). */
export interface CrashReportingStore {
  load(): CrashReporting
  save(choice: CrashReporting): Promise<void>
}
