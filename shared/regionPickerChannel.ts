/**
 * The channel the region picker page answers on: the dragged rectangle in its CSS pixels, or null
 * (Esc). Its own module so the region preload shares no code with the overlay preload: a sandboxed
 * preload is one file and cannot load a shared chunk. Main checks the answer (parseOverlayRect).
 */
export const REGION_DONE_CHANNEL = 'region:done'
