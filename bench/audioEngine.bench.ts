import { measured, type BenchResult } from './benchResult'
import { openAudioPage } from '../test/integration/audio/audioPage'
import type { ProbeWindow } from '../test/integration/audio/fixture/main'

const MIC_RATE = 48_000

/**
 * The AudioEngine alone, in the system Chromium with a fake 48 kHz mic: the renderer's share of
 * the audio budgets. Times are taken on the page's main thread when the worklet's message
 * arrives (an upper bound on when the worklet rendered it); the audio device's own output
 * buffer and the IPC/WebSocket hop to main are not in these figures (the harness bench has those).
 */
export async function run(): Promise<BenchResult[]> {
  const mic = Float32Array.from({ length: MIC_RATE * 4 }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 300 * i) / MIC_RATE))
  const audio = await openAudioPage({ micSamples: mic, micRate: MIC_RATE })
  try {
    // Callbacks stay free of named functions: tsx would wrap them in a helper the page does not have.
    const capture = await audio.page.evaluate((ms) => (window as unknown as ProbeWindow).bench.captureDelays(ms), 4000)
    const startBig = await audio.page.evaluate(() => (window as unknown as ProbeWindow).bench.startDelays(2400, 40))
    const startSmall = await audio.page.evaluate(() => (window as unknown as ProbeWindow).bench.startDelays(480, 40))
    const silence = await audio.page.evaluate(() => (window as unknown as ProbeWindow).bench.silenceDelays(50))
    return [
      measured('audio: mic sample → chunk handed to the bridge (renderer)', 'ms', capture, 40, 'first sample of a 20 ms chunk entering the capture worklet → onChunk on the page; chunk length included'),
      measured('audio: model chunk → first sample rendered (100 ms first chunk)', 'ms', startBig, 40, 'play() → playback worklet started; 60 ms jitter buffer filled by the first chunk'),
      measured('audio: model chunk → first sample rendered (20 ms chunks, real-time pace)', 'ms', startSmall, 40, 'play() → playback worklet started; the jitter buffer waits at most 20 ms'),
      measured('audio: interrupt → playback silent (renderer)', 'ms', silence, 15, 'interrupt() → worklet rendered silence (after its 3 ms fade)'),
    ]
  } finally {
    await audio.close()
  }
}
