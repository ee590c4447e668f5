/** True for the overlay pages (the marker/outline page and the region picker), which must not receive the app's events. */
export function isOverlayPage(url: string): boolean {
  try {
    return new URL(url).pathname.startsWith('/overlay/')
  } catch {
    return false
  }
}
