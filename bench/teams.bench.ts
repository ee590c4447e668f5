import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import autocannon from 'autocannon'
import { AppCredentials } from '../electron/main/core/credentials/appCredentials'
import { ManagedSetup } from '../electron/main/core/credentials/managedSetup'
import { GenaiLiveTransport } from '../electron/main/platform/genaiLiveTransport'
import { measured, quantile, type BenchResult } from './benchResult'

const RUNS = 60
const WARM_UP = 5
const MODEL = 'gemini-3.8-live'
const ORG_KEY = 'bench-org-key-0123456789'
const CODE = 'bench-access-code-01'
const LOAD = { rate: 200, seconds: 10, connections: 20 }

/**
 * Managed mode's cost. (1) Token fetch plus connect through the token service against the
 * fake, next to a direct connect with a key, interleaved run by run; the overhead is the
 * difference of the p95s (budget 50 ms). (2) The token service under autocannon at 200
 * requests a second: achieved rate and p99 latency (budget 20 ms). The fake and the service
 * run in their own processes, as deployed; the machine is shared, so figures vary.
 */
export async function run(): Promise<BenchResult[]> {
  const fake = await child(['--import', 'tsx', 'test/support/fakeLive/cli.ts'], { FAKE_LIVE_KEY: ORG_KEY }, /(http:\/\/127\.0\.0\.1:\d+)/)
  try {
    const service = await child(
      ['--import', 'tsx', 'services/token-service/src/main.ts'],
      { GEMINI_API_KEY: ORG_KEY, TOKEN_SERVICE_ACCESS_CODES: CODE, TOKEN_SERVICE_PORT: '0', TOKEN_SERVICE_MODEL: MODEL, TOKEN_SERVICE_RATE_LIMIT: '1000000', GOOGLE_GEMINI_BASE_URL: fake.url },
      /^(http:\/\/127\.0\.0\.1:\d+)$/m,
    )
    try {
      return [...(await connectOverhead(fake.url, service.url)), await load(service.url)]
    } finally {
      await service.stop()
    }
  } finally {
    await fake.stop()
  }
}

async function connectOverhead(liveUrl: string, serviceUrl: string): Promise<BenchResult[]> {
  const transport = new GenaiLiveTransport({ baseUrl: liveUrl })
  const managed = new ManagedSetup({
    store: { getKey: async () => null, setKey: async () => {}, deleteKey: async () => {} },
    env: { SIGHTLINE_TOKEN_SERVICE: serviceUrl, SIGHTLINE_ACCESS_CODE: CODE },
    validate: async () => {},
  })
  const credentials = new AppCredentials({ managed, getApiKey: async () => null, fetch: (url, init) => fetch(url, init) })
  const noop = { onMessage: () => {}, onClose: () => {}, onError: () => {} }
  const config = { responseModalities: ['AUDIO' as const], sessionResumption: {} }
  const direct: number[] = []
  const viaService: number[] = []
  for (let i = 0; i < RUNS + WARM_UP; i++) {
    let started = performance.now()
    const a = await transport.connect({ apiKey: ORG_KEY, model: MODEL, apiVersion: 'v1beta', config }, noop)
    if (i >= WARM_UP) direct.push(performance.now() - started)
    a.close()
    started = performance.now()
    const token = (await credentials.forConnect())!
    const b = await transport.connect({ apiKey: token.value, model: MODEL, apiVersion: 'v1alpha', config }, noop)
    if (i >= WARM_UP) viaService.push(performance.now() - started)
    b.close()
  }
  const overhead = Math.round((quantile(viaService, 0.95) - quantile(direct, 0.95)) * 1000) / 1000
  const medianOverhead = Math.round((quantile(viaService, 0.5) - quantile(direct, 0.5)) * 1000) / 1000
  return [
    measured('teams: direct connect with a key → setupComplete', 'ms', direct, null, 'fake Live server in its own process, real SDK'),
    measured('teams: token fetch + connect through the token service → setupComplete', 'ms', viaService, null, 'POST /token (service mints via the fake auth_tokens) then BidiGenerateContentConstrained'),
    {
      name: 'teams: managed-mode overhead over a direct connect',
      unit: 'ms',
      median: medianOverhead,
      p95: overhead,
      budget: 50,
      ok: overhead <= 50,
      note: `p95(via service) − p95(direct), and the same for medians (n=${RUNS} each, interleaved)`,
    },
  ]
}

async function load(serviceUrl: string): Promise<BenchResult> {
  const result = await autocannon({
    url: `${serviceUrl}/token`,
    method: 'POST',
    headers: { authorization: `Bearer ${CODE}` },
    overallRate: LOAD.rate,
    duration: LOAD.seconds,
    connections: LOAD.connections,
  })
  const rate = result.requests.average
  const ok = rate >= LOAD.rate * 0.98 && result.latency.p99 <= 20 && result.non2xx === 0 && result.errors === 0
  return {
    name: 'teams: token service under load (autocannon, POST /token)',
    unit: 'ms',
    median: result.latency.p50,
    p95: result.latency.p99,
    budget: 20,
    ok,
    note: `p95 column holds p99; ${rate} req/s achieved of ${LOAD.rate} asked for ${LOAD.seconds} s over ${LOAD.connections} connections; ${result.non2xx} non-2xx, ${result.errors} errors; each request mints through the fake's auth_tokens`,
  }
}

/** Starts a child Node process and resolves once its output names its URL; `stop` ends exactly it. */
async function child(args: string[], env: Record<string, string>, urlPattern: RegExp): Promise<{ url: string; stop: () => Promise<void> }> {
  const proc: ChildProcess = spawn(process.execPath, args, { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'inherit'] })
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    proc.stdout!.setEncoding('utf8').on('data', (text: string) => {
      output += text
      const match = urlPattern.exec(output)
      if (match) resolve(match[1]!)
    })
    proc.once('exit', (code) => reject(new Error(`${args.at(-1)} exited ${code}: ${output}`)))
  })
  // Keep reading so a chatty child never blocks on a full pipe.
  proc.stdout!.resume()
  return {
    url,
    stop: async () => {
      if (proc.exitCode !== null) return
      proc.kill('SIGTERM')
      await once(proc, 'exit')
    },
  }
}
