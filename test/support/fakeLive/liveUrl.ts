/**
 * Reads the Live endpoint out of a raw upgrade request path. The SDK dials
 * `//ws/google.ai.generativelanguage.<version>.GenerativeService.<method>?key=…` with a double
 * slash, which `new URL()` would misread as a protocol-relative host (live-protocol.md §1.2).
 */
const LIVE_PATH =
  /^(?:\/[^?]*?)?\/+ws\/google\.ai\.generativelanguage\.(v1alpha|v1beta|v1)\.GenerativeService\.(BidiGenerateContent|BidiGenerateContentConstrained)(\?.*)?$/

export interface LiveEndpoint {
  apiVersion: 'v1' | 'v1beta' | 'v1alpha'
  method: 'BidiGenerateContent' | 'BidiGenerateContentConstrained'
  /** Which query parameter carried the credential, if any. */
  credentialParam: 'key' | 'access_token' | null
  credential: string | null
}

/** The endpoint named by a raw request path, or null when it is not a Live path. */
export function parseLiveUpgradePath(rawPath: string): LiveEndpoint | null {
  const match = LIVE_PATH.exec(rawPath)
  if (!match) return null
  const query = new URLSearchParams((match[3] ?? '').slice(1))
  // The SDK does not URL-encode the key; URLSearchParams would turn a '+' into a space.
  const raw = (name: string) => (match[3] ?? '').slice(1).split('&').find((p) => p.startsWith(`${name}=`))?.slice(name.length + 1) ?? null
  const credentialParam = query.has('access_token') ? 'access_token' : query.has('key') ? 'key' : null
  return {
    apiVersion: match[1] as LiveEndpoint['apiVersion'],
    method: match[2] as LiveEndpoint['method'],
    credentialParam,
    credential: credentialParam ? decodeURIComponentSafe(raw(credentialParam) ?? '') : null,
  }
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
