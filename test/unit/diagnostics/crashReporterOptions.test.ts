import { describe, expect, it } from 'vitest'
import { CRASH_REPORTING_DEFAULT, crashReportingSchema } from '../../../electron/main/core/diagnostics/crashReporting'
import { crashReporterOptions } from '../../../electron/main/platform/crashReporterOptions'

describe('crashReporter.start options', () => {
  it('a fresh install uploads nothing: no address, upload off, minidumps kept locally', () => {
    expect(crashReporterOptions(CRASH_REPORTING_DEFAULT)).toEqual({ submitURL: '', uploadToServer: false, compress: true, ignoreSystemCrashHandler: false })
  })

  it('an address the user opted in with is where minidumps go', () => {
    expect(crashReporterOptions({ uploadUrl: 'https://crashes.example.org/submit' })).toEqual({
      submitURL: 'https://crashes.example.org/submit',
      uploadToServer: true,
      compress: true,
      ignoreSystemCrashHandler: false,
    })
  })

  it('only an https address can be chosen, so a minidump never travels in clear text', () => {
    for (const uploadUrl of ['http://crashes.example.org/submit', 'file:///tmp/x', 'not a url', 'https://'.padEnd(2_100, 'a')]) {
      expect(crashReportingSchema.safeParse({ uploadUrl }).success, uploadUrl).toBe(false)
    }
  })
})
