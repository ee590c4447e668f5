import { describe, expect, it } from 'vitest'
import { WindowMatcher, type WindowMatchHit } from '../../../electron/main/core/media/windowMatcher'
import { describeNotice } from '../../../shared/i18n/describeError'
import { translatorFor, wordingFor } from '../../../shared/i18n/translate'
import { DEFAULT_PRIVACY_SETTINGS, privacySettingsSchema, titlePatternFor, titlePatternProblem } from '../../../shared/privacySettings'
import { DEFAULT_SETTINGS, applySettingsPatch } from '../../../shared/settings'
import { SettingsService } from '../../../electron/main/core/settings/settingsService'
import { InMemorySettingsRepository } from '../../support/settings/inMemorySettingsRepository'

const defaults = new WindowMatcher(DEFAULT_PRIVACY_SETTINGS.excluded, 'PRIVATE_WINDOW')
const english = translatorFor('en')

/** What a pause names, as the user reads it in English: the app name, or the words for a title match's kind. */
function said(hit: WindowMatchHit | null): string | null {
  if (!hit) return null
  return 'window' in hit.label ? hit.label.window : english(`notices.windowKind.${hit.label.windowKind}`)
}

describe('exclusion matcher (defaults)', () => {
  it.each([
    // [app name, window title, what the pause names, or null for no match]
    ['1Password', '1Password', '1Password'],
    ['1Password 7', 'Vault', '1Password'],
    ['1Password.exe', 'All Items', '1Password'],
    ['1password', 'lock screen', '1Password'],
    ['Bitwarden', 'My Vault', 'Bitwarden'],
    ['KeePassXC.exe', 'Passwords.kdbx - KeePassXC', 'KeePassXC'],
    ['keepassxc', 'Passwords.kdbx', 'KeePassXC'],
    ['LastPass', 'LastPass', 'LastPass'],
    ['Dashlane', 'Dashlane', 'Dashlane'],
    ['Keychain Access', 'login', 'Keychain Access'],
    ['Google Chrome', 'New Tab - Google Chrome (Incognito)', 'a private browser window'],
    ['Google Chrome', 'Bank - Incognito', 'a private browser window'],
    ['Microsoft Edge', 'New tab - [InPrivate] - Microsoft Edge', 'a private browser window'],
    ['Firefox', 'Mozilla Firefox Private Browsing', 'a private browser window'],
    ['Safari', 'Private Browsing — example.com', 'a private browser window'],
    ['Brave Browser', 'New Tab - Brave (Private)', 'a private browser window'],
    ['Terminal', 'bash', null],
    ['Google Chrome', 'Privacy policy - Google Chrome', null],
    ['Google Chrome', 'incognitomode.example - Google Chrome', null],
    ['Microsoft Edge', 'Private equity news - Microsoft Edge', null],
    ['1Password Helper Tool', 'x', null],
    ['NotLastPass', 'x', null],
    ['', '', null],
  ])('%s / %j → %s', (appName, title, expected) => {
    expect(said(defaults.match({ appName, title }))).toBe(expected)
  })
})

describe('exclusion matcher (user lists)', () => {
  it.each([
    [{ apps: ['Signal'], titlePatterns: [] }, { appName: 'Signal', title: 'Chats' }, 'Signal'],
    [{ apps: ['  Signal  '], titlePatterns: [] }, { appName: 'signal.app', title: 'Chats' }, 'Signal'],
    [{ apps: [], titlePatterns: ['^Online Banking'] }, { appName: 'Firefox', title: 'Online Banking — Mozilla Firefox' }, 'a private browser window'],
    [{ apps: [], titlePatterns: ['^Online Banking'] }, { appName: 'Firefox', title: 'Bank: Online Banking' }, null],
    [{ apps: [], titlePatterns: [] }, { appName: '1Password', title: '1Password' }, null],
  ])('%j matches %j → %s', (match, window, expected) => {
    expect(said(new WindowMatcher(match, 'PRIVATE_WINDOW').match(window))).toBe(expected)
  })
})

