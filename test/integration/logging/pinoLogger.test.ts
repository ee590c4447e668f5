import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createPinoLogger } from '../../../electron/main/platform/pinoLogger'

// The production logger itself, writing a real file: what reaches the disk is what is asserted.

const GOOGLE_SHAPED = 'AIzaSyA1234567890abcdefghijklmnopqrstu'
const CUSTOM = 'my-own-proxy-secret-42'

describe('the production logger (pino, to a file)', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  function logFile() {
    const dir = mkdtempSync(join(tmpdir(), 'sightline-log-'))
    dirs.push(dir)
    return join(dir, 'logs', 'sightline.log')
  }

  it('unredacted log: the key, a URL holding it and an error holding it never reach the file', () => {
    const file = logFile()
    const logger = createPinoLogger({ file, level: 'debug', sync: true, knownSecrets: () => [CUSTOM] })
    logger.info(`the key is ${GOOGLE_SHAPED}`)
    logger.warn('connect failed', { url: `wss://generativelanguage.example/ws?key=${GOOGLE_SHAPED}&alt=1`, attempt: 2 })
    logger.error('handler failed', { error: new Error(`refused key ${CUSTOM} at wss://h.example/x?key=${CUSTOM}`) })
    logger.debug(`custom secret ${CUSTOM} in the message`, { nested: { deeper: [`key=${CUSTOM}`, `api_key=${GOOGLE_SHAPED}`] } })
    const written = readFileSync(file, 'utf8')
    const lines = written.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(lines).toHaveLength(4)
    expect(written).not.toContain(GOOGLE_SHAPED)
    expect(written).not.toContain(CUSTOM)
    expect(written).not.toContain('AIza')
    expect(lines[0]!.msg).toBe('the key is [redacted-key]')
    expect(lines[1]).toMatchObject({ msg: 'connect failed', url: 'wss://generativelanguage.example/ws?[redacted]', attempt: 2 })
    // An error keeps its stack (where it happened), redacted like everything else (loggableError).
    expect(lines[2]!.error).toMatchObject({ name: 'Error', message: 'refused key [redacted-key] at wss://h.example/x?[redacted]' })
    expect(String((lines[2]!.error as { stack: string }).stack)).toMatch(/^Error: refused key \[redacted-key\] at wss:\/\/h\.example\/x\?\[redacted\]\n\s+at .*pinoLogger\.test\.ts/)
    expect(lines[3]).toMatchObject({ msg: 'custom secret [redacted-key] in the message', nested: { deeper: ['key=[redacted]', 'api_key=[redacted]'] } })
  })

  it('log file mode: a new log file is readable by its owner only, and an existing one is narrowed to that', () => {
    const file = logFile()
    createPinoLogger({ file, sync: true }).info('hello')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const older = join(dirs[0]!, 'older.log')
    writeFileSync(older, 'from an older version\n', { mode: 0o644 })
    createPinoLogger({ file: older, sync: true }).info('appended')
    expect(statSync(older).mode & 0o777).toBe(0o600)
    expect(readFileSync(older, 'utf8')).toMatch(/^from an older version\n\{.*"msg":"appended"/)
  })
})
