import { describe, expect, it } from 'vitest'
import { senderOf, type IpcEventLike } from '../../../electron/main/ipc/senderOf'
import { IpcRouter } from '../../../electron/main/ipc/ipcRouter'
import { APP_ORIGIN, isOwnTopFrame } from '../../../electron/main/windows/securityPolicy'
import { recordingHandlers, recordingLogger } from '../../support/routerFixtures'

/** Real-shaped frames: a WebFrameMain's `parent` is the frame object above it, null for the top frame. */
function frame(origin: string, parent: IpcEventLike['senderFrame'] = null, detached = false): NonNullable<IpcEventLike['senderFrame']> {
  return { origin, parent: parent as never, detached }
}
function event(senderFrame: IpcEventLike['senderFrame'], options: { destroyed?: boolean; id?: number } = {}): IpcEventLike {
  return { sender: { id: options.id ?? 7, isDestroyed: () => options.destroyed ?? false }, senderFrame }
}

const top = frame(APP_ORIGIN)
/** The router as index.ts wires it: trusted only when isOwnTopFrame says so. */
function wiredRouter() {
  const handlers = recordingHandlers()
  return { router: new IpcRouter(handlers, (s) => isOwnTopFrame(s, [APP_ORIGIN]), recordingLogger()), handlers }
}

describe('senderOf: the identity the IPC router trusts', () => {
  it('our top frame is our origin and the top frame', () => {
    expect(senderOf(event(top))).toEqual({ id: 'wc-7', origin: APP_ORIGIN, isTopFrame: true })
  })

  it('trusted subframe: an iframe of our own origin inside our page is not the top frame', () => {
    expect(senderOf(event(frame(APP_ORIGIN, top)))).toEqual({ id: 'wc-7', origin: APP_ORIGIN, isTopFrame: false })
    expect(senderOf(event(frame('https://evil.example', frame(APP_ORIGIN, top))))).toMatchObject({ isTopFrame: false })
  })

  it('another origin is reported as that origin (the top frame of a page that navigated away)', () => {
    expect(senderOf(event(frame('https://evil.example')))).toEqual({ id: 'wc-7', origin: 'https://evil.example', isTopFrame: true })
  })

  it('a destroyed sender, a frame gone (null), a detached frame and a disposed one (throws) are nobody', () => {
    const disposed = {
      get origin(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed')
      },
      parent: null,
      detached: false,
    }
    expect(senderOf(event(top, { destroyed: true }))).toEqual({ id: 'wc-7', origin: '', isTopFrame: false })
    expect(senderOf(event(null))).toEqual({ id: 'wc-7', origin: '', isTopFrame: false })
    expect(senderOf(event(frame(APP_ORIGIN, null, true)))).toEqual({ id: 'wc-7', origin: '', isTopFrame: false })
    expect(senderOf(event(disposed))).toEqual({ id: 'wc-7', origin: '', isTopFrame: false })
  })

  it('through the router as wired: only our top frame reaches a handler', async () => {
    const { router, handlers } = wiredRouter()
    const cases = [event(top), event(frame(APP_ORIGIN, top)), event(frame('https://evil.example')), event(top, { destroyed: true }), event(null)]
    const answers = []
    for (const e of cases) answers.push(await router.invoke('app:get-info', senderOf(e), undefined))
    expect(answers.map((a) => (a.ok ? 'ok' : a.error.code))).toEqual(['ok', 'FORBIDDEN_SENDER', 'FORBIDDEN_SENDER', 'FORBIDDEN_SENDER', 'FORBIDDEN_SENDER'])
    expect(handlers.calls).toHaveLength(1)
  })
})