describe('malformed title pattern', () => {
  it.each([
    ['(', 'is not a valid regular expression'],
    ['[a-', 'is not a valid regular expression'],
    ['a{2,1}', 'is not a valid regular expression'],
    ['   ', 'cannot be empty'],
    ['x'.repeat(201), 'at most 200 characters'],
  ])('%j is refused with a message', (pattern, message) => {
    expect(describeNotice(titlePatternProblem(pattern)!, wordingFor('en'))).toContain(message)
  })

  it('English inside a translated error: the engine\'s reason is a code worded in the UI language, its own text only in the log', () => {
    const problem = titlePatternProblem('(((')!
    expect(problem).toEqual({ code: 'TITLE_PATTERN_INVALID', params: { pattern: '(((', refusal: 'REGEX_GROUP' } })
    expect(describeNotice(problem, wordingFor('de'))).toBe(
      'Das Fenstertitel-Muster „(((“ ist kein gültiger regulärer Ausdruck. Eine Klammer ist nicht geschlossen oder nicht geöffnet: Jede „(“ braucht ihre „)“.',
    )
    expect(describeNotice(problem, wordingFor('ja'))).toBe('ウィンドウタイトルのパターン「(((」は有効な正規表現ではありません。 括弧が閉じていないか、開いていません。「(」には対応する「)」が必要です。')
    expect(titlePatternProblem('[a-')?.params?.refusal).toBe('REGEX_CLASS')
    expect(titlePatternProblem('a{2,1}')?.params?.refusal).toBe('REGEX_QUANTIFIER')
    expect(titlePatternProblem('*a')?.params?.refusal).toBe('REGEX_QUANTIFIER')
    expect(titlePatternProblem('a\\')?.params?.refusal).toBe('REGEX_ESCAPE')
    expect(titlePatternProblem('\\p{Nope}')?.params?.refusal).toBe('REGEX_ESCAPE')
    const logged = privacySettingsSchema.safeParse({ ...DEFAULT_PRIVACY_SETTINGS, excluded: { apps: [], titlePatterns: ['((('] } })
    expect(logged.error?.issues[0]?.message).toContain('Unterminated group')
    expect(describeNotice(titlePatternProblem('x'.repeat(201))!, wordingFor('ja'))).toBe('ウィンドウタイトルのパターンは 200 文字以内にしてください。')
  })

  it('is refused in settings with a message naming the setting, and the saved lists stay as they were', async () => {
    const settings = await SettingsService.open({ repository: new InMemorySettingsRepository() })
    await expect(settings.update({ privacy: { excluded: { apps: ['Signal'], titlePatterns: ['(bank'] } } })).rejects.toMatchObject({
      code: 'INVALID_SETTINGS',
      fields: ['privacy.excluded.titlePatterns.0'],
      message: expect.stringContaining('The window-title pattern "(bank" is refused: TITLE_PATTERN_INVALID'),
    })
    expect(settings.get().privacy).toEqual(DEFAULT_PRIVACY_SETTINGS)
  })

  it('a valid list is kept as written', () => {
    const next = applySettingsPatch(DEFAULT_SETTINGS, { privacy: { blurred: { apps: ['Slack'], titlePatterns: ['\\bSecret\\b'] } } })
    expect(next.privacy.blurred).toEqual({ apps: ['Slack'], titlePatterns: ['\\bSecret\\b'] })
    expect(next.privacy.excluded).toEqual(DEFAULT_PRIVACY_SETTINGS.excluded)
  })
})

describe('long window titles', () => {
  it('a picked title is an exact pattern when it fits, else a prefix pattern within 200 characters that still matches it', () => {
    expect(titlePatternFor('Report (draft) [v2]')).toBe('^Report \\(draft\\) \\[v2\\]$')
    const long = `${'(a) '.repeat(60)}😀 end`
    const pattern = titlePatternFor(long)
    expect(pattern.length).toBeLessThanOrEqual(200)
    expect(titlePatternProblem(pattern)).toBeNull()
    expect(new RegExp(pattern, 'iu').test(long)).toBe(true)
    expect(pattern.endsWith('\\')).toBe(false)
    const emoji = titlePatternFor(`${'x'.repeat(198)}😀😀`)
    expect(emoji).toBe(`^${'x'.repeat(198)}`)
  })
})
