import type { WindowMatch } from '../../../../shared/privacySettings'
import type { PausedWindow, WindowKind } from '../../../../shared/sharePause'
import type { DesktopWindow } from '../ports'

/** Why a window matched: the app name as the user wrote it, or the pattern with the title that matched. */
export interface WindowMatchHit {
  /** What the user reads, worded at the edge: the app name ("1Password"), or the matcher's kind for a title match (PRIVATE_WINDOW). */
  label: PausedWindow
  rule: string
}

/**
 * Matches desktop windows against a user list of app names and window-title patterns. App names
 * compare case-insensitively and ignore a trailing `.exe`/`.app` and a version suffix
 * ("1Password 7", "1Password.exe"); title patterns are regular expressions, case-insensitive.
 * A title match is named by `titleKind`, as the title may say what the user must not share.
 * Patterns are checked when settings are saved (`titlePatternProblem`); one that still fails to
 * compile here throws, so the gate pauses rather than ignoring it.
 */
export class WindowMatcher {
  private readonly apps: { name: string; label: string }[]
  private readonly titles: { pattern: RegExp; source: string }[]

  constructor(match: WindowMatch, private readonly titleKind: WindowKind) {
    this.apps = match.apps.map((label) => ({ name: normaliseAppName(label), label: label.trim() }))
    this.titles = match.titlePatterns.map((source) => ({ pattern: new RegExp(source, 'iu'), source }))
  }

  get isEmpty(): boolean {
    return this.apps.length === 0 && this.titles.length === 0
  }

  /** The first rule `window` matches, or null. */
  match(window: Pick<DesktopWindow, 'appName' | 'title'>): WindowMatchHit | null {
    const app = normaliseAppName(window.appName)
    for (const entry of this.apps) {
      if (app === entry.name || (app.startsWith(entry.name) && /^[\s\d.]+$/u.test(app.slice(entry.name.length)))) {
        return { label: { window: entry.label }, rule: entry.label }
      }
    }
    for (const entry of this.titles) {
      if (entry.pattern.test(window.title)) return { label: { windowKind: this.titleKind }, rule: entry.source }
    }
    return null
  }
}

/** Lower case, no `.exe`/`.app`, single spaces: "KeePassXC.exe" and "keepassxc" are one app. */
export function normaliseAppName(name: string): string {
  return name
    .trim()
    .replace(/\.(exe|app)$/iu, '')
    .replace(/\s+/gu, ' ')
    .toLowerCase()
}
