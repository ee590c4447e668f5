import { describe, expect, it } from 'vitest'
import { AutoUpdateService, type UpdateChannel, type UpdatePermission, type UpdateState, type Updater } from '../../../electron/main/core/update/autoUpdateService'
import { MemoryLogger } from '../../support/live/eventLog'
import { ManualClock } from '../../support/live/manualClock'

const TIMINGS = { firstCheckMs: 10_000, everyMs: 4 * 60 * 60_000, retryMs: 15 * 60_000 }

function rig(options: { permission?: () => UpdatePermission; channel?: UpdateChannel } = {}) {
  const clock = new ManualClock()
  const logger = new MemoryLogger()
  const checks: { at: number; channel: UpdateChannel }[] = []
  let answer: () => Promise<{ version: string } | null> = async () => null
  let downloaded: (version: string) => void = () => {}
  const installs: number[] = []
  const updater: Updater = {
    check: (channel) => (checks.push({ at: clock.now(), channel }), answer()),
    onDownloaded: (listener) => void (downloaded = listener),
    quitAndInstall: () => void installs.push(clock.now()),
  }
  const states: UpdateState[] = []
  const service = new AutoUpdateService({
    updater,
    clock,
    logger,
    permission: options.permission ?? (() => ({ kind: 'allowed' })),
    channel: () => options.channel ?? 'stable',
    onState: (state) => void states.push(state),
    timings: TIMINGS,
  })
  return { clock, logger, checks, states, service, installs, answerWith: (fn: typeof answer) => void (answer = fn), download: (v: string) => downloaded(v) }
}

describe('AutoUpdateService', () => {
  it('checks 10 s after start, then every 4 h', async () => {
    const r = rig()
    r.service.start()
    await r.clock.advance(10_000)
    await r.clock.advance(TIMINGS.everyMs)
    expect(r.checks.map((c) => c.at - r.checks[0]!.at)).toEqual([0, TIMINGS.everyMs])
  })

  it('an offline or failed check is quiet (no state change the user sees, a log line) and retried later, with a growing pause', async () => {
    const r = rig()
    r.answerWith(async () => Promise.reject(new Error('net::ERR_INTERNET_DISCONNECTED')))
    r.service.start()
    await r.clock.advance(10_000)
    await r.clock.advance(TIMINGS.retryMs)
    await r.clock.advance(2 * TIMINGS.retryMs)
    expect(r.checks.map((c) => c.at - r.checks[0]!.at)).toEqual([0, TIMINGS.retryMs, 3 * TIMINGS.retryMs])
    expect(r.service.state.status).toBe('idle')
    expect(r.logger.lines.filter((l) => l.message === 'update check failed; trying again later')).toHaveLength(3)
    expect(r.clock.pending).toBe(1)
  })

  it('a found update downloads in the background; once verified, "Restart to update" installs it', async () => {
    const r = rig()
    r.answerWith(async () => ({ version: '1.2.0' }))
    expect(r.service.restartToUpdate()).toBe(false)
    await r.service.checkNow()
    expect(r.service.state).toMatchObject({ status: 'downloading', version: '1.2.0' })
    r.download('1.2.0')
    expect(r.service.state).toMatchObject({ status: 'ready', version: '1.2.0' })
    expect(r.service.restartToUpdate()).toBe(true)
    expect(r.installs).toHaveLength(1)
  })

  it('is off when the organisation says so, and does not check', async () => {
    const r = rig({ permission: () => ({ kind: 'denied', reason: 'ORGANISATION_POLICY' }) })
    r.service.start()
    await r.clock.advance(10_000)
    expect(r.checks).toEqual([])
    expect(r.service.state).toMatchObject({ status: 'off', reason: 'ORGANISATION_POLICY' })
  })

  it('waits while the organisation\'s policy is not known yet, then checks', async () => {
    let permission: UpdatePermission = { kind: 'unknown' }
    const r = rig({ permission: () => permission })
    r.service.start()
    await r.clock.advance(10_000)
    expect(r.checks).toEqual([])
    permission = { kind: 'allowed' }
    await r.clock.advance(TIMINGS.retryMs)
    expect(r.checks).toHaveLength(1)
  })

  it('asks the feed for the chosen channel', async () => {
    const r = rig({ channel: 'beta' })
    await r.service.checkNow()
    expect(r.checks[0]!.channel).toBe('beta')
  })
})
