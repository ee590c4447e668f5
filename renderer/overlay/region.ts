import { translatorFor } from '../../shared/i18n/translate'
import { parseOverlayFragment } from '../../shared/overlayFragment'
import type { OverlayRect } from '../../shared/overlayMarker'
import { arrowKeyStep, isInside, moveRectWithin } from '../../shared/regionMove'

interface RegionBridge {
  done(rect: OverlayRect | null): void
}

declare global {
  interface Window {
    sightlineRegion?: RegionBridge
  }
}

/** The rectangle between two corners, in whole CSS pixels, whatever way the user dragged. */
export function rectBetween(a: { x: number; y: number }, b: { x: number; y: number }): OverlayRect {
  const x = Math.round(Math.min(a.x, b.x))
  const y = Math.round(Math.min(a.y, b.y))
  return { x, y, width: Math.round(Math.max(a.x, b.x)) - x, height: Math.round(Math.max(a.y, b.y)) - y }
}

const selection = document.getElementById('selection')!
const hint = document.getElementById('hint')!
/** Main puts the UI language and the region already shared in the URL fragment. */
const given = parseOverlayFragment(location.hash)
/** The page's words, from the shared catalogue in the UI language. */
const t = translatorFor(given.locale)
document.documentElement.lang = given.locale
document.title = t('overlay.regionTitle')
/** The region shown now: the one already shared, moved, or newly drawn. */
let current: OverlayRect | null = given.region
/** A drag in progress: drawing from a corner, or moving `current` as it was at the press. */
let drag: { kind: 'draw'; from: { x: number; y: number } } | { kind: 'move'; from: { x: number; y: number }; start: OverlayRect } | null = null
let answered = false

function answer(rect: OverlayRect | null): void {
  if (answered) return
  answered = true
  window.sightlineRegion?.done(rect)
}

function draw(rect: OverlayRect): void {
  current = rect
  selection.hidden = false
  selection.style.left = `${rect.x}px`
  selection.style.top = `${rect.y}px`
  selection.style.width = `${rect.width}px`
  selection.style.height = `${rect.height}px`
}

function viewport(): { width: number; height: number } {
  return { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight }
}

hint.textContent = t(current ? 'overlay.regionMoveHint' : 'overlay.regionHint')
if (current) draw(moveRectWithin(current, 0, 0, viewport()))

window.addEventListener('pointerdown', (event) => {
  if (event.button !== 0) return
  const at = { x: event.clientX, y: event.clientY }
  drag = current && isInside(current, at) ? { kind: 'move', from: at, start: current } : { kind: 'draw', from: at }
  document.documentElement.setPointerCapture?.(event.pointerId)
  if (drag.kind === 'draw') draw({ ...at, width: 0, height: 0 })
})
window.addEventListener('pointermove', (event) => {
  const at = { x: event.clientX, y: event.clientY }
  document.documentElement.classList.toggle('over-region', drag?.kind === 'move' || (!drag && current !== null && isInside(current, at)))
  if (!drag) return
  draw(drag.kind === 'draw' ? rectBetween(drag.from, at) : moveRectWithin(drag.start, at.x - drag.from.x, at.y - drag.from.y, viewport()))
})
window.addEventListener('pointerup', (event) => {
  if (!drag) return
  const at = { x: event.clientX, y: event.clientY }
  // Main checks the size (at least 32 px) and says why a region is refused.
  answer(drag.kind === 'draw' ? rectBetween(drag.from, at) : moveRectWithin(drag.start, at.x - drag.from.x, at.y - drag.from.y, viewport()))
  drag = null
})
window.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') return answer(null)
  if (event.key === 'Enter' && current) return answer(current)
  const step = arrowKeyStep(event.key, event.shiftKey)
  if (step && current && !drag) {
    event.preventDefault()
    draw(moveRectWithin(current, step.dx, step.dy, viewport()))
  }
})
