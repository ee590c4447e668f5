import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { TalkState } from '../../../shared/ipcContract'
import type { AudioEngine } from '../../../renderer/src/audio/audioEngine'
import { useAudioStore } from '../../../renderer/src/stores/audioStore'
import { Pcm16Framer } from '../../../renderer/src/audio/pcm16Framer'

/** The AudioEngine as the store sees it: records what it was asked, plays nothing. */
function fakeEngine() {
  const calls: string[] = []
  const played: [number, number][] = []
  const framer = new Pcm16Framer()
  const engine = {
    calls,
    played,
    hasModelAudio: false,
    heardSamples: 12_000,
    onLevel: () => () => undefined,
    onPlayed: () => () => undefined,
    onSpeakingChange: () => () => undefined,
    onOutputLevel: () => () => undefined,
    /** Frames like the real engine and answers the whole samples queued. */
    play(turnId: number, pcm: Uint8Array) {
      const samples = framer.push(turnId, pcm).byteLength / 2
      played.push([turnId, samples])
      return samples
    },
    async interrupt(turnId?: number) {
      calls.push(`interrupt ${turnId}`)
      return engine.heardSamples
    },
    async startCapture() {
      calls.push('startCapture')
    },
    async stopCapture() {
      calls.push('stopCapture')
    },
    setDuckMic: () => undefined,
    setOutputDevice: async () => undefined,
  }
  return engine
}

const talking = (isTalking: boolean): TalkState => ({ isTalking, source: isTalking ? 'hotkey' : null, hotkeyNote: null })
const samples = (count: number) => new Uint8Array(count * 2)
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('the audio store: talking over an answer', () => {
  let engine: ReturnType<typeof fakeEngine>
  let store: ReturnType<typeof useAudioStore>
  const cuts: [number, number][] = []

  beforeEach(async () => {
    vi.stubGlobal('window', {
      sightline: { reportPlayback: () => undefined, sendAudioChunk: () => undefined, endAudioStream: () => undefined },
    })
    setActivePinia(createPinia())
    engine = fakeEngine()
    store = useAudioStore()
    store.attach(engine as unknown as AudioEngine)
    store.onCut((turnId, share) => cuts.push([turnId, share]))
    cuts.length = 0
    await store.applyDeviceSettings({ handsFree: false, inputDeviceId: null, outputDeviceId: null, duckMic: false })
  })

  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('push-to-talk pressed while the model speaks: silences it before the mic opens, and says how much was heard', async () => {
    store.playModelAudio({ turnId: 7, pcm: samples(48_000), sampleRate: 24_000 })
    engine.hasModelAudio = true
    store.applyTalkState(talking(true))
    await settle()
    expect(engine.calls).toEqual(['interrupt 7', 'startCapture'])
    expect(cuts).toEqual([[7, 0.25]])
  })

  it('drops audio of the cut answer still in flight, even before the speaker confirms the cut, and plays the next answer', async () => {
    store.playModelAudio({ turnId: 7, pcm: samples(4_800), sampleRate: 24_000 })
    engine.hasModelAudio = true
    store.applyTalkState(talking(true))
    store.playModelAudio({ turnId: 7, pcm: samples(2_400), sampleRate: 24_000 })
    await settle()
    store.playModelAudio({ turnId: 7, pcm: samples(2_400), sampleRate: 24_000 })
    store.playModelAudio({ turnId: 8, pcm: samples(2_400), sampleRate: 24_000 })
    expect(engine.played).toEqual([
      [7, 4_800],
      [8, 2_400],
    ])
  })

  it('does not cut when nothing is playing', async () => {
    store.applyTalkState(talking(true))
    await settle()
    expect(engine.calls).toEqual(['startCapture'])
    expect(cuts).toEqual([])
  })

  it('leaves the answer to the server in hands-free mode, where talking only opens the mic', async () => {
    await store.applyDeviceSettings({ handsFree: true, inputDeviceId: null, outputDeviceId: null, duckMic: false })
    store.playModelAudio({ turnId: 7, pcm: samples(4_800), sampleRate: 24_000 })
    engine.hasModelAudio = true
    store.applyTalkState(talking(true))
    await settle()
    expect(engine.calls).toEqual(['startCapture'])
    expect(cuts).toEqual([])
  })

  it('cuts only when talking starts, not on every talk-state update', async () => {
    engine.hasModelAudio = true
    store.playModelAudio({ turnId: 7, pcm: samples(2_400), sampleRate: 24_000 })
    store.applyTalkState(talking(true))
    store.applyTalkState({ ...talking(true), hotkeyNote: { code: 'HOLD_TO_TALK_UNAVAILABLE', params: { hotkey: 'Ctrl+Shift+Space', refusal: 'WAYLAND' } } })
    await settle()
    expect(engine.calls.filter((c) => c.startsWith('interrupt'))).toHaveLength(1)
  })

  it("after the server's interrupted, the rest of that answer is dropped too", async () => {
    store.playModelAudio({ turnId: 7, pcm: samples(48_000), sampleRate: 24_000 })
    expect(await store.interrupt(7)).toBe(0.25)
    store.playModelAudio({ turnId: 7, pcm: samples(2_400), sampleRate: 24_000 })
    expect(engine.played).toEqual([[7, 48_000]])
  })
  it('audio framing: counts whole samples, so AAEA then AQABAAE= in one turn is 4 samples and all 4 heard reads 1, not 0.75', async () => {
    const chunk = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'))
    store.playModelAudio({ turnId: 9, pcm: chunk('AAEA'), sampleRate: 24_000 })
    store.playModelAudio({ turnId: 9, pcm: chunk('AQABAAE='), sampleRate: 24_000 })
    expect(engine.played).toEqual([[9, 1], [9, 3]])
    engine.heardSamples = 4
    expect(await store.interrupt(9)).toBe(1)
  })
})

describe('meters with the call bar off', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('the audio window sends main no levels while no call bar shows them, and sends them once one does', async () => {
    const sent: unknown[] = []
    vi.stubGlobal('window', { sightline: { reportAudioLevels: (levels: unknown) => sent.push(levels), reportPlayback: () => undefined } })
    setActivePinia(createPinia())
    let micLevel: (meter: number) => void = () => undefined
    const engine = { ...fakeEngine(), onLevel: (listener: (meter: number) => void) => ((micLevel = listener), () => undefined) }
    const store = useAudioStore()
    store.attach(engine as unknown as AudioEngine)
    micLevel(0.5)
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(sent).toEqual([])
    store.setLevelsWanted(true)
    micLevel(0.75)
    await vi.waitFor(() => expect(sent).toHaveLength(1))
    store.setLevelsWanted(false)
    micLevel(0.25)
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(sent).toHaveLength(1)
  })
})
