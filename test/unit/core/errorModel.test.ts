import { describe, expect, it } from 'vitest'
import { CodedError, toAppError } from '../../../shared/codedError'
import { assertNever } from '../../../shared/assertNever'
import { loggableError, redactFields } from '../../../electron/main/core/redact'
import { LiveTransportError } from '../../../electron/main/core/live/liveErrors'
import { SettingsError } from '../../../electron/main/core/settings/settingsError'

describe('core errors are coded', () => {
  it('core errors the user can see carry a code and params instead of only a sentence', () => {
    const refused = new LiveTransportError(1007, 'API key not valid')
    expect(refused).toBeInstanceOf(CodedError)
    expect(refused).toMatchObject({ code: 'LIVE_SETUP_REFUSED', params: { closeCode: 1007, reason: 'API key not valid' } })
    const invalid = new SettingsError('INVALID_SETTINGS', 'bad', ['capture.framesPerSecond', 'voice'])
    expect(invalid).toMatchObject({ code: 'INVALID_SETTINGS', params: { fields: 'capture.framesPerSecond, voice' }, name: 'SettingsError' })
  })

  it('toAppError keeps a coded error whole and never passes on the raw text of an uncoded one', () => {
    expect(toAppError(new CodedError('MUTED', 'The microphone is muted.', { params: { device: 'USB mic' } }), 'TALK_FAILED', 'x')).toEqual({
      code: 'MUTED', message: 'The microphone is muted.', params: { device: 'USB mic' },
    })
    expect(toAppError(new Error('socket hang up at 10.0.0.1'), 'TALK_FAILED', 'Could not start talking.')).toEqual({
      code: 'TALK_FAILED', message: 'Could not start talking.', params: {},
    })
  })

  it('assertNever refuses a value outside the type at run time', () => {
    expect(() => assertNever('sideways' as never, 'direction')).toThrow('Unexpected direction: "sideways"')
  })
})

describe('logging an error keeps the stack and redacts secrets', () => {
  it('the stack, code and cause survive; a key in the message, the stack or the cause does not', () => {
    const key = 'AIzaSyA1234567890abcdefghijklmnopqrstu'
    const cause = new Error(`connect failed for wss://host/ws?key=${key}`)
    const error = new CodedError('LIVE_CONNECT_FAILED', `refused with ${key}`, { cause, params: { reason: `key=${key}` } })
    const logged = redactFields({ error }) as { error: Record<string, unknown> }
    expect(logged.error).toMatchObject({ name: 'CodedError', code: 'LIVE_CONNECT_FAILED', message: 'refused with [redacted-key]' })
    expect(String(logged.error.stack)).toContain('errorModel.test.ts')
    expect(JSON.stringify(logged)).not.toContain(key)
    expect((logged.error.cause as Record<string, unknown>).message).toBe('connect failed for wss://host/ws?[redacted]')
  })

  it('a known secret that does not look like a Google key is masked too', () => {
    const logged = loggableError(new Error('token sk-live-123456 refused'), ['sk-live-123456'])
    expect(logged.message).toBe('token [redacted-key] refused')
  })
})
