import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const fixture = join(import.meta.dirname, 'fixtures', 'nonJsonFrame.mts')
const run = (mode: string) => spawnSync(process.execPath, ['--import', 'tsx', fixture, mode], { encoding: 'utf8', timeout: 20_000 })

describe('a server frame that is not JSON, in a real Node process', () => {
  it('kills Node when it reaches the raw SDK (the hazard the adapter exists for)', () => {
    const result = run('raw-sdk')
    expect(result.status).toBe(1)
    expect(result.stdout).not.toContain('survived')
    expect(result.stderr).toMatch(/SyntaxError/)
  })

  it('is caught by GenaiLiveTransport, reported on the connection, and the process lives on', () => {
    const result = run('adapter')
    expect(result.stderr).not.toMatch(/SyntaxError/)
    expect(result.stdout).toContain('onError: The server sent a frame that is not JSON')
    expect(result.stdout).toContain('survived')
    expect(result.status).toBe(0)
  })
})
