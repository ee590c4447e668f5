import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { afterEach, describe, expect, it } from 'vitest'
import { composeServices, type MainServices } from '../../../electron/main/composeServices'
import { systemClock } from '../../../electron/main/platform/systemClock'
import { fflateArchiveWriter } from '../../../electron/main/platform/fflateArchiveWriter'
import { readLastLines } from '../../../electron/main/platform/fileLogTail'
import { GenaiLiveTransport } from '../../../electron/main/platform/genaiLiveTransport'
import { JsonFilePreference } from '../../../electron/main/platform/jsonFilePreference'
import { CRASH_REPORTING_DEFAULT, crashReportingSchema } from '../../../electron/main/core/diagnostics/crashReporting'
import { JsonFileSettingsRepository } from '../../../electron/main/platform/jsonFileSettingsRepository'
import { runtimeVersions } from '../../../electron/main/platform/runtimeVersions'
import { FakeLiveServer } from '../../support/fakeLive/fakeLiveServer'
import { InMemorySecretStore } from '../../support/inMemorySecretStore'
import { recordingLogger } from '../../support/routerFixtures'
import { CODE_A, ORG_KEY, startTokenService } from '../../support/tokenService/tokenServiceHarness'
import { waitFor } from '../../support/live/liveHarness'

// A key shaped exactly like a real Google key, so the shape check has something to find.
// Key-shaped, built from parts so no key-shaped literal sits in the repository (as in closeCodes.test.ts).
const USER_KEY = ['AIza', 'SyDIAGNOSTICSuserKEY0123456789abcdef'].join('')
const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  while (stops.length > 0) await stops.pop()!()
})

/** The real main-side services (composeServices) against a fake Live server, with diagnostics adapters that save in memory. */
async function app(env: Record<string, string>, started?: FakeLiveServer, osLocale?: string) {
  const fake = started ?? new FakeLiveServer()
  if (!started) await fake.start()
  stops.push(() => fake.stop())
  fake.setScript({ onTurn: (c) => void c.reply({ text: 'Fine, thanks.' }) })
  const dir = mkdtempSync(join(tmpdir(), 'sightline-diag-'))
  const logFile = join(dir, 'sightline.log')
  writeFileSync(logFile, '')
  const saved: { name: string; bytes: Uint8Array; title?: string; filter: { name: string } }[] = []
  const clipboard: string[] = []
  const dumps = [{ name: 'crash-1.dmp', data: new Uint8Array([77, 68, 77, 80]) }]
  const services: MainServices = await composeServices({
    transport: new GenaiLiveTransport({ baseUrl: fake.baseUrl }),
    secretStore: new InMemorySecretStore(),
    settingsRepository: new JsonFileSettingsRepository({ directory: dir }),
    frameEncoder: { encode: async () => ({ jpeg: new Uint8Array(), width: 1, height: 1 }) } as never,
    desktop: { openInBrowser: async () => {}, writeClipboard: async (text) => void clipboard.push(text) },
    screens: { list: async () => [], select: () => {} },
    clock: systemClock,
    logger: recordingLogger(),
    env: { GOOGLE_GEMINI_BASE_URL: fake.baseUrl, ...env },
    appInfo: { name: 'Sightline', version: '0.1.0', platform: 'linux', isHarness: true },
    ...(osLocale ? { osLocale } : {}),
    emit: () => {},
    isTrustedSender: () => true,
    fetch: (url, init) => fetch(url, init),
    diagnostics: {
      archive: fflateArchiveWriter,
      saver: { save: async ({ defaultName, content, title, filter }) => (saved.push({ name: defaultName, bytes: content as Uint8Array, title, filter }), { outcome: 'saved', path: `/tmp/${defaultName}` }) },
      logLines: (count) => readLastLines(logFile, count),
      crashDumps: async () => dumps,
      versions: runtimeVersions('0.1.0'),
      crashReporting: new JsonFilePreference(dir, 'crash-reporting.json', crashReportingSchema, CRASH_REPORTING_DEFAULT),
    },
  })
  stops.push(() => services.live.stop())
  return { fake, services, logFile, saved, clipboard }
}

const unzip = (bytes: Uint8Array) => Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, name.endsWith('.dmp') ? data : strFromU8(data)]))

