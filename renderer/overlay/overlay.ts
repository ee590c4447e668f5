import { translatorFor } from '../../shared/i18n/translate'
import { parseOverlayFragment } from '../../shared/overlayFragment'
import type { OverlayMarker, OverlayRect } from '../../shared/overlayMarker'

interface OverlayBridge {
  onMarker(listener: (marker: OverlayMarker) => void): void
  onOutline(listener: (rect: OverlayRect | null) => void): void
}

declare global {
  interface Window {
    sightlineOverlay?: OverlayBridge
  }
}

// Main puts the UI language in the URL fragment; the title is the page's only word of its own.
const { locale } = parseOverlayFragment(location.hash)
document.documentElement.lang = locale
document.title = translatorFor(locale)('overlay.pointerTitle')

const marker = document.getElementById('marker')!
const label = document.getElementById('marker-label')!
let hideTimer: ReturnType<typeof setTimeout> | null = null

/** Shows the marker centred on (x, y) CSS pixels with its label (as text, never markup), then hides it. */
export function showMarker(next: OverlayMarker): void {
  marker.style.transform = `translate(${next.x}px, ${next.y}px)`
  label.textContent = next.label
  label.hidden = next.label === ''
  marker.hidden = false
  if (hideTimer) clearTimeout(hideTimer)
  hideTimer = setTimeout(() => (marker.hidden = true), next.durationMs)
}

const outline = document.getElementById('outline')!
/** The outline's border sits outside the region, so the region's own pixels stay as they are. */
const OUTLINE_WIDTH = 2

/** Shows the shared region's outline around `rect` (CSS pixels), or hides it (null). */
export function showOutline(rect: OverlayRect | null): void {
  outline.hidden = rect === null
  if (rect === null) return
  outline.style.left = `${rect.x - OUTLINE_WIDTH}px`
  outline.style.top = `${rect.y - OUTLINE_WIDTH}px`
  outline.style.width = `${rect.width + 2 * OUTLINE_WIDTH}px`
  outline.style.height = `${rect.height + 2 * OUTLINE_WIDTH}px`
}

window.sightlineOverlay?.onMarker(showMarker)
window.sightlineOverlay?.onOutline(showOutline)
