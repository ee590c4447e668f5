import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAudioPage, type AudioPage } from './audioPage'
import type { ProbeWindow } from './fixture/main'

const MIC_RATE = 48_000

/** 440 Hz (speech band) plus 12 kHz (above 16 kHz's 8 kHz Nyquist: naive decimation would fold it onto 4 kHz). */
function micSignal(seconds: number): Float32Array {
  return Float32Array.from(
    { length: MIC_RATE * seconds },
    (_, i) => 0.3 * Math.sin((2 * Math.PI * 440 * i) / MIC_RATE) + 0.3 * Math.sin((2 * Math.PI * 12_000 * i) / MIC_RATE),
  )
}

/** Amplitude of one frequency in PCM16 samples at `rate` (a single-bin DFT over whole cycles' worth of samples). */
function amplitudeAt(pcm: Int16Array, rate: number, frequency: number): number {
  let re = 0
  let im = 0
  for (let i = 0; i < pcm.length; i++) {
    const phase = (2 * Math.PI * frequency * i) / rate
    re += (pcm[i]! / 32768) * Math.cos(phase)
    im += (pcm[i]! / 32768) * Math.sin(phase)
  }
  return (2 * Math.hypot(re, im)) / pcm.length
}

let audio: AudioPage

beforeAll(async () => {
  audio = await openAudioPage({ micSamples: micSignal(4), micRate: MIC_RATE })
}, 120_000)

afterAll(async () => {
  await audio?.close()
})

/** Captures for `ms` and returns the chunks' byte lengths and their samples joined. */
async function capture(ms: number) {
  const { sizes, samples } = await audio.page.evaluate(async (ms) => {
    const { probe } = window as unknown as ProbeWindow
    probe.chunks.length = 0
    await probe.engine.startCapture({ onChunk: (pcm) => probe.chunks.push(pcm) })
    await new Promise((resolve) => setTimeout(resolve, ms))
    await probe.engine.stopCapture()
    const joined = new Int16Array(probe.chunks.reduce((n, c) => n + c.byteLength / 2, 0))
    let offset = 0
    for (const chunk of probe.chunks) {
      joined.set(new Int16Array(chunk.buffer, chunk.byteOffset, chunk.byteLength / 2), offset)
      offset += chunk.byteLength / 2
    }
    return { sizes: probe.chunks.map((c) => c.byteLength), samples: Array.from(joined) }
  }, ms)
  return { sizes, samples: Int16Array.from(samples) }
}

describe('the built renderer bundle', () => {
  it('ships each worklet as its own same-origin script, not a blob: or data: URL', () => {
    const scripts = audio.builtFiles.filter((f) => f.endsWith('.js'))
    expect(scripts.some((f) => /captureWorklet-[\w-]+\.js$/.test(f))).toBe(true)
    expect(scripts.some((f) => /playbackWorklet-[\w-]+\.js$/.test(f))).toBe(true)
    for (const file of scripts) {
      const code = readFileSync(join(audio.outDir, file), 'utf8')
      expect(code, file).not.toMatch(/data:(text|application)\/javascript|URL\.createObjectURL/)
    }
  })
})

describe('microphone capture in Chromium (fake 48 kHz mic, echo cancellation on)', () => {
  it('streams 20 ms chunks of 16 kHz PCM16 at real-time pace', async () => {
    const { sizes, samples } = await capture(2000)
    expect(new Set(sizes)).toEqual(new Set([640]))
    // 2 s of audio is 100 chunks; allow for the start-up and the last partial chunk.
    expect(sizes.length).toBeGreaterThanOrEqual(85)
    expect(sizes.length).toBeLessThanOrEqual(105)
    expect(samples.length).toBe(sizes.length * 320)
  })

  it('keeps the 440 Hz tone and does not fold the 12 kHz tone into the speech band', async () => {
    const { samples } = await capture(1500)
    const steady = samples.subarray(4000, 4000 + 16_000)
    const speech = amplitudeAt(steady, 16_000, 440)
    const alias = amplitudeAt(steady, 16_000, 4000)
    expect(speech).toBeGreaterThan(0.01)
    expect(20 * Math.log10(alias / speech)).toBeLessThan(-40)
  })

  it('moves the level meter while the mic hears sound, and stops sending when capture stops', async () => {
    const result = await audio.page.evaluate(async () => {
      const { probe } = window as unknown as ProbeWindow
      probe.levels.length = 0
      probe.chunks.length = 0
      await probe.engine.startCapture({ onChunk: (pcm) => probe.chunks.push(pcm) })
      await new Promise((resolve) => setTimeout(resolve, 500))
      await probe.engine.stopCapture()
      const atStop = probe.chunks.length
      await new Promise((resolve) => setTimeout(resolve, 300))
      return { levels: probe.levels.slice(), atStop, later: probe.chunks.length, isCapturing: probe.engine.isCapturing }
    })
    expect(result.levels.length).toBeGreaterThan(10)
    expect(Math.max(...result.levels)).toBeGreaterThan(0.3)
    expect(result.later).toBe(result.atStop)
    expect(result.isCapturing).toBe(false)
  })

  it('lists the microphones', async () => {
    const inputs = await audio.page.evaluate(() => (window as unknown as ProbeWindow).probe.engine.listInputDevices())
    expect(inputs.length).toBeGreaterThan(0)
  })
})

