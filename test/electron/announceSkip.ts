import { findElectronBinary } from './electronBinary'

/**
 * Playwright global setup: where the Electron binary is missing, say so once, with the reason,
 * before the list reporter shows every smoke test as skipped (`-`), which it does without one.
 */
export default function announceSkip(): void {
  const binary = findElectronBinary()
  if (binary.path === null) console.log(`Electron smoke suite skipped: ${binary.missingReason}`)
}
