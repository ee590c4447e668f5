import { describe, expect, it } from 'vitest'
import { contract, createBridge, type BridgeTransport } from '../../../shared/ipcContract'

function fakeTransport() {
  const listeners = new Map<string, (payload: unknown) => void>()
  const calls: unknown[][] = []
  const transport: BridgeTransport = {
    invoke: async (channel, payload) => {
      calls.push(['invoke', channel, payload])
      return { ok: true, value: null }
    },
    send: (channel, payload) => void calls.push(['send', channel, payload]),
    subscribe: (channel, listener) => {
      listeners.set(channel, listener)
      return () => listeners.delete(channel)
    },
  }
  return { transport, calls, listeners }
}

describe('the bridge built from the contract', () => {
  it('exposes exactly one intention-named function per contract entry and nothing else', () => {
    const bridge = createBridge(fakeTransport().transport)
    const expected = [...Object.keys(contract.invoke), ...Object.keys(contract.send), ...Object.keys(contract.events)].sort()
    expect(Object.keys(bridge).sort()).toEqual(expected)
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function')
    expect(Object.isFrozen(bridge)).toBe(true)
    expect('ipcRenderer' in bridge).toBe(false)
  })

  it('routes calls to the contract channels', async () => {
    const { transport, calls } = fakeTransport()
    const bridge = createBridge(transport)
    await bridge.sendText({ text: 'hi' })
    bridge.sendAudioChunk(new Uint8Array(2))
    expect(calls).toEqual([
      ['invoke', 'session:send-text', { text: 'hi' }],
      ['send', 'media:audio', new Uint8Array(2)],
    ])
  })

  it('gives listeners only the payload, and unsubscribes', () => {
    const { transport, listeners } = fakeTransport()
    const bridge = createBridge(transport)
    const seen: unknown[][] = []
    const off = bridge.onTranscript((...args: unknown[]) => seen.push(args))
    listeners.get('session:transcript')?.({ turnId: 1, role: 'model', kind: 'text', text: 'x' })
    expect(seen).toEqual([[{ turnId: 1, role: 'model', kind: 'text', text: 'x' }]])
    off()
    expect(listeners.has('session:transcript')).toBe(false)
  })

  it('refuses a listener that is not a function', () => {
    const bridge = createBridge(fakeTransport().transport)
    expect(() => bridge.onUsage('nope' as never)).toThrow(TypeError)
  })

  it('uses each wire channel name once', () => {
    const all = [...Object.values(contract.invoke), ...Object.values(contract.send), ...Object.values(contract.events)].map((e) => e.channel)
    expect(new Set(all).size).toBe(all.length)
  })
})
