import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { FakeLiveServer, type FakeLiveServerOptions } from '../../support/fakeLive/fakeLiveServer'
import { FLASH_31, GEMINI_38, NATIVE_AUDIO } from '../../support/live/liveHarness'

const repoRoot = join(import.meta.dirname, '../../..')

/** `npm run test:live` as CI would run it (node --import tsx scripts/live-canary.ts), with exactly this environment. */
function canary(env: Record<string, string>): Promise<{ code: number; lines: string[] }> {
  const { GEMINI_API_KEY: _key, GOOGLE_GEMINI_BASE_URL: _url, ...inherited } = process.env
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/live-canary.ts'], { cwd: repoRoot, env: { ...inherited, ...env }, timeout: 120_000 }, (error, stdout) => {
      resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, lines: stdout.trim().split('\n') })
    })
  })
}

let server: FakeLiveServer | null = null
afterEach(async () => {
  await server?.stop()
  server = null
})

async function fake(options: FakeLiveServerOptions = {}) {
  server = new FakeLiveServer(options)
  return server.start()
}

describe('npm run test:live (the live canary), proven against the fake Live server', () => {
  it('without GEMINI_API_KEY it says it skipped, and passes', async () => {
    const run = await canary({})
    expect(run.code).toBe(0)
    expect(run.lines[0]).toBe('live canary skipped: GEMINI_API_KEY is not set, so no model was tried against the service.')
    expect(run.lines.at(-1)).toBe('0 passed, 0 failed, 4 skipped')
  }, 60_000)

  it('runs the conversation (typed question, spoken answer with transcript, tool call, resume) on every listed model, new ones included', async () => {
    const baseUrl = await fake({ modelsList: { kind: 'list', extraLive: [{ id: 'gemini-3.8-live-preview-01-2027', displayName: 'Gemini 3.8 Live Preview' }] }, models: [GEMINI_38, 'gemini-3.8-live-extended-thinking', FLASH_31, NATIVE_AUDIO, { id: 'gemini-3.8-live-preview-01-2027', family: '3.8', displayName: 'Gemini 3.8 Live Preview', inputTokenLimit: 131_072, outputTokenLimit: 65_536 }] })
    const run = await canary({ GEMINI_API_KEY: 'test-key-1234', GOOGLE_GEMINI_BASE_URL: baseUrl, LIVE_CANARY_STEP_MS: '15000' })
    expect(run.lines.filter((l) => l.startsWith('✓ ')).map((l) => l.split(':')[0])).toEqual([
      '✓ gemini-3.8-live',
      '✓ gemini-3.8-live-extended-thinking',
      '✓ gemini-3.1-flash-live-preview',
      '✓ gemini-2.5-flash-native-audio-preview-12-2025',
      '✓ gemini-3.8-live-preview-01-2027',
    ])
    expect(run.lines.at(-1)).toBe('5 passed, 0 failed, 0 skipped')
    expect(run.code).toBe(0)
    expect(run.lines.join('\n')).not.toContain('test-key-1234')
    const toolAnswers = server!.received('toolResponse')
    expect(toolAnswers).toHaveLength(5)
  }, 120_000)

  it('fails loudly when a model disappears from models.list or the service changes a rule', async () => {
    const baseUrl = await fake({
      models: [GEMINI_38, FLASH_31, NATIVE_AUDIO],
      // The service starts refusing a field 2.5's profile sends: the canary must say so, not pass.
      refuseSetup: (connection, setup) =>
        connection.model.endsWith(NATIVE_AUDIO) && setup.inputAudioTranscription ? { code: 1007, reason: 'input_audio_transcription is not supported for this model.' } : null,
    })
    const run = await canary({ GEMINI_API_KEY: 'test-key-1234', GOOGLE_GEMINI_BASE_URL: baseUrl, LIVE_CANARY_STEP_MS: '15000' })
    expect(run.code).toBe(1)
    expect(run.lines).toContain('✗ gemini-3.8-live-extended-thinking: models.list: the model disappeared from models.list: retire it in shared/modelCatalogue.ts')
    expect(run.lines.find((l) => l.startsWith(`✗ ${NATIVE_AUDIO}`))).toMatch(/setup: .*input_audio_transcription is not supported/)
    expect(run.lines.at(-1)).toBe('2 passed, 2 failed, 0 skipped')
  }, 120_000)
})
