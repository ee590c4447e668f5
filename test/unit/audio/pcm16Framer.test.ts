import { describe, expect, it } from 'vitest'
import { Pcm16Framer } from '../../../renderer/src/audio/pcm16Framer'

const chunk = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'))
const samplesOf = (bytes: Uint8Array) => Array.from(new Int16Array(bytes.slice().buffer))

describe('audio framing: a sample split across two chunks of one turn', () => {
  it('joins AAEA (3 bytes) and AQABAAE= (5 bytes) into the samples 256 × 4, not 256, 1, 1', () => {
    const framer = new Pcm16Framer()
    const first = framer.push(1, chunk('AAEA'))
    const second = framer.push(1, chunk('AQABAAE='))
    expect(samplesOf(first)).toEqual([256])
    expect(samplesOf(second)).toEqual([256, 256, 256])
    expect([...samplesOf(first), ...samplesOf(second)]).toEqual([256, 256, 256, 256])
  })

  it('drops the stray byte when the next chunk belongs to a new turn', () => {
    const framer = new Pcm16Framer()
    expect(samplesOf(framer.push(1, chunk('AAEA')))).toEqual([256])
    expect(samplesOf(framer.push(2, chunk('AAEAAQ==')))).toEqual([256, 256])
  })

  it('drops the stray byte on a flush, so the same turn resumes on a fresh sample', () => {
    const framer = new Pcm16Framer()
    framer.push(1, chunk('AAEA'))
    framer.reset()
    expect(samplesOf(framer.push(1, chunk('AAEAAQ==')))).toEqual([256, 256])
  })

  it('keeps a lone byte until its partner arrives, and an empty chunk changes nothing', () => {
    const framer = new Pcm16Framer()
    expect(framer.push(3, new Uint8Array([0x00])).byteLength).toBe(0)
    expect(framer.push(3, new Uint8Array()).byteLength).toBe(0)
    expect(samplesOf(framer.push(3, new Uint8Array([0x01])))).toEqual([256])
  })
})
