import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createRequire } from 'node:module'

/** The talk hotkey as the app binds it by default: Option+Shift+Space on macOS, Ctrl+Shift+Space elsewhere (shared/settings.ts). */
export const DEFAULT_TALK_CHORD = process.platform === 'darwin' ? (['alt', 'shift', 'space'] as const) : (['ctrl', 'shift', 'space'] as const)

type Key = (typeof DEFAULT_TALK_CHORD)[number]

async function xdotool(...args: string[]): Promise<void> {
  const child = spawn('xdotool', args, { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const [code] = (await once(child, 'exit')) as [number | null]
  if (code !== 0) throw new Error(`xdotool ${args.join(' ')} failed (${code}): ${stderr}`)
}

/**
 * Presses (`down`) or releases (`up`) a key chord at the OS level, so the app's global hook sees a
 * real key: on Linux through XTest with xdotool (the display xvfb-run set up; CI installs
 * xdotool), on macOS and Windows through uiohook-napi's keyToggle (CGEventPost / SendInput) from
 * this test process. Releases in reverse order, the way fingers let go.
 */
export async function toggleChord(chord: readonly Key[], direction: 'down' | 'up'): Promise<void> {
  const keys = direction === 'down' ? chord : [...chord].reverse()
  if (process.platform === 'linux') {
    await xdotool(direction === 'down' ? 'keydown' : 'keyup', keys.join('+'))
    return
  }
  const { uIOhook, UiohookKey } = createRequire(import.meta.url)('uiohook-napi') as typeof import('uiohook-napi')
  const code: Record<Key, number> = { alt: UiohookKey.Alt, ctrl: UiohookKey.Ctrl, shift: UiohookKey.Shift, space: UiohookKey.Space }
  for (const key of keys) uIOhook.keyToggle(code[key], direction)
}
