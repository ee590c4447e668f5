import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_MODEL_ID } from '../../../shared/modelCatalogue'
import { systemClock } from '../../../electron/main/platform/systemClock'
import { VoicePreviewService } from '../../../electron/main/core/voices/voicePreviewService'
import { GenaiLiveTransport } from '../../../electron/main/platform/genaiLiveTransport'
import { parseWav, WavFileVoiceSampleCache } from '../../../electron/main/platform/wavFileVoiceSampleCache'
import { FakeLiveServer } from '../../support/fakeLive/fakeLiveServer'
import { friendlyScript } from '../../support/fakeLive/friendlyScript'
import { MemoryLogger } from '../../support/live/eventLog'

// Voice previews through the real @google/genai SDK against the fake Live server, which answers a
// typed turn in an audio session with about a second of 24 kHz speech (friendlyScript).
const KEY = 'voice-preview-key-0001'
const ONE_SECOND_24K = 48_000

let server: FakeLiveServer
let folder: string
let logger: MemoryLogger

beforeEach(async () => {
  server = new FakeLiveServer({ script: friendlyScript })
  folder = mkdtempSync(join(tmpdir(), 'sightline-voice-previews-'))
  logger = new MemoryLogger()
})
afterEach(async () => {
  await server.stop()
  rmSync(folder, { recursive: true, force: true })
})

async function service(options: { key?: string | null; baseUrl?: string } = {}) {
  const baseUrl = options.baseUrl ?? (await server.start())
  return new VoicePreviewService({
    transport: new GenaiLiveTransport({ baseUrl, logger }),
    cache: new WavFileVoiceSampleCache({ folder, logger }),
    getKey: async () => (options.key === undefined ? KEY : options.key),
    currentModelId: () => DEFAULT_MODEL_ID,
    clock: systemClock,
    logger,
  })
}

/** The user turns the server received, as text. */
function turnsSent(): string[] {
  return server.frames
    .filter((frame) => frame.direction === 'in')
    .flatMap((frame) => ((frame.json as { clientContent?: { turns: { parts: { text: string }[] }[] } }).clientContent?.turns ?? []))
    .flatMap((turn) => turn.parts.map((part) => part.text))
}

describe('voice previews: a short Live session in that voice, kept on disk', () => {
  it('first play: its own session in the voice says the German sentence, the audio comes back and is cached; the second play opens no session', async () => {
    const previews = await service()
    const first = await previews.preview('Kore', 'de-DE')
    expect(first).toMatchObject({ ok: true, fromCache: false, sampleRate: 24_000 })
    if (!first.ok) throw new Error(first.message)
    expect(first.pcm.byteLength).toBe(ONE_SECOND_24K)
    expect(server.connections).toHaveLength(1)
    const setup = server.connections[0]!.setup as { generationConfig: { speechConfig: unknown; responseModalities: string[] } }
    expect(setup.generationConfig.responseModalities).toEqual(['AUDIO'])
    expect(setup.generationConfig.speechConfig).toEqual({ voiceConfig: { prebuiltVoiceConfig: { voiceName: 'Kore' } } })
    expect(turnsSent()).toEqual(['Hallo, ich bin Kore. So klinge ich, wenn ich dir in Sightline antworte.'])
    await server.connections[0]!.waitForClose()

    expect(readdirSync(folder)).toEqual(['Kore.de.wav'])
    expect(parseWav(readFileSync(join(folder, 'Kore.de.wav')))?.pcm).toEqual(first.pcm)

    const second = await previews.preview('Kore', 'de-AT')
    expect(second).toMatchObject({ ok: true, fromCache: true, sampleRate: 24_000 })
    expect(second.ok && second.pcm).toEqual(first.pcm)
    expect(server.connections).toHaveLength(1)
  })

  it('damaged cache: a truncated file is removed and the preview made again', async () => {
    const previews = await service()
    await previews.preview('Puck', 'en-US')
    const path = join(folder, 'Puck.en.wav')
    writeFileSync(path, readFileSync(path).subarray(0, 1_000))
    const again = await previews.preview('Puck', 'en-US')
    expect(again).toMatchObject({ ok: true, fromCache: false })
    expect(server.connections).toHaveLength(2)
    expect(parseWav(readFileSync(path))?.pcm.byteLength).toBe(ONE_SECOND_24K)
    expect(logger.lines.some((line) => line.message.startsWith('damaged voice preview removed'))).toBe(true)
  })

  it('unknown locale: the preview speaks English', async () => {
    const previews = await service()
    await previews.preview('Puck', 'xx-YY')
    expect(turnsSent()).toEqual(["Hi, I'm Puck. This is how I sound when I answer you in Sightline."])
    expect(readdirSync(folder)).toEqual(['Puck.en.wav'])
  })

  it('no key: says why, opens no session, caches nothing', async () => {
    const previews = await service({ key: null })
    expect(await previews.preview('Puck', 'en')).toEqual({
      ok: false,
      reason: 'NO_KEY',
      message: 'Add your Gemini API key first: a preview is made by Gemini the first time.',
    })
    expect(server.connections).toHaveLength(0)
    expect(readdirSync(folder)).toEqual([])
  })

  it('offline: nothing listens at the endpoint, the button can say the Live API cannot be reached', async () => {
    const baseUrl = await server.start()
    await server.stop()
    const previews = await service({ baseUrl })
    const result = await previews.preview('Puck', 'en')
    expect(result).toMatchObject({ ok: false, reason: 'OFFLINE' })
    expect(!result.ok && result.message).toMatch(/^The Live API cannot be reached \(offline\?\): /)
  })

  it('a refused key: says so, caches nothing', async () => {
    await server.stop()
    server = new FakeLiveServer({ script: friendlyScript, acceptKey: () => false })
    const previews = await service()
    expect(await previews.preview('Puck', 'en')).toEqual({
      ok: false,
      reason: 'KEY_REFUSED',
      message: 'Google did not accept the API key, so no preview can be made.',
    })
    expect(readdirSync(folder)).toEqual([])
  })

  it('a voice no model has: refused before anything is opened', async () => {
    const previews = await service()
    expect(await previews.preview('../../etc', 'en')).toMatchObject({ ok: false, reason: 'UNKNOWN_VOICE' })
    expect(server.connections).toHaveLength(0)
  })
})