describe('diagnostics', () => {
  it('English from main: the save dialog\'s title and file-type name are in the UI language', async () => {
    const { services, saved } = await app({ GEMINI_API_KEY: USER_KEY }, undefined, 'de-DE')
    await services.assistant.saveDiagnostics(false)
    expect(saved[0]).toMatchObject({ title: 'Diagnose speichern', filter: { name: 'ZIP-Archiv', extensions: ['zip'] } })
  })

  it('the zip holds the last 2,000 log lines, versions, settings, models, closes and timings; minidumps only when asked', async () => {
    const { fake, services, logFile, saved } = await app({ GEMINI_API_KEY: USER_KEY })
    for (let i = 0; i < 2_500; i++) appendFileSync(logFile, `${JSON.stringify({ level: 30, msg: `line ${i}` })}\n`)
    await services.assistant.startSession()
    await services.assistant.sendText('How are you?')
    await waitFor(() => fake.frames.some((f) => f.direction === 'out' && f.text.includes('turnComplete')), 'answer')
    await fake.connections[0]!.close(1011, 'Internal error encountered.')
    await waitFor(() => fake.connections[1]?.setup, 'reconnect')

    expect(await services.assistant.saveDiagnostics(false)).toEqual({ path: expect.stringMatching(/^\/tmp\/sightline-diagnostics-.*\.zip$/) })
    const files = unzip(saved[0]!.bytes)
    expect(Object.keys(files).sort()).toEqual(['closes.json', 'log.txt', 'models.json', 'settings.json', 'state.json', 'timings.json', 'versions.json'])
    const lines = (files['log.txt'] as string).split('\n')
    expect(lines).toHaveLength(2_000)
    expect(lines[0]).toContain('line 500')
    expect(JSON.parse(files['versions.json'] as string)).toMatchObject({ app: '0.1.0', node: process.versions.node, sdk: '3.1.0' })
    expect(JSON.parse(files['settings.json'] as string)).toMatchObject({ model: expect.any(String), vad: expect.any(Object) })
    expect(JSON.parse(files['models.json'] as string).length).toBeGreaterThan(1)
    expect(JSON.parse(files['closes.json'] as string)).toContainEqual(expect.objectContaining({ phase: 'session', code: 1011, reason: 'Internal error encountered.' }))
    const timings = JSON.parse(files['timings.json'] as string)
    expect(timings.connects[0]).toMatchObject({ isOk: true, credential: 'apiKey', ms: expect.any(Number) })
    expect(timings.replies[0]).toMatchObject({ firstContentMs: expect.any(Number), turnCompleteMs: expect.any(Number) })

    await services.assistant.saveDiagnostics(true)
    expect(Object.keys(unzip(saved[1]!.bytes))).toContain('crash/crash-1.dmp')
  })

  it('no key-shaped string, access code or token gets into the zip or the summary, even when they leaked into the log and the settings', async () => {
    const fake = new FakeLiveServer({ acceptKey: (key) => key === ORG_KEY })
    await fake.start()
    const tokens = await startTokenService({ baseUrl: fake.baseUrl })
    stops.push(() => tokens.server.stop())
    const { services, logFile, saved, clipboard } = await app({ GEMINI_API_KEY: USER_KEY, SIGHTLINE_TOKEN_SERVICE: tokens.url, SIGHTLINE_ACCESS_CODE: CODE_A }, fake)
    expect((await services.assistant.startSession()).state).toBe('live')
    const issued = [...fake.authTokens.issued.keys()]
    const planted = [USER_KEY, CODE_A, ...issued, ['AIza', 'SyANOTHERkeyTHATwasNEVERused0123456789'].join('')]
    for (const secret of planted) appendFileSync(logFile, `${JSON.stringify({ level: 40, msg: `oops ${secret}`, url: `wss://x/ws?key=${secret}` })}\n`)
    await services.assistant.updateSettings({ systemInstruction: `My key is ${USER_KEY} and my code is ${CODE_A}` })

    await services.assistant.saveDiagnostics(true)
    await services.assistant.copyDiagnosticsSummary()
    const everything = [...Object.values(unzip(saved[0]!.bytes)).filter((v) => typeof v === 'string'), clipboard[0]!].join('\n')
    expect(issued.length).toBeGreaterThan(0)
    expect(everything).toContain('oops')
    for (const secret of planted) expect(everything).not.toContain(secret)
    expect(everything).not.toMatch(/AIza[0-9A-Za-z_-]{20,}/)
    expect(everything).not.toMatch(/auth_tokens\/[0-9a-f]/)
    expect(clipboard[0]).toMatch(/^Sightline 0\.1\.0 \(Electron -, Chromium -, Node .*@google\/genai 3\.1\.0\)/)
  })

  it('crash reports stay local by default; an https address the user sets is kept for the next start', async () => {
    const { services } = await app({ GEMINI_API_KEY: USER_KEY })
    expect(services.assistant.crashReporting()).toEqual({ uploadUrl: null })
    expect(await services.assistant.setCrashReporting({ uploadUrl: 'https://crashes.example.org/submit' })).toEqual({ uploadUrl: 'https://crashes.example.org/submit' })
    expect(services.assistant.crashReporting()).toEqual({ uploadUrl: 'https://crashes.example.org/submit' })
  })
})
