/* global process -- a Node preload script, run by `node --require` */
// Loaded with `node --require` before electronegativity (scripts/security-scan.mjs). The scan
// fetches translations and Electron release data with got 11; with no network, got's retry
// after a request timeout throws from a timer ("The `onCancel` handler was attached after the
// promise settled") and kills the scan before it writes a report. Every got request here gets
// no retries, so offline it simply fails, which electronegativity already handles; the checks
// themselves run on our files as before.
const Module = process.getBuiltinModule('node:module')

const load = Module._load
Module._load = function loadWithoutRetries(request, ...rest) {
  const loaded = load.call(this, request, ...rest)
  if (request !== 'got' || typeof loaded?.extend !== 'function') return loaded
  const noRetry = loaded.extend({ retry: { limit: 0 } })
  noRetry.default = noRetry
  return noRetry
}
