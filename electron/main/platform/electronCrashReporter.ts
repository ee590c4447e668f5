import { crashReporter } from 'electron'
import type { CrashReporting } from '../core/diagnostics/crashReporting'
import { crashReporterOptions } from './crashReporterOptions'

/** Starts Electron's crash reporter for the user's choice (upload off unless they set an address: crashReporterOptions.ts). */
export function startCrashReporter(choice: CrashReporting): void {
  crashReporter.start(crashReporterOptions(choice))
}