describe('playback in Chromium (24 kHz worklet → MediaStream → <audio>)', () => {
  it('plays an answer that arrives in chunks and reports every sample as played, then stops speaking', async () => {
    const result = await audio.page.evaluate(async () => {
      const { probe, tone } = window as unknown as ProbeWindow
      probe.played.length = 0
      probe.speaking.length = 0
      // One second in ten 100 ms chunks, arriving a little faster than real time as the Live API sends them.
      for (let i = 0; i < 10; i++) {
        probe.engine.play(1, tone(2400, 300, 0.4))
        await new Promise((resolve) => setTimeout(resolve, 40))
      }
      const deadline = performance.now() + 5000
      while (probe.speaking.at(-1) !== false && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
      return { played: probe.played.filter(([turn]) => turn === 1).map(([, n]) => n), speaking: probe.speaking.slice(), errors: probe.errors }
    })
    expect(result.errors).toEqual([])
    expect(result.speaking).toEqual([true, false])
    expect(result.played.at(-1)).toBe(24_000)
    // Reported as it plays, never going backwards.
    expect(result.played.length).toBeGreaterThan(3)
    expect([...result.played].sort((a, b) => a - b)).toEqual(result.played)
  })

  it('reports the voice level for the call bar 25 times a second while playing, on the mic meter\'s dB scale, then 0', async () => {
    const result = await audio.page.evaluate(async () => {
      const { probe, tone } = window as unknown as ProbeWindow
      const levels: { at: number; meter: number }[] = []
      const stop = probe.engine.onOutputLevel((meter) => levels.push({ at: performance.now(), meter }))
      probe.speaking.length = 0
      for (let i = 0; i < 10; i++) probe.engine.play(7, tone(2400, 300, 0.4))
      const deadline = performance.now() + 5000
      while (probe.speaking.at(-1) !== false && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
      stop()
      return levels
    })
    const playing = result.filter((l) => l.meter > 0)
    // One second of audio, one level per 40 ms rendered.
    expect(playing.length).toBeGreaterThanOrEqual(22)
    expect(playing.length).toBeLessThanOrEqual(26)
    // A sine of amplitude 0.4 has an RMS of 0.4/√2, which is -11 dBFS: 0.82 on the -60…0 dB meter.
    for (const { meter } of playing.slice(1, -1)) expect(meter).toBeCloseTo(1 + (20 * Math.log10(0.4 / Math.SQRT2)) / 60, 2)
    expect(result.at(-1)!.meter).toBe(0)
  })

  it('audio framing: AAEA then AQABAAE= in one turn plays 4 whole samples (256 × 4), not 3', async () => {
    const result = await audio.page.evaluate(async () => {
      const { probe } = window as unknown as ProbeWindow
      probe.played.length = 0
      probe.speaking.length = 0
      const bytes = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
      const queued = [probe.engine.play(11, bytes('AAEA')), probe.engine.play(11, bytes('AQABAAE='))]
      const deadline = performance.now() + 5000
      while (probe.speaking.at(-1) !== false && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
      return { queued, played: probe.played.filter(([turn]) => turn === 11).map(([, n]) => n), errors: probe.errors }
    })
    expect(result.errors).toEqual([])
    expect(result.queued).toEqual([1, 3])
    expect(result.played.at(-1)).toBe(4)
  })

  it('goes silent at once on interrupt, drops the rest, and says how much of the answer was heard', async () => {
    const result = await audio.page.evaluate(async () => {
      const { probe, tone } = window as unknown as ProbeWindow
      probe.played.length = 0
      probe.speaking.length = 0
      for (let i = 0; i < 40; i++) probe.engine.play(2, tone(2400, 500, 0.4))
      while (probe.speaking.at(-1) !== true) await new Promise((resolve) => setTimeout(resolve, 10))
      const startedAt = performance.now()
      await new Promise((resolve) => setTimeout(resolve, 600))
      const heard = await probe.engine.interrupt(2)
      const elapsed = (performance.now() - startedAt) / 1000
      await new Promise((resolve) => setTimeout(resolve, 400))
      const after = probe.played.filter(([turn]) => turn === 2).map(([, n]) => n)
      return { heard, elapsed, lastReported: after.at(-1), isSpeaking: probe.engine.isSpeaking, speaking: probe.speaking.slice() }
    })
    // Heard roughly what played before the cut (600 ms of a 4 s answer), not the whole answer.
    expect(result.heard).toBeGreaterThan(0.4 * 24_000)
    expect(result.heard).toBeLessThanOrEqual(Math.ceil(result.elapsed * 24_000) + 2400)
    expect(result.heard).toBeLessThan(4 * 24_000 * 0.5)
    expect(result.lastReported).toBe(result.heard)
    expect(result.isSpeaking).toBe(false)
    expect(result.speaking).toEqual([true, false])
  })

  it('knows it has model audio from the first queued chunk until an interrupt', async () => {
    const result = await audio.page.evaluate(async () => {
      const { probe, tone } = window as unknown as ProbeWindow
      const idle = probe.engine.hasModelAudio
      for (let i = 0; i < 20; i++) probe.engine.play(5, tone(2400, 500, 0.4))
      const queued = probe.engine.hasModelAudio
      await new Promise((resolve) => setTimeout(resolve, 300))
      const playing = probe.engine.hasModelAudio
      await probe.engine.interrupt(5)
      return { idle, queued, playing, afterCut: probe.engine.hasModelAudio }
    })
    expect(result).toEqual({ idle: false, queued: true, playing: true, afterCut: false })
  })

  it('plays the next answer normally after an interrupt', async () => {
    const result = await audio.page.evaluate(async () => {
      const { probe, tone } = window as unknown as ProbeWindow
      probe.played.length = 0
      probe.engine.play(3, tone(4800, 700, 0.3))
      const deadline = performance.now() + 5000
      while (!probe.played.some(([turn, n]) => turn === 3 && n === 4800) && performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      return probe.played.filter(([turn]) => turn === 3).map(([, n]) => n)
    })
    expect(result.at(-1)).toBe(4800)
  })

  it('attenuates the mic while the model speaks when ducking is on', async () => {
    const result = await audio.page.evaluate(async () => {
      const { probe, tone } = window as unknown as ProbeWindow
      probe.levels.length = 0
      probe.speaking.length = 0
      probe.engine.setDuckMic(true)
      await probe.engine.startCapture({ onChunk: () => undefined })
      await new Promise((resolve) => setTimeout(resolve, 500))
      const before = probe.levels.slice(-10)
      for (let i = 0; i < 20; i++) probe.engine.play(4, tone(2400, 500, 0.2))
      while (probe.speaking.at(-1) !== true) await new Promise((resolve) => setTimeout(resolve, 10))
      await new Promise((resolve) => setTimeout(resolve, 400))
      const during = probe.levels.slice(-10)
      await probe.engine.interrupt()
      await new Promise((resolve) => setTimeout(resolve, 400))
      const after = probe.levels.slice(-10)
      await probe.engine.stopCapture()
      probe.engine.setDuckMic(false)
      return { before, during, after }
    })
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length
    // The meter is dB-scaled over 60 dB: a 0.1 duck gain (-20 dB) lowers it by about a third.
    expect(mean(result.before) - mean(result.during)).toBeGreaterThan(0.25)
    expect(Math.abs(mean(result.after) - mean(result.before))).toBeLessThan(0.1)
  })

  it('switches the output device through setSinkId', async () => {
    const result = await audio.page.evaluate(async () => {
      const { probe } = window as unknown as ProbeWindow
      const outputs = await probe.engine.listOutputDevices()
      await probe.engine.setOutputDevice(outputs[0]?.deviceId ?? null)
      await probe.engine.setOutputDevice(null)
      return { count: outputs.length, errors: probe.errors }
    })
    expect(result.errors).toEqual([])
  })
})
