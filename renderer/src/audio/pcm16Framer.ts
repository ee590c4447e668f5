/**
 * Cuts a turn's stream of PCM16 little-endian bytes into whole samples. The Live API's audio
 * chunks (`serverContent.modelTurn.parts[].inlineData`, `audio/pcm;rate=24000`) are byte
 * strings with no promise to end on a sample boundary, so a chunk may end half-way through a
 * sample whose other byte opens the next chunk. Reading each chunk on its own shifts every later
 * sample by one byte (noise) and counts half samples.
 */
export class Pcm16Framer {
  private turnId: number | null = null
  /** The low byte of a sample whose high byte has not arrived yet, or null. */
  private stray: number | null = null

  /**
   * The whole samples `bytes` completes for `turnId`, as PCM16 LE bytes (always an even count,
   * possibly empty). A trailing odd byte is kept for the next chunk of the same turn; a chunk of
   * another turn drops it, since a new answer never continues an old one's sample.
   */
  push(turnId: number, bytes: Uint8Array): Uint8Array<ArrayBuffer> {
    if (turnId !== this.turnId) {
      this.turnId = turnId
      this.stray = null
    }
    const carried = this.stray === null ? 0 : 1
    const total = carried + bytes.byteLength
    const whole = total & ~1
    const out = new Uint8Array(whole)
    if (whole > 0) {
      if (this.stray !== null) out[0] = this.stray
      out.set(bytes.subarray(0, whole - carried), carried)
    }
    this.stray = total % 2 === 1 ? (bytes.byteLength > 0 ? bytes[bytes.byteLength - 1]! : this.stray) : null
    return out
  }

  /** Drops a carried byte: playback was flushed, so whatever follows starts on a fresh sample. */
  reset(): void {
    this.stray = null
    this.turnId = null
  }
}
