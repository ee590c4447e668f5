import type { CrashReporting } from '../core/diagnostics/crashReporting'

/** The options Sightline passes to Electron's `crashReporter.start` (a subset of its CrashReporterStartOptions). */
export interface CrashReporterOptions {
  submitURL: string
  uploadToServer: boolean
  compress: boolean
  ignoreSystemCrashHandler: boolean
}

/**
 * `crashReporter.start`'s options for the user's choice. Minidumps are always written locally
 * (Electron's crashDumps folder); `uploadToServer` is on only when the user set an https address,
 * so by default nothing leaves the computer. The system's own crash handler stays in place.
 */
export function crashReporterOptions(choice: CrashReporting): CrashReporterOptions {
  return {
    submitURL: choice.uploadUrl ?? '',
    uploadToServer: choice.uploadUrl !== null,
    compress: true,
    ignoreSystemCrashHandler: false,
  }
}
