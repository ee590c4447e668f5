import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CATALOGUE, UI_LOCALES } from '../../../shared/i18n/catalogue'
import { describeError, describeNotices } from '../../../shared/i18n/describeError'
import { wordingFor } from '../../../shared/i18n/translate'

// Core raises codes and params; the edges word them from the catalogue. A code raised anywhere
// the user can see it must have its words, or the user would read "error SOME_CODE".

const ROOT = join(__dirname, '../../..')

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|vue)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
}

/** Codes the source raises: `new XxxError('CODE'`, `code: 'CODE'` and status notes `note('CODE'`. */
function raisedCodes(pattern: RegExp, dirs: string[]): Set<string> {
  const codes = new Set<string>()
  for (const file of dirs.flatMap(sourceFiles)) for (const match of readFileSync(file, 'utf8').matchAll(pattern)) codes.add(match[1]!)
  return codes
}

/**
 * Codes that are not errors the user sees: Node's file errors inside the settings repository
 * (SettingsFileRefusedError, reported as SETTINGS_UNREADABLE), and the voice preview's reasons,
 * which its own view words.
 */
const NOT_SHOWN = new Set(['EISDIR', 'ENOTREGULAR', 'EFBIG', 'NO_KEY', 'KEY_REFUSED', 'OFFLINE', 'UNKNOWN_VOICE', 'POINT_AT_REFUSED'])

const english = wordingFor('en')

