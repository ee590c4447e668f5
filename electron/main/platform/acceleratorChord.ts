import { PushToTalkError } from './pushToTalkError'

/**
 * Electron-style accelerators (`CommandOrControl+Shift+Space`) as uiohook key codes, and the
 * held-keys tracking that turns a raw key stream into one press and one release per hold.
 * No native code here: the codes are libuiohook's VC_* values (the ones `UiohookKey` lists).
 */

export type Modifier = 'ctrl' | 'alt' | 'shift' | 'meta'

/** A parsed accelerator: one main key plus the exact set of modifiers that must be held. */
export interface KeyChord {
  keycode: number
  modifiers: ReadonlySet<Modifier>
}

/** Left and right variants of each modifier. */
export const MODIFIER_KEYCODES: Readonly<Record<Modifier, readonly number[]>> = {
  ctrl: [0x001d, 0x0e1d],
  alt: [0x0038, 0x0e38],
  shift: [0x002a, 0x0036],
  meta: [0x0e5b, 0x0e5c],
}

const NAMED_KEYS: Readonly<Record<string, number>> = {
  space: 0x0039, tab: 0x000f, backspace: 0x000e, delete: 0x0e53, insert: 0x0e52,
  return: 0x001c, enter: 0x001c, escape: 0x0001, esc: 0x0001,
  up: 0xe048, down: 0xe050, left: 0xe04b, right: 0xe04d,
  home: 0x0e47, end: 0x0e4f, pageup: 0x0e49, pagedown: 0x0e51,
  capslock: 0x003a, numlock: 0x0045, scrolllock: 0x0046, printscreen: 0x0e37,
  ';': 0x0027, '=': 0x000d, plus: 0x000d, ',': 0x0033, '-': 0x000c, '.': 0x0034, '/': 0x0035,
  '`': 0x0029, '[': 0x001a, '\\': 0x002b, ']': 0x001b, "'": 0x0028,
  num0: 0x0052, num1: 0x004f, num2: 0x0050, num3: 0x0051, num4: 0x004b,
  num5: 0x004c, num6: 0x004d, num7: 0x0047, num8: 0x0048, num9: 0x0049,
  numdec: 0x0053, numadd: 0x004e, numsub: 0x004a, nummult: 0x0037, numdiv: 0x0e35,
}

const LETTERS = 'QWERTYUIOP ASDFGHJKL ZXCVBNM'
/** Set-1 scan codes: rows of the QWERTY layout start at 0x10, 0x1e and 0x2c. */
const ROW_STARTS = [0x10, 0x1e, 0x2c]
const F_KEYS = [0x3b, 0x3c, 0x3d, 0x3e, 0x3f, 0x40, 0x41, 0x42, 0x43, 0x44, 0x57, 0x58, 0x5b, 0x5c, 0x5d, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b]

function keycodeFor(name: string): number | undefined {
  const lower = name.toLowerCase()
  if (lower in NAMED_KEYS) return NAMED_KEYS[lower]
  if (/^[a-z]$/.test(lower)) {
    const rows = LETTERS.split(' ')
    for (let r = 0; r < rows.length; r++) {
      const column = rows[r]!.indexOf(lower.toUpperCase())
      if (column >= 0) return ROW_STARTS[r]! + column
    }
  }
  if (/^[0-9]$/.test(lower)) return lower === '0' ? 0x000b : 0x0001 + Number(lower)
  const f = /^f([1-9]|1[0-9]|2[0-4])$/.exec(lower)
  if (f) return F_KEYS[Number(f[1]) - 1]
  return undefined
}

function modifierFor(name: string, platform: NodeJS.Platform): Modifier | undefined {
  switch (name.toLowerCase()) {
    case 'commandorcontrol':
    case 'cmdorctrl':
      return platform === 'darwin' ? 'meta' : 'ctrl'
    case 'command':
    case 'cmd':
    case 'super':
    case 'meta':
      return 'meta'
    case 'control':
    case 'ctrl':
      return 'ctrl'
    case 'alt':
    case 'option':
      return 'alt'
    case 'shift':
      return 'shift'
    default:
      return undefined
  }
}

/** Parses an Electron accelerator; throws a `HOTKEY_INVALID` {@link PushToTalkError} for anything it cannot map. */
export function parseAccelerator(accelerator: string, platform: NodeJS.Platform = process.platform): KeyChord {
  // "Plus" names the + key; a literal "+" can only be the last part ("Ctrl++").
  const parts = accelerator.trim().replace(/\+\+$/, '+Plus').split('+').map((p) => p.trim())
  const invalid = (why: string) => new PushToTalkError('HOTKEY_INVALID', `The hotkey "${accelerator}" ${why}.`, { params: { hotkey: accelerator } })
  if (parts.some((p) => p === '')) throw invalid('is not a valid shortcut')
  const modifiers = new Set<Modifier>()
  let keycode: number | undefined
  for (const [index, part] of parts.entries()) {
    const modifier = modifierFor(part, platform)
    if (modifier && index < parts.length - 1) {
      modifiers.add(modifier)
      continue
    }
    if (index !== parts.length - 1) throw invalid(`has "${part}" where a modifier should be`)
    keycode = keycodeFor(part)
    if (keycode === undefined) throw invalid(modifier ? 'has no key besides its modifiers' : `uses a key we cannot watch: "${part}"`)
  }
  return { keycode: keycode!, modifiers }
}

