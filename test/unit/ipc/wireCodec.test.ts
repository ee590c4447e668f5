import { describe, expect, it } from 'vitest'
import { decodeWire, encodeWire, WireDecodeError } from '../../../shared/wireCodec'

describe('wire codec for the WebSocket bridge', () => {
  it('carries PCM bytes as raw attachments, not base64, and restores them exactly', () => {
    const pcm = new Uint8Array(1280).map((_, i) => i % 251)
    const frame = encodeWire({ type: 'send', channel: 'media:audio', payload: pcm })
    expect(frame.byteLength).toBeLessThan(1280 + 120)
    const back = decodeWire(frame)
    expect(back).toEqual({ type: 'send', channel: 'media:audio', payload: pcm })
  })

  it('keeps nested structure with several attachments', () => {
    const a = new Uint8Array([1, 2, 3])
    const b = new Uint8Array([4, 5])
    const msg = { type: 'event' as const, channel: 'x', payload: { list: [a, { b }], n: 1, s: 'é' } }
    expect(decodeWire(encodeWire(msg))).toEqual(msg)
  })

  it('treats a Node Buffer as bytes, not as its JSON form', () => {
    const msg = { type: 'event' as const, channel: 'session:audio', payload: { pcm: Buffer.from([9, 8, 7]) } }
    const back = decodeWire(encodeWire(msg)) as { payload: { pcm: Uint8Array } }
    expect([...back.payload.pcm]).toEqual([9, 8, 7])
  })

  it('prototype pollution: drops __proto__, constructor and prototype keys at every depth', () => {
    const frame = withHeader(
      '{"sizes":[],"message":{"type":"send","channel":"settings:update","payload":{"__proto__":{"isAdmin":true},"voice":"Puck",' +
        '"vad":{"constructor":{"prototype":{"polluted":1}},"mode":"hands-free"},"list":[{"__proto__":{"x":1},"y":2}]}}}',
    )
    const back = decodeWire(frame) as { payload: Record<string, unknown> & { vad: Record<string, unknown>; list: Record<string, unknown>[] } }
    expect(back.payload).toEqual({ voice: 'Puck', vad: { mode: 'hands-free' }, list: [{ y: 2 }] })
    expect(Object.getPrototypeOf(back.payload)).toBe(Object.prototype)
    expect((back.payload as { isAdmin?: unknown }).isAdmin).toBeUndefined()
    expect(Object.keys(back.payload.vad)).toEqual(['mode'])
    expect(Object.getPrototypeOf(back.payload.list[0])).toBe(Object.prototype)
    expect(({} as { isAdmin?: unknown; polluted?: unknown }).isAdmin ?? ({} as { polluted?: unknown }).polluted).toBeUndefined()
  })

  it.each([
    ['an empty frame', new Uint8Array(0)],
    ['a header longer than the frame', new Uint8Array([255, 255, 0, 0, 1])],
    ['a header that is not JSON', withHeader('{nope')],
    ['attachments past the end', withHeader('{"sizes":[10],"message":{"type":"send","channel":"c","payload":{"$bytes":0}}}')],
    ['a reference to a missing attachment', withHeader('{"sizes":[],"message":{"type":"send","channel":"c","payload":{"$bytes":3}}}')],
    ['an unknown message type', withHeader('{"sizes":[],"message":{"type":"exec","cmd":"x"}}')],
    ['negative sizes', withHeader('{"sizes":[-1],"message":{"type":"send","channel":"c"}}')],
  ])('refuses %s with a typed error', (_name, frame) => {
    expect(() => decodeWire(frame)).toThrow(WireDecodeError)
  })
})

function withHeader(json: string): Uint8Array {
  const header = new TextEncoder().encode(json)
  const out = new Uint8Array(4 + header.byteLength)
  new DataView(out.buffer).setUint32(0, header.byteLength, true)
  out.set(header, 4)
  return out
}
