import { z } from 'zod'
import { ToolError, type ToolDefinition, type ToolRegistryDeps } from './toolTypes'
import { isSafeExternalUrl } from '../../../../shared/safeExternalUrl'

/** The tools Sightline always offers: time and date, open a link (after asking), copy to clipboard. */
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
      const allowed = await deps.confirm({ title: 'Open this link in your browser?', detail: parsed.href })
      if (signal.aborted) throw new ToolError('The call was cancelled.')
      if (!allowed) throw new ToolError('The user declined to open the link.')
      await deps.desktop.openInBrowser(parsed.href)
      return { opened: parsed.href }
    },
  }
}

const copyArgs = z.object({ text: z.string().min(1).max(100_000).describe('The text to put on the clipboard.') })

/** Puts text on the clipboard. */
export function copyToClipboardTool(deps: Pick<ToolRegistryDeps, 'desktop'>): ToolDefinition<z.infer<typeof copyArgs>> {
  return {
    name: 'copy_to_clipboard',
    description: 'Copies text to the user\'s clipboard so they can paste it.',
    parameters: copyArgs,
    // A side effect: nothing to say about it.
    scheduling: 'SILENT',
    async run({ text }) {
      await deps.desktop.writeClipboard(text)
      return { copiedCharacters: text.length }
    },
  }
}
