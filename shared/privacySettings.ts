import { z } from 'zod'
import type { Notice } from './notice'

/** Longest window-title pattern accepted; patterns run against every window title on every frame. */
export const MAX_TITLE_PATTERN_LENGTH = 200

/**
 * Why the regular expression engine refuses a pattern, as a code the edges word
 * (`errors.refusal.<code>`): the engine's own text (V8's SyntaxError message, "Invalid regular
 * expression: /(/iu: Unterminated group") is English whatever the UI language, so it goes only to
 * the log. Matched on V8's wording (v8/src/regexp/regexp-error.h); anything else is REGEX_SYNTAX.
 */
const REGEX_REASONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/Unterminated group|Unmatched '\)'|Invalid group/i, 'REGEX_GROUP'],
  [/Unterminated character class|Range out of order in character class|Invalid character class/i, 'REGEX_CLASS'],
  [/Nothing to repeat|Lone quantifier brackets|Incomplete quantifier|numbers out of order/i, 'REGEX_QUANTIFIER'],
  [/\\ at end of pattern|Invalid (Unicode |class |decimal |named |)escape|Invalid property name|Invalid named reference|capture group name/i, 'REGEX_ESCAPE'],
]

function regexReason(engineText: string): string {
  return REGEX_REASONS.find(([match]) => match.test(engineText))?.[1] ?? 'REGEX_SYNTAX'
}

/** The engine's SyntaxError for `pattern` as a window-title pattern (flags `iu`), or null when it compiles. */
function compileError(pattern: string): Error | null {
  try {
    new RegExp(pattern, 'iu')
    return null
  } catch (error) {
    return error as Error
  }
}

/**
 * Why `pattern` cannot be used as a window-title pattern (a JavaScript regular expression, matched
 * case-insensitively), or null when it can, as a notice the view words from `notices.<code>`:
 * TITLE_PATTERN_EMPTY, TITLE_PATTERN_TOO_LONG (`max`), TITLE_PATTERN_INVALID (`pattern`, and a
 * `refusal` code saying what is wrong with it, worded from `errors.refusal`; the engine's English
 * text stays in the log). Shared so the settings view and main refuse the same.
 */
export function titlePatternProblem(pattern: string): Notice | null {
  if (pattern.trim() === '') return { code: 'TITLE_PATTERN_EMPTY' }
  if (pattern.length > MAX_TITLE_PATTERN_LENGTH) return { code: 'TITLE_PATTERN_TOO_LONG', params: { max: MAX_TITLE_PATTERN_LENGTH } }
  const error = compileError(pattern)
  return error ? { code: 'TITLE_PATTERN_INVALID', params: { pattern, refusal: regexReason(error.message) } } : null
}

/**
 * A title pattern that matches the window titled `title` exactly (`^…$`, every special character
 * escaped), within {@link MAX_TITLE_PATTERN_LENGTH}: a title too long for that (escaping can double
 * it) becomes a pattern for titles that start with as much of it as fits (`^…`, cut between whole
 * characters, never inside an escape or a surrogate pair), so picking any open window works.
 */
export function titlePatternFor(title: string): string {
  const escaped = Array.from(title, (char) => char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  const whole = `^${escaped.join('')}$`
  if (whole.length <= MAX_TITLE_PATTERN_LENGTH) return whole
  let prefix = '^'
  for (const piece of escaped) {
    if (prefix.length + piece.length > MAX_TITLE_PATTERN_LENGTH) break
    prefix += piece
  }
  return prefix
}

const appName = z.string().trim().min(1, 'An app name cannot be empty.').max(200)
const titlePattern = z.string().superRefine((pattern, context) => {
  const problem = titlePatternProblem(pattern)
  // The issue's message is for the log (INVALID_SETTINGS names the field to the user), so it keeps the engine's own words.
  const engineText = problem?.code === 'TITLE_PATTERN_INVALID' ? ` (${compileError(pattern)?.message})` : ''
  if (problem) context.addIssue({ code: 'custom', message: `The window-title pattern "${pattern}" is refused: ${problem.code}${engineText}` })
})

/** Windows picked by app name (case-insensitive, `.exe`/`.app` ignored) or by a title pattern. */
export const windowMatchSchema = z
  .object({
    apps: z.array(appName).max(100),
    titlePatterns: z.array(titlePattern).max(100),
  })
  .strict()
export type WindowMatch = z.infer<typeof windowMatchSchema>

export const privacySettingsSchema = z
  .object({
    /** While one of these is in front, or visible in what is shared, no frame leaves the machine. */
    excluded: windowMatchSchema,
    /** These windows are blurred in every frame while visible. */
    blurred: windowMatchSchema,
  })
  .strict()
export type PrivacySettings = z.infer<typeof privacySettingsSchema>

/** A window open now, as the settings view offers it for blurring or pausing (no ids, no positions). */
export const openWindowSchema = z.object({ appName: z.string().max(200), title: z.string().max(500) })
export type OpenWindow = z.infer<typeof openWindowSchema>

/**
 * Password managers, and private browser windows whose title says so: Chrome and Brave
 * ("Incognito", "(Private)"), Edge ("InPrivate"), Firefox and Safari ("Private Browsing").
 */
export const DEFAULT_PRIVACY_SETTINGS: PrivacySettings = {
  excluded: {
    apps: ['1Password', 'Bitwarden', 'KeePassXC', 'LastPass', 'Dashlane', 'Keychain Access'],
    titlePatterns: ['\\bIncognito\\b', '\\bInPrivate\\b', 'Private Browsing', '\\((Private|Incognito)\\)'],
  },
  blurred: { apps: [], titlePatterns: [] },
}
