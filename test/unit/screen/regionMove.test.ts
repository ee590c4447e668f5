import { describe, expect, it } from 'vitest'
import { overlayFragment, parseOverlayFragment } from '../../../shared/overlayFragment'
import { arrowKeyStep, isInside, moveRectWithin } from '../../../shared/regionMove'

const display = { width: 1920, height: 1080 }
const region = { x: 100, y: 200, width: 900, height: 600 }

describe('moving a shared region', () => {
  it.each([
    ['a move inside the display', 50, -30, { x: 150, y: 170, width: 900, height: 600 }],
    ['past the left and top edges: stops at them', -500, -500, { x: 0, y: 0, width: 900, height: 600 }],
    ['past the right and bottom edges: stops at them', 5_000, 5_000, { x: 1020, y: 480, width: 900, height: 600 }],
    ['fractional pointer deltas: whole pixels', 0.6, 0.4, { x: 101, y: 200, width: 900, height: 600 }],
  ])('%s', (_name, dx, dy, moved) => {
    expect(moveRectWithin(region, dx, dy, display)).toEqual(moved)
  })

  it('never changes the size; one larger than the display is pinned to its top-left', () => {
    expect(moveRectWithin({ x: 10, y: 10, width: 2000, height: 1200 }, 30, 30, display)).toEqual({ x: 0, y: 0, width: 2000, height: 1200 })
  })

  it.each([
    ['ArrowLeft', false, { dx: -1, dy: 0 }],
    ['ArrowRight', true, { dx: 10, dy: 0 }],
    ['ArrowUp', false, { dx: 0, dy: -1 }],
    ['ArrowDown', true, { dx: 0, dy: 10 }],
    ['a', false, null],
  ])('arrow key %s (Shift %s)', (key, isShift, step) => {
    expect(arrowKeyStep(key, isShift)).toEqual(step)
  })

  it('hands the region and the UI language to the picker page in the URL fragment; the page reads back only four whole numbers and a language it has', () => {
    expect(overlayFragment({ locale: 'de', region })).toBe('#lang=de&region=100,200,900,600')
    expect(parseOverlayFragment(overlayFragment({ locale: 'de', region }))).toEqual({ locale: 'de', region })
    expect(parseOverlayFragment(overlayFragment({ locale: 'ja' }))).toEqual({ locale: 'ja', region: null })
    for (const bad of ['', '#', '#1,2,3', '#-1,2,3,4', '#1,2,3,4,5', '#1.5,2,3,4', '#a,b,c,d', '#100001,0,40,40', '#1,2,3,4<script>']) {
      expect(parseOverlayFragment(bad.replace('#', '#region='))).toEqual({ locale: 'en', region: null })
    }
  })

  it('unknown locale in the fragment: the overlay page falls back to English', () => {
    expect(parseOverlayFragment('#lang=xx&region=1,2,40,40')).toEqual({ locale: 'en', region: { x: 1, y: 2, width: 40, height: 40 } })
    expect(parseOverlayFragment('#lang=de-AT').locale).toBe('en')
    expect(parseOverlayFragment('#lang=constructor').locale).toBe('en')
  })

  it('a press inside the region moves it; on or past its far edges draws anew', () => {
    expect(isInside(region, { x: 100, y: 200 })).toBe(true)
    expect(isInside(region, { x: 999, y: 799 })).toBe(true)
    expect(isInside(region, { x: 1000, y: 500 })).toBe(false)
    expect(isInside(region, { x: 99, y: 500 })).toBe(false)
  })
})
