import { crashReporter } from 'electron'
import type { CrashReporting } from '../core/diagnostics/crashReporting'

/**
 * Starts Electron's crash reporter. Minidumps are always written locally (the crashDumps
 * folder); they are uploaded only when the user set an address (`uploadToServer` is off
 * otherwise, and nothing leaves the computer).
 */
export function startCrashReporter(choice: CrashReporting): void {
  crashReporter.start({
    submitURL: choice.uploadUrl ?? '',
    uploadToServer: choice.uploadUrl !== null,
    compress: true,
    ignoreSystemCrashHandler: false,
  })
}
