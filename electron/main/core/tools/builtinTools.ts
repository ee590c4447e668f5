import { z } from 'zod'
import { ToolError, type ToolDefinition, type ToolRegistryDeps } from './toolTypes'
import { isSafeExternalUrl } from '../../../../shared/safeExternalUrl'
import { getDomain } from 'tldts'
import { cleanClipboardText } from './clipboardText'

/** How much of the text to copy the question shows; the rest is counted, not hidden silently. */
const PREVIEW_CHARS = 2_000

/**
 * The tools Sightline always offers: time and date, open a link, copy to the clipboard. Every
 * tool with a side effect asks first (`deps.confirm`, which honours the user's "always allow").
 */
export function builtinTools(deps: ToolRegistryDeps): ToolDefinition<never>[] {
  return [currentTimeTool(deps), openUrlTool(deps), copyToClipboardTool(deps)] as ToolDefinition<never>[]
}

const currentTimeArgs = z.object({
  timeZone: z.string().max(64).optional().describe('An IANA time zone such as Europe/Paris; the computer\'s own zone when left out.'),
})

/** The current date and time, in the computer's time zone or a named one. */
export function currentTimeTool(deps: Pick<ToolRegistryDeps, 'clock'>): ToolDefinition<z.infer<typeof currentTimeArgs>> {
  return {
    name: 'get_current_time',
    description: 'Returns the current date, time, weekday and time zone on the user\'s computer.',
    parameters: currentTimeArgs,
    // The user asked and is waiting for the answer.
    scheduling: 'INTERRUPT',
    async run({ timeZone }) {
      const now = new Date(deps.clock.now())
      let zone: string
      try {
        zone = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone
      } catch {
        throw new ToolError(`Unknown time zone "${timeZone}".`)
      }
      const local = new Intl.DateTimeFormat('en-US', { timeZone: zone, dateStyle: 'full', timeStyle: 'long' }).format(now)
      return { iso: now.toISOString(), local, timeZone: zone }
    },
  }
}

const openUrlArgs = z.object({ url: z.string().max(2048).describe('The https address to open.') })

/** Opens a web page in the default browser: only what the desktop will open (plain https), and only after the user agreed. */
export function openUrlTool(deps: Pick<ToolRegistryDeps, 'confirm' | 'desktop'>): ToolDefinition<z.infer<typeof openUrlArgs>> {
  return {
    name: 'open_url',
    description: 'Opens a web page in the user\'s browser. The user is asked first and may refuse.',
    parameters: openUrlArgs,
    // The user sees the page open; whether it did can wait for the end of the current answer.
    scheduling: 'WHEN_IDLE',
    async run({ url }, { signal }) {
      let parsed: URL
      try {
        parsed = new URL(url)
      } catch {
        throw new ToolError(`"${url}" is not a web address.`)
      }
      if (!isSafeExternalUrl(parsed.href)) throw new ToolError('Only https addresses can be opened.')
      const allowed = await deps.confirm(
        { tool: 'open_url', emphasis: registrableDomain(parsed), detail: parsed.href, size: null },
        signal,
      )
      if (signal.aborted) throw new ToolError('The call was cancelled.')
      if (!allowed) throw new ToolError('The user declined to open the link.')
      await deps.desktop.openInBrowser(parsed.href)
      return { opened: parsed.href }
    },
  }
}

const copyArgs = z.object({ text: z.string().min(1).max(100_000).describe('The text to put on the clipboard.') })

/**
 * Puts text on the clipboard, after asking with a preview of exactly what will be copied. Hidden
 * characters (`\r`, other controls, bidi overrides; see `cleanClipboardText`) are removed first, and
 * the result says what was copied, so the transcript always shows it.
 */
export function copyToClipboardTool(deps: Pick<ToolRegistryDeps, 'confirm' | 'desktop'>): ToolDefinition<z.infer<typeof copyArgs>> {
  return {
    name: 'copy_to_clipboard',
    description: 'Copies text to the user\'s clipboard so they can paste it. The user is asked first and may refuse.',
    parameters: copyArgs,
    // A side effect: nothing to say about it.
    scheduling: 'SILENT',
    async run(args, { signal }) {
      const { text, removedCharacters } = cleanClipboardText(args.text)
      if (text === '') throw new ToolError('There is nothing visible to copy.')
      // Counts, not words: the page says them in the UI language.
      const size = { lines: text.split('\n').length, characters: text.length, removedCharacters, moreCharacters: Math.max(0, text.length - PREVIEW_CHARS) }
      const allowed = await deps.confirm({ tool: 'copy_to_clipboard', emphasis: null, detail: text.slice(0, PREVIEW_CHARS), size }, signal)
      if (signal.aborted) throw new ToolError('The call was cancelled.')
      if (!allowed) throw new ToolError('The user declined to copy the text.')
      await deps.desktop.writeClipboard(text)
      return { copied: text, copiedCharacters: text.length, removedCharacters }
    },
  }
}

/** The part of a link's host that says who owns it ("evil.example" in "accounts.google.com.evil.example"); the host itself for IPs and single labels. */
export function registrableDomain(url: URL): string {
  // No hostname validation: an over-long label must still show its real owner, not fall back to the whole host.
  return getDomain(url.hostname, { allowPrivateDomains: true, validateHostname: false }) ?? url.hostname
}
