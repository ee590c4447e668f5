/**
 * The one rule for what Sightline hands to the OS browser: plain https, no credentials. Used by
 * the window guards, the desktop adapters and the open_url tool, so the user is never asked
 * about a link that would then be refused.
 */
export function isSafeExternalUrl(raw: string): boolean {
  try {
    const url = new URL(raw)
    return url.protocol === 'https:' && url.username === '' && url.password === '' && url.hostname !== ''
  } catch {
    return false
  }
}
