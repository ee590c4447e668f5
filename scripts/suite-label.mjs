// The word `npm test` prints before a suite's counts. A suite whose every test was skipped did
// not pass: it says `skipped` (the Electron smoke suite, where the binary cannot be downloaded).

/**
 * @param {{ passed: number, failed: number, skipped: number }} counts
 * @returns {'FAIL' | 'skipped' | 'ok'}
 */
export function suiteLabel(counts) {
  if (counts.failed > 0) return 'FAIL'
  if (counts.passed === 0 && counts.skipped > 0) return 'skipped'
  return 'ok'
}