describe('every code the user can see has words in the catalogue', () => {
  it('missing error words: each error code raised in main or the renderer has errors.<code>.message', () => {
    const codes = raisedCodes(/(?:Error\(\s*|code: )'([A-Z][A-Z0-9_]+)'/g, ['electron/main', 'renderer/src'])
    expect(codes.size).toBeGreaterThan(40)
    // A refusal code (why the OS refused a shortcut or the keyboard hook) is worded as errors.refusal.<code>.
    const worded = (code: string) => english.has(`errors.${code}.message`) || english.has(`notices.${code}`) || english.has(`errors.refusal.${code}`)
    const missing = [...codes].filter((code) => !NOT_SHOWN.has(code) && !worded(code))
    expect(missing).toEqual([])
  })

  it('missing notice words: each status note raised in core has notices.<code> (or an error\'s words)', () => {
    const codes = raisedCodes(/note\('([A-Z][A-Z0-9_]+)'/g, ['electron/main'])
    for (const code of ['MODEL_RETIRED', 'MODEL_NAME_UNKNOWN', 'CONTINUING_HISTORY', 'CONTINUING_HISTORY_UNTITLED', 'CONTINUING_EARLIER_USER', 'CONTINUING_EARLIER_MODEL']) codes.add(code)
    expect(codes.size).toBeGreaterThan(10)
    expect([...codes].filter((code) => !english.has(`notices.${code}`) && !english.has(`errors.${code}.message`))).toEqual([])
  })
})

describe('the edges word errors from code and params', () => {
  it('a known code is worded in the window language with its params, and its detail params add their sentences', () => {
    const error = { code: 'SHARE_HOTKEY_UNAVAILABLE', message: 'raw English', params: { hotkey: 'Ctrl+Shift+L', refusal: 'HOTKEY_TAKEN' } }
    expect(describeError(error, english)).toEqual({
      message: 'The shortcut Ctrl+Shift+L for Share screen and ask could not be registered. Another app already uses it.',
      action: 'Pick another shortcut for Share screen and ask in Settings.',
    })
    expect(describeError(error, wordingFor('de')).message).toBe(
      'Das Tastenkürzel Ctrl+Shift+L für „Bildschirm teilen und fragen“ konnte nicht registriert werden. Eine andere App verwendet es bereits.',
    )
    const closed = { code: 'CONNECTION_LOST', params: { reason: 'Internal error', closeCode: 1011 } }
    expect(describeError(closed, wordingFor('ja')).message).toBe('Gemini との接続が切れました。 Gemini のメッセージ:「Internal error」 終了コード 1011。')
  })

  it('a settings notice carries its backup, reset fields and model move as params, in that order after the message', () => {
    const words = describeError(
      { code: 'SETTINGS_MIGRATED', params: { fromVersion: 2, backupPath: '/s.json.v2', resetFields: 'voice', replacedFrom: 'old-live', replacedTo: 'gemini-3.8-live', replacedLabel: 'Gemini 3.8 Live' } },
      english,
    )
    expect(words.message).toBe(
      'Your settings were updated from an older version of Sightline (settings version 2). ' +
        'Google no longer offers the model old-live, so Sightline now uses Gemini 3.8 Live (gemini-3.8-live). ' +
        'These settings had values that cannot be used and were reset to their defaults: voice. ' +
        'The original file was kept as /s.json.v2.',
    )
    expect(words.action).toBeNull()
  })

  it('an unknown code reads as the catalogue\'s UNKNOWN naming the code, never as the error\'s own English', () => {
    for (const locale of UI_LOCALES) {
      const words = describeError({ code: 'SOMETHING_NEW', params: {} }, wordingFor(locale))
      expect(words.message).toContain('SOMETHING_NEW')
      expect(words.message).toBe(wordingFor(locale).t('errors.UNKNOWN.message', { code: 'SOMETHING_NEW' }))
    }
  })

  it('a code that names an Object.prototype member or a catalogue section is not mistaken for an entry', () => {
    for (const code of ['constructor', 'detail', 'actions', '__proto__']) expect(describeError({ code }, english).message).toContain(code)
  })

  it('status notices are worded in order as one line; an error code in the detail reads as that error', () => {
    expect(describeNotices([{ code: 'SERVER_ERROR' }, { code: 'KEEPS_TRYING', params: { seconds: 30 } }], wordingFor('es'))).toBe(
      'Gemini tuvo un problema por su parte. Sightline lo intenta cada 30 s y se reconecta por sí solo.',
    )
    expect(describeNotices(null, english)).toBeNull()
    expect(describeNotices([], english)).toBeNull()
  })

  it('German, Spanish and Japanese errors are translations, not English copies', () => {
    const englishErrors = CATALOGUE.en.errors as Record<string, { message?: string }>
    for (const locale of ['de', 'es', 'ja'] as const) {
      const other = CATALOGUE[locale].errors as Record<string, { message?: string }>
      const copies = Object.keys(englishErrors).filter((code) => englishErrors[code]!.message && other[code]!.message === englishErrors[code]!.message)
      expect({ locale, copies }).toEqual({ locale, copies: [] })
    }
  })
})

describe('a raised error carries every param its words need (no "{service}" on screen)', () => {
  const unfilled = (text: string) => text.match(/\{\w+\}/g) ?? []

  it('token service failures name the service they tried', async () => {
    const { fetchServiceToken } = await import('../../../electron/main/core/credentials/tokenServiceClient')
    const service = 'https://tokens.example.org'
    const answers = [() => Promise.reject(new Error('ECONNREFUSED')), async () => ({ status: 401, json: async () => null }), async () => ({ status: 503, json: async () => null }), async () => ({ status: 200, json: async () => ({}) })]
    for (const answer of answers) {
      const error = await fetchServiceToken(service, 'access-code-1234', answer).then(() => null, (e: { appError: { code: string; params?: Record<string, string> } }) => e.appError)
      const words = describeError(error!, english)
      expect({ code: error!.code, unfilled: unfilled(words.message), named: words.message.includes(service) }).toEqual({ code: error!.code, unfilled: [], named: true })
    }
  })

  it('a refused talk shortcut names the shortcut', async () => {
    const { TogglePushToTalk } = await import('../../../electron/main/platform/togglePushToTalk')
    const taken = new TogglePushToTalk({ register: () => false, unregister: () => undefined })
    const error = (() => {
      try {
        taken.bind('Ctrl+Shift+Space', { onPress: () => undefined, onRelease: () => undefined })
      } catch (e) {
        return e as { code: string; params: Record<string, string> }
      }
      return null
    })()
    expect(describeError(error!, english).message).toBe('The talk shortcut Ctrl+Shift+Space is already used by another app.')
  })
})

describe('main words errors from the same catalogue', () => {
  it('the tray says the newest pending problem in the OS language, in its menu and tooltip', async () => {
    const { trayMenuModel, trayViewOf } = await import('../../../electron/main/platform/trayMenuModel')
    const { INITIAL_SNAPSHOT } = await import('../../../electron/main/core/state/appState')
    const { translatorFor } = await import('../../../shared/i18n/translate')
    const state = {
      ...INITIAL_SNAPSHOT,
      session: { state: 'error' as const, detail: [{ code: 'QUOTA_EXCEEDED' }], resumed: false },
      notices: [{ code: 'QUOTA_EXCEEDED', message: 'English for the log', params: {} }],
    }
    const es = translatorFor('es')
    const model = trayMenuModel(trayViewOf(state, false, es), es)
    expect(model.items[0]).toEqual({ kind: 'note', label: 'Se ha agotado su cuota de Gemini.' })
    expect(model.tooltip).toContain('Se ha agotado su cuota de Gemini.')
    expect(JSON.stringify(model)).not.toContain('English for the log')
    expect(trayMenuModel(trayViewOf(INITIAL_SNAPSHOT, false, es), es).items[0]).not.toMatchObject({ kind: 'note' })
  })
})
