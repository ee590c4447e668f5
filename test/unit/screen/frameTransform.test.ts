import { describe, expect, it } from 'vitest'
import {
  desktopPointToFrame,
  fittedSize,
  frameRectToDesktop,
  normalizedToDesktop,
  ringInOutput,
} from '../../../electron/main/core/screen/frameTransform'

const display = (x: number, y: number, width: number, height: number, scaleFactor: number) => ({ bounds: { x, y, width, height }, scaleFactor })

describe('the pointer into frame pixels', () => {
  it.each([
    ['scale 1, frame at capture size', display(0, 0, 1920, 1080, 1), 1920, 1080, { x: 960, y: 540 }, { x: 960, y: 540 }],
    ['scale 1.5: a 2560×1440 DIP display captured at 3840×2160', display(0, 0, 2560, 1440, 1.5), 3840, 2160, { x: 100, y: 200 }, { x: 150, y: 300 }],
    ['scale 2 (Retina): capture is 3840×2160', display(0, 0, 1920, 1080, 2), 3840, 2160, { x: 100, y: 50 }, { x: 200, y: 100 }],
    ['scale 2, page pre-scaled the frame to 1024 wide', display(0, 0, 1920, 1080, 2), 1024, 576, { x: 960, y: 540 }, { x: 512, y: 288 }],
    ['display left of the primary (negative origin)', display(-1920, 0, 1920, 1080, 1), 1920, 1080, { x: -1820, y: 100 }, { x: 100, y: 100 }],
    ['display above the primary, scale 1.5', display(0, -1440, 2560, 1440, 1.5), 3840, 2160, { x: 10, y: -1430 }, { x: 15, y: 15 }],
    ['window source: the frame is the window', display(300, 200, 800, 600, 1), 800, 600, { x: 900, y: 700 }, { x: 600, y: 500 }],
    ['window source on a scale-2 display, frame at physical size', display(300, 200, 800, 600, 2), 1600, 1200, { x: 310, y: 210 }, { x: 20, y: 20 }],
    ['the top-left corner pixel is in the frame', display(-1280, -720, 1280, 720, 1), 1280, 720, { x: -1280, y: -720 }, { x: 0, y: 0 }],
  ])('%s', (_name, area, width, height, point, expected) => {
    expect(desktopPointToFrame(point, area, width, height)).toEqual(expected)
  })

  it.each([
    ['on another display to the right', { x: 1920, y: 10 }],
    ['left of a display at the origin', { x: -1, y: 10 }],
    ['below it', { x: 10, y: 1080 }],
  ])('a pointer %s is not in the frame', (_name, point) => {
    expect(desktopPointToFrame(point, display(0, 0, 1920, 1080, 1), 1920, 1080)).toBeNull()
  })

  it('an empty area places nothing', () => {
    expect(desktopPointToFrame({ x: 0, y: 0 }, display(0, 0, 0, 0, 1), 1920, 1080)).toBeNull()
  })
})

describe('frame rectangles back to the desktop', () => {
  it.each([
    ['scale 2 display, frame pre-scaled to 1024', display(0, 0, 1920, 1080, 2), 1024, 576, { x: 512, y: 288, width: 256, height: 144 }, { x: 960, y: 540, width: 480, height: 270 }],
    ['negative origin, scale 1.5', display(-2560, 0, 2560, 1440, 1.5), 3840, 2160, { x: 150, y: 300, width: 1350, height: 900 }, { x: -2460, y: 200, width: 900, height: 600 }],
  ])('%s', (_name, area, width, height, rect, expected) => {
    expect(frameRectToDesktop(rect, area, width, height)).toEqual(expected)
  })
})

describe('point_at coordinates (0–1000) back to the desktop', () => {
  it.each([
    ['centre of a display at a negative origin', { x: 500, y: 500 }, { x: -1920, y: -200, width: 1920, height: 1080 }, { x: -960, y: 340 }],
    ['top-left corner of a window', { x: 0, y: 0 }, { x: 300, y: 200, width: 800, height: 600 }, { x: 300, y: 200 }],
    ['bottom-right corner of a region', { x: 1000, y: 1000 }, { x: 100, y: 100, width: 900, height: 600 }, { x: 1000, y: 700 }],
  ])('%s', (_name, point, view, expected) => {
    expect(normalizedToDesktop(point, view)).toEqual(expected)
  })

  it('the round trip: a desktop point through a frame and back lands where it started', () => {
    const area = display(-2560, 0, 2560, 1440, 1.5)
    const pointer = { x: -1000, y: 333 }
    const inFrame = desktopPointToFrame(pointer, area, 1024, 576)!
    const back = normalizedToDesktop({ x: (inFrame.x / 1024) * 1000, y: (inFrame.y / 576) * 1000 }, area.bounds)
    expect(back.x).toBeCloseTo(pointer.x, 6)
    expect(back.y).toBeCloseTo(pointer.y, 6)
  })

  it.each([
    ['above 1000', { x: 1001, y: 5 }],
    ['negative', { x: 5, y: -1 }],
    ['not a number', { x: Number.NaN, y: 5 }],
    ['infinite', { x: 5, y: Number.POSITIVE_INFINITY }],
  ])('out of range input (%s) is refused with a readable error', (_name, point) => {
    expect(() => normalizedToDesktop(point, { x: 0, y: 0, width: 100, height: 100 })).toThrow(/x and y must be numbers from 0 to 1000/)
  })
})

describe('the ring in the encoded image', () => {
  it.each([
    ['landscape', 1920, 1080, 1024, { width: 1024, height: 576 }],
    ['portrait', 1080, 1920, 1024, { width: 576, height: 1024 }],
    ['already fits: a 900×600 region keeps its size', 900, 600, 1024, { width: 900, height: 600 }],
    ['ultrawide', 3440, 1440, 1024, { width: 1024, height: 429 }],
  ])('fitted size, %s', (_name, w, h, longSide, expected) => {
    expect(fittedSize(w, h, longSide)).toEqual(expected)
  })

  it('moves the pointer into the crop and scales it to the output', () => {
    expect(ringInOutput({ x: 1000, y: 550 }, { x: 100, y: 100, width: 1800, height: 900 }, 1024, 512)).toEqual({ x: 512, y: 256 })
  })

  it('a pointer outside the crop has no ring', () => {
    expect(ringInOutput({ x: 50, y: 500 }, { x: 100, y: 100, width: 900, height: 600 }, 900, 600)).toBeNull()
  })
})
