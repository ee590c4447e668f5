import { afterEach, describe, expect, it } from 'vitest'
import { imageTokensPerFrame } from '../../../electron/main/core/media/imageTokenCost'
import { liveHarness, micChunk, waitFor } from '../../support/live/liveHarness'

type Harness = Awaited<ReturnType<typeof liveHarness>>
let h: Harness
afterEach(async () => h?.stop())

/**
 * The fake server bills each frame by the session's `mediaResolution` (test/support/fakeLive,
 * `videoFrameTokens`), as the real one reports it in `usageMetadata.promptTokensDetails`; the
 * app's own reckoning (imageTokenCost.ts, which the frame pipeline's token meter uses) must agree.
 */
describe('image tokens billed per frame by the session’s media resolution', () => {
  it.each([
    ['default', 258],
    ['low', 66],
  ] as const)('%s: %d tokens a frame, all frames of the turn billed into it', async (mediaResolution, perFrame) => {
    h = await liveHarness()
    await h.session.start(h.settings({ mediaResolution, vad: { mode: 'push-to-talk' } }))
    h.server.setScript({ onTurn: (c) => void c.reply({ audio: { ms: 100 } }) })
    h.session.activityStart()
    for (let i = 0; i < 4; i++) h.session.sendAudio(micChunk(i, { isVoiced: true }))
    for (let i = 0; i < 3; i++) h.session.sendVideoFrame(new Uint8Array([0xff, 0xd8, i, 0xff, 0xd9]))
    h.session.activityEnd()
    await waitFor(() => h.log.of('onTurnEvent').some((e) => e.type === 'turnComplete'), 'turnComplete')
    await waitFor(() => (h.log.of('onUsage').at(-1)?.byModality['prompt:VIDEO'] ?? 0) > 0, 'usage with the frames')
    expect(h.log.of('onUsage').at(-1)!.byModality['prompt:VIDEO']).toBe(3 * perFrame)
    expect(imageTokensPerFrame(mediaResolution)).toBe(perFrame)
  })
})
