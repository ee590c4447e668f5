import { performance } from 'node:perf_hooks'
import { silentLogger } from '../electron/main/platform/pinoLogger'
import { BridgeClient, startBridgeOnly } from '../test/support/bridgeClient'
import { recordingHandlers } from '../test/support/routerFixtures'
import { measured, type BenchResult } from './benchResult'

const ROUND_TRIPS = 2_000
const THROUGHPUT_SECONDS = 3
const CHUNK_BYTES = 1_280 // 40 ms of 16 kHz PCM16, the mic's chunk

/** IPC over the test bridge: invoke round-trip time and one-way media throughput (real sockets, real router). */
export async function run(): Promise<BenchResult[]> {
  const { server, bridge } = await startBridgeOnly(recordingHandlers(), silentLogger)
  const client = await BridgeClient.connect(server)
  try {
    for (let i = 0; i < 200; i++) await client.invoke('app:get-info', undefined)
    const rtt: number[] = []
    for (let i = 0; i < ROUND_TRIPS; i++) {
      const t0 = performance.now()
      await client.invoke('app:get-info', undefined)
      rtt.push(performance.now() - t0)
    }

    // Throughput: send audio chunks as fast as the socket drains, for a fixed time, in 1-second windows.
    const chunk = new Uint8Array(CHUNK_BYTES)
    const perSecond: number[] = []
    for (let s = 0; s < THROUGHPUT_SECONDS; s++) {
      const before = bridge.stats.framesIn
      const end = performance.now() + 1_000
      while (performance.now() < end) {
        for (let k = 0; k < 50; k++) client.send('media:audio', chunk)
        // Let the server drain so we measure delivery, not buffering.
        await new Promise((r) => setImmediate(r))
        while (client.ws.bufferedAmount > 1 << 20) await new Promise((r) => setTimeout(r, 1))
      }
      await new Promise((r) => setTimeout(r, 50))
      perSecond.push(bridge.stats.framesIn - before)
    }
    // Counted where frames reach the router: the router's own rate limit (200 audio chunks/s per
    // sender) is policy, not carrier capacity, so it is not what this figure measures.
    const mbPerSecond = perSecond.map((n) => (n * CHUNK_BYTES) / 1e6)
    return [
      measured('ipc: invoke round trip over the test bridge', 'ms', rtt, null, 'getAppInfo through WebSocket + wire codec + router'),
      measured('ipc: audio chunks carried per second over the test bridge', 'chunks/s', perSecond, null, `${CHUNK_BYTES}-byte chunks decoded and handed to the router (the mic needs 25/s)`),
      measured('ipc: media payload throughput over the test bridge', 'MB/s', mbPerSecond, null, 'media payload bytes carried per second'),
    ]
  } finally {
    client.close()
    await server.close()
  }
}