/** What a key event did to the chord. */
export type ChordChange = 'press' | 'release' | null

/**
 * Follows which keys are held and reports the chord going down (the main key pressed while
 * exactly the chord's modifiers are held) and coming up (the main key or one of those
 * modifiers released). Auto-repeat keydowns while held report nothing.
 */
export class ChordTracker {
  private readonly held = new Set<number>()
  private isActive = false

  constructor(private readonly chord: KeyChord) {}

  get isHeld(): boolean {
    return this.isActive
  }

  keyDown(keycode: number): ChordChange {
    this.held.add(keycode)
    if (this.isActive || keycode !== this.chord.keycode) return null
    for (const modifier of Object.keys(MODIFIER_KEYCODES) as Modifier[]) {
      if (this.isModifierHeld(modifier) !== this.chord.modifiers.has(modifier)) return null
    }
    this.isActive = true
    return 'press'
  }

  /**
   * Forgets every held key, because key-ups can be lost: the Windows lock screen eats the Win+L
   * key-ups, and a key let go while the machine slept never reports. A chord that was down
   * answers 'release' so talking never sticks; the next press then starts afresh.
   */
  reset(): ChordChange {
    this.held.clear()
    if (!this.isActive) return null
    this.isActive = false
    return 'release'
  }

  keyUp(keycode: number): ChordChange {
    this.held.delete(keycode)
    if (!this.isActive) return null
    const releasesModifier = [...this.chord.modifiers].some((m) => MODIFIER_KEYCODES[m].includes(keycode) && !this.isModifierHeld(m))
    if (keycode !== this.chord.keycode && !releasesModifier) return null
    this.isActive = false
    return 'release'
  }

  private isModifierHeld(modifier: Modifier): boolean {
    return MODIFIER_KEYCODES[modifier].some((code) => this.held.has(code))
  }
}

/** `KeyboardEvent.code` names of the modifiers, with their libuiohook VC_* codes. */
const DOM_MODIFIER_CODES: Readonly<Record<string, number>> = {
  ControlLeft: 0x001d, ControlRight: 0x0e1d, AltLeft: 0x0038, AltRight: 0x0e38,
  ShiftLeft: 0x002a, ShiftRight: 0x0036, MetaLeft: 0x0e5b, MetaRight: 0x0e5c,
  OSLeft: 0x0e5b, OSRight: 0x0e5c,
}

/** `KeyboardEvent.code` names that differ from the accelerator key names above. */
const DOM_KEY_NAMES: Readonly<Record<string, string>> = {
  ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right',
  Semicolon: ';', Equal: '=', Comma: ',', Minus: '-', Period: '.', Slash: '/',
  Backquote: '`', BracketLeft: '[', Backslash: '\\', BracketRight: ']', Quote: "'",
  NumpadDecimal: 'numdec', NumpadAdd: 'numadd', NumpadSubtract: 'numsub', NumpadMultiply: 'nummult', NumpadDivide: 'numdiv',
  NumpadEnter: 'enter',
}

/**
 * The libuiohook keycode of a physical key named by `KeyboardEvent.code` (UI Events KeyboardEvent
 * code values, https://www.w3.org/TR/uievents-code/), e.g. 'Space', 'KeyL', 'ShiftLeft'; undefined
 * for keys a chord cannot use. Lets a key-up seen by our own window stand in for one the global
 * hook missed.
 */
export function keycodeForDomCode(code: string): number | undefined {
  if (Object.hasOwn(DOM_MODIFIER_CODES, code)) return DOM_MODIFIER_CODES[code]
  const named = Object.hasOwn(DOM_KEY_NAMES, code) ? DOM_KEY_NAMES[code]! : null
  if (named) return keycodeFor(named)
  const letterOrDigit = /^(?:Key([A-Z])|Digit([0-9])|Numpad([0-9]))$/.exec(code)
  if (letterOrDigit?.[3]) return keycodeFor(`num${letterOrDigit[3]}`)
  if (letterOrDigit) return keycodeFor(letterOrDigit[1] ?? letterOrDigit[2]!)
  if (/^F([1-9]|1[0-9]|2[0-4])$/.test(code)) return keycodeFor(code)
  return /^[A-Z][A-Za-z]+$/.test(code) ? keycodeFor(code) : undefined
}
