import { mkdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import type { Logger } from '../core/ports'
import type { PreviewLanguage } from '../core/voices/previewSentence'
import type { VoiceSample, VoiceSampleCache } from '../core/ports'

const HEADER_BYTES = 44
/** Voice names are single words (modelCatalogue.ts); anything else never becomes a file name. */
const VOICE_NAME = /^[A-Za-z]{1,40}$/

/**
 * Voice previews as 16-bit mono WAV files in `<userData>/voice-previews/<Voice>.<language>.wav`,
 * written atomically. A file whose header does not describe exactly the bytes that follow
 * (truncated, overwritten, not a WAV) counts as damaged: it is removed and read as missing.
 */
export class WavFileVoiceSampleCache implements VoiceSampleCache {
  constructor(private readonly deps: { folder: string; logger: Logger }) {}

  async read(voice: string, language: PreviewLanguage): Promise<VoiceSample | null> {
    const path = this.pathOf(voice, language)
    let bytes: Buffer
    try {
      bytes = await readFile(path)
    } catch {
      return null
    }
    const sample = parseWav(bytes)
    if (!sample) {
      this.deps.logger.warn('damaged voice preview removed; it will be made again', { voice, language })
      await rm(path, { force: true })
    }
    return sample
  }

  async write(voice: string, language: PreviewLanguage, sample: VoiceSample): Promise<void> {
    await mkdir(this.deps.folder, { recursive: true })
    await writeFileAtomic(this.pathOf(voice, language), toWav(sample))
  }

  private pathOf(voice: string, language: PreviewLanguage): string {
    if (!VOICE_NAME.test(voice)) throw new Error(`not a voice name: ${JSON.stringify(voice)}`)
    return join(this.deps.folder, `${voice}.${language}.wav`)
  }
}

/** A canonical 44-byte-header PCM WAV (RIFF/WAVE, fmt PCM 1 channel 16 bit, data). */
export function toWav(sample: VoiceSample): Buffer {
  const header = Buffer.alloc(HEADER_BYTES)
  header.write('RIFF', 0, 'ascii')
  header.writeUInt32LE(36 + sample.pcm.byteLength, 4)
  header.write('WAVE', 8, 'ascii')
  header.write('fmt ', 12, 'ascii')
  header.writeUInt32LE(16, 16)
  header.writeUInt16LE(1, 20)
  header.writeUInt16LE(1, 22)
  header.writeUInt32LE(sample.sampleRate, 24)
  header.writeUInt32LE(sample.sampleRate * 2, 28)
  header.writeUInt16LE(2, 32)
  header.writeUInt16LE(16, 34)
  header.write('data', 36, 'ascii')
  header.writeUInt32LE(sample.pcm.byteLength, 40)
  return Buffer.concat([header, sample.pcm])
}

/** The sample in a file {@link toWav} wrote, or null when the file is anything else. */
export function parseWav(bytes: Buffer): VoiceSample | null {
  if (bytes.byteLength <= HEADER_BYTES) return null
  const dataBytes = bytes.readUInt32LE(40)
  const isOurs =
    bytes.toString('ascii', 0, 4) === 'RIFF' &&
    bytes.readUInt32LE(4) === bytes.byteLength - 8 &&
    bytes.toString('ascii', 8, 16) === 'WAVEfmt ' &&
    bytes.readUInt16LE(20) === 1 &&
    bytes.readUInt16LE(22) === 1 &&
    bytes.readUInt16LE(34) === 16 &&
    bytes.toString('ascii', 36, 40) === 'data' &&
    dataBytes === bytes.byteLength - HEADER_BYTES &&
    dataBytes % 2 === 0
  const sampleRate = bytes.readUInt32LE(24)
  if (!isOurs || sampleRate < 8_000 || sampleRate > 48_000) return null
  return { pcm: new Uint8Array(bytes.subarray(HEADER_BYTES)), sampleRate }
}
