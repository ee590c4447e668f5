import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { JsonFileConversationStore } from '../../../electron/main/platform/jsonFileConversationStore'
import { MemoryLogger } from '../../unit/live/support/eventLog'

const conversation = {
  modelId: 'gemini-live-2.5-flash-preview',
  handle: 'fake-handle-s1-3',
  lastConnectedAt: 1_760_000_000_000,
  transcript: [
    { role: 'user' as const, text: 'My name is Ada.' },
    { role: 'model' as const, text: 'Hello Ada.' },
  ],
}

describe('the conversation file on disk', () => {
  const dirs: string[] = []
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))
  const store = (logger = new MemoryLogger()) => {
    const dir = mkdtempSync(join(tmpdir(), 'sightline-conv-'))
    dirs.push(dir)
    return { store: new JsonFileConversationStore({ directory: join(dir, 'nested'), logger }), logger }
  }

  it('reads back what it saved, readable by the user only, and forgets it on clear', async () => {
    const { store: s } = store()
    expect(await s.load()).toBeNull()
    await s.save(conversation)
    expect(await s.load()).toEqual(conversation)
    expect(statSync(s.path).mode & 0o777).toBe(0o600)
    expect(JSON.parse(readFileSync(s.path, 'utf8'))).toMatchObject({ version: 1 })
    await s.clear()
    expect(await s.load()).toBeNull()
    await s.clear()
  })

  it.each([
    ['not JSON', '{"modelId": "gemini'],
    ['a future version', JSON.stringify({ ...conversation, version: 2 })],
    ['a transcript too long to be ours', JSON.stringify({ version: 1, ...conversation, transcript: Array.from({ length: 500 }, () => ({ role: 'user', text: 'x' })) })],
    ['a wrong type', JSON.stringify({ version: 1, ...conversation, lastConnectedAt: 'yesterday' })],
  ])('a file with %s counts as no conversation, and says why in the log', async (_kind, text) => {
    const { store: s, logger } = store()
    await s.save(conversation)
    writeFileSync(s.path, text)
    expect(await s.load()).toBeNull()
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(1)
  })
})
