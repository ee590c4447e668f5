/**
 * Encodes contract messages for the WebSocket bridge: a JSON header followed by the raw bytes of
 * every Uint8Array in the message, so PCM and frames cross without base64.
 * Layout: [u32 LE header length][header JSON, UTF-8][attachment 0][attachment 1]…
 */

export type WireMessage =
  | { type: 'invoke'; id: number; channel: string; payload: unknown }
  | { type: 'send'; channel: string; payload: unknown }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'event'; channel: string; payload: unknown }

const BYTES_TAG = '$bytes'
/**
 * Keys dropped when a message is decoded: JSON.parse makes `__proto__` an own key, and copying it
 * into a plain object would set that object's prototype (prototype pollution). `constructor` and
 * `prototype` are dropped too, as no contract payload has them.
 */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype'])
const encoder = new TextEncoder()
const decoder = new TextDecoder()

export class WireDecodeError extends Error {
  readonly code = 'BAD_FRAME'
}

/** Serialises a message, lifting every Uint8Array out as a binary attachment. */
export function encodeWire(message: WireMessage): Uint8Array<ArrayBuffer> {
  const attachments: Uint8Array[] = []
  // Lifted by hand rather than in a JSON replacer: Node's Buffer has a toJSON that would run first.
  const body = JSON.stringify(lift(message, attachments))
  const sizes = JSON.stringify(attachments.map((a) => a.byteLength))
  const fullHeader = encoder.encode(`{"sizes":${sizes},"message":${body}}`)
  const total = 4 + fullHeader.byteLength + attachments.reduce((sum, a) => sum + a.byteLength, 0)
  const out = new Uint8Array(total)
  new DataView(out.buffer).setUint32(0, fullHeader.byteLength, true)
  out.set(fullHeader, 4)
  let offset = 4 + fullHeader.byteLength
  for (const attachment of attachments) {
    out.set(attachment, offset)
    offset += attachment.byteLength
  }
  return out
}

/** Parses a frame made by {@link encodeWire}; throws {@link WireDecodeError} on anything malformed. */
export function decodeWire(frame: Uint8Array): WireMessage {
  if (frame.byteLength < 4) throw new WireDecodeError('frame too short')
  const headerLength = new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getUint32(0, true)
  if (headerLength > frame.byteLength - 4) throw new WireDecodeError('header longer than frame')
  let header: { message?: unknown; sizes?: unknown }
  try {
    header = JSON.parse(decoder.decode(frame.subarray(4, 4 + headerLength))) as typeof header
  } catch {
    throw new WireDecodeError('header is not JSON')
  }
  const sizes = header.sizes
  if (!Array.isArray(sizes) || !sizes.every((s) => Number.isInteger(s) && s >= 0)) {
    throw new WireDecodeError('bad attachment sizes')
  }
  const attachments: Uint8Array[] = []
  let offset = 4 + headerLength
  for (const size of sizes as number[]) {
    if (offset + size > frame.byteLength) throw new WireDecodeError('attachment past end of frame')
    // Copy so the attachment owns an exactly-sized buffer, like a structured clone would.
    attachments.push(new Uint8Array(frame.subarray(offset, offset + size)))
    offset += size
  }
  const message = revive(header.message, attachments)
  if (!isWireMessage(message)) throw new WireDecodeError('unknown message shape')
  return message
}

function lift(value: unknown, attachments: Uint8Array[]): unknown {
  if (value instanceof Uint8Array) {
    attachments.push(value)
    return { [BYTES_TAG]: attachments.length - 1 }
  }
  if (Array.isArray(value)) return value.map((v) => lift(v, attachments))
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, v] of Object.entries(value)) out[key] = lift(v, attachments)
    return out
  }
  return value
}

function revive(value: unknown, attachments: Uint8Array[]): unknown {
  if (Array.isArray(value)) return value.map((v) => revive(v, attachments))
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>
    const keys = Object.keys(record)
    if (keys.length === 1 && keys[0] === BYTES_TAG) {
      const index = record[BYTES_TAG]
      const attachment = typeof index === 'number' ? attachments[index] : undefined
      if (!attachment) throw new WireDecodeError('missing attachment')
      return attachment
    }
    const out: Record<string, unknown> = {}
    for (const key of keys) if (!UNSAFE_KEYS.has(key)) out[key] = revive(record[key], attachments)
    return out
  }
  return value
}

function isWireMessage(value: unknown): value is WireMessage {
  if (value === null || typeof value !== 'object') return false
  const m = value as Record<string, unknown>
  switch (m.type) {
    case 'invoke':
    case 'result':
      return typeof m.id === 'number' && (m.type === 'result' || typeof m.channel === 'string')
    case 'send':
    case 'event':
      return typeof m.channel === 'string'
    default:
      return false
  }
}
