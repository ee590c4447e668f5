import { afterEach, describe, expect, it } from 'vitest'
import { mainWorld, makeUsable, type MainWorld } from '../../support/fuzz/mainWorld'
import { solidFrame } from '../../support/media/fakes'

let world: MainWorld
afterEach(async () => world?.stop())

/**
 * A question about an unchanged screen is answered from the frame the model already received
 * (framePipeline.ts `alreadySeen`), but only while the model still holds it: a fresh (not
 * resumed) session starts without it, so composeServices makes the pipeline forget it then.
 */
describe('a frame the model received stands in for an unchanged one only within its session', () => {
  it('the same screen is not sent twice in one session, and is sent again in a fresh one', async () => {
    world = await mainWorld()
    const invoke = (channel: string, payload?: unknown) => world.services.router.invoke(channel, world.ownPage, payload)
    await makeUsable(invoke)
    const { frames } = world.services
    const ask = async () => {
      await frames.push(solidFrame(80))
      const outcome = await frames.startTalking()
      frames.stopTalking()
      return outcome
    }

    expect(await invoke('session:start')).toMatchObject({ ok: true, value: { state: 'live', resumed: false } })
    expect(await ask()).toMatchObject({ sent: true, reason: 'activityStart' })
    expect(await ask()).toMatchObject({ sent: false, reason: 'alreadySeen' })

    expect(await invoke('session:stop')).toMatchObject({ ok: true })
    expect(await invoke('session:start')).toMatchObject({ ok: true, value: { state: 'live', resumed: false } })
    expect(await ask()).toMatchObject({ sent: true, reason: 'activityStart' })
  })
})
