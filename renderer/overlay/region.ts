import type { OverlayRect } from '../../shared/overlayMarker'

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
let start: { x: number; y: number } | null = null
let answered = false

function answer(rect: OverlayRect | null): void {
  if (answered) return
  answered = true
  window.sightlineRegion?.done(rect)
}

function draw(rect: OverlayRect): void {
  selection.hidden = false
  selection.style.left = `${rect.x}px`
  selection.style.top = `${rect.y}px`
  selection.style.width = `${rect.width}px`
  selection.style.height = `${rect.height}px`
}

window.addEventListener('pointerdown', (event) => {
  if (event.button !== 0) return
  start = { x: event.clientX, y: event.clientY }
  document.documentElement.setPointerCapture?.(event.pointerId)
  draw({ ...start, width: 0, height: 0 })
})
window.addEventListener('pointermove', (event) => {
  if (start) draw(rectBetween(start, { x: event.clientX, y: event.clientY }))
})
window.addEventListener('pointerup', (event) => {
  if (!start) return
  // Main checks the size (at least 32 px) and says why a region is refused.
  answer(rectBetween(start, { x: event.clientX, y: event.clientY }))
  start = null
})
window.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') answer(null)
})
