import { fork, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeLiveServer } from '../../support/fakeLive/fakeLiveServer'
import { startXvfb, xdotool, type XvfbDisplay } from './xvfbDisplay'

// Hold-to-talk end to end on the main side: a real key chord on a real X server, seen by uiohook,
// turned by the Assistant into activityStart/activityEnd that the real SDK puts on the wire.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('the hotkey on the wire', () => {
  let x: XvfbDisplay
  let server: FakeLiveServer
  let child: ChildProcess

  beforeAll(async () => {
    x = await startXvfb()
    server = new FakeLiveServer()
    const baseUrl = await server.start()
    child = fork(join(import.meta.dirname, 'hotkeyWireChild.ts'), [baseUrl], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, DISPLAY: x.display },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    const [ready] = (await once(child, 'message')) as [{ type: string; talk: { hotkeyNote: string | null } }]
    expect(ready).toMatchObject({ type: 'ready', talk: { hotkeyNote: null } })
  }, 30_000)

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = once(child, 'exit')
      child.disconnect()
      await exited
    }
    await server?.stop()
    await x?.stop()
  })

  it('holding Ctrl+Shift+Space sends activityStart, letting go sends activityEnd', async () => {
    await xdotool(x.display, 'keydown', 'ctrl+shift+space')
    await server.waitForFrame((f) => f.direction === 'in' && f.text.includes('"activityStart"'), 10_000)
    await sleep(800)
    expect(server.received('realtimeInput').some((m) => JSON.stringify(m).includes('activityEnd'))).toBe(false)
    await xdotool(x.display, 'keyup', 'space')
    await xdotool(x.display, 'keyup', 'shift+ctrl')
    await server.waitForFrame((f) => f.direction === 'in' && f.text.includes('"activityEnd"'), 5_000)
    const signals = server
      .received('realtimeInput')
      .map((m) => Object.keys(m.realtimeInput as object)[0])
      .filter((k) => k === 'activityStart' || k === 'activityEnd')
    expect(signals).toEqual(['activityStart', 'activityEnd'])
    // Push-to-talk sessions turn automatic VAD off, which is what makes these signals valid.
    const setup = server.received('setup')[0] as { setup: { realtimeInputConfig?: { automaticActivityDetection?: { disabled?: boolean } } } }
    expect(setup.setup.realtimeInputConfig?.automaticActivityDetection?.disabled).toBe(true)
  })
})
