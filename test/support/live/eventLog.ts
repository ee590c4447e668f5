import type { LiveSessionEvents } from '../../../electron/main/core/live/liveSession'
import type { Logger } from '../../../electron/main/core/ports'

type EventName = keyof LiveSessionEvents
type Payload<E extends EventName> = Parameters<LiveSessionEvents[E]>[0]

/** Records every session event in order, for assertions on what the user would see. */
export class EventLog {
  readonly all: { name: EventName; payload: unknown }[] = []
  readonly events: LiveSessionEvents

  constructor() {
    const record = <E extends EventName>(name: E) => (payload: Payload<E>) => void this.all.push({ name, payload })
    this.events = {
      onStatus: record('onStatus'),
      onTranscript: record('onTranscript'),
      onTurnEvent: record('onTurnEvent'),
      onModelContent: record('onModelContent'),
      onToolActivity: record('onToolActivity'),
      onAudioOut: record('onAudioOut'),
      onUsage: record('onUsage'),
      onError: record('onError'),
    }
  }

  of<E extends EventName>(name: E): Payload<E>[] {
    return this.all.filter((e) => e.name === name).map((e) => e.payload as Payload<E>)
  }

  /** The sequence of session states shown. */
  get states(): string[] {
    return this.of('onStatus').map((s) => s.state)
  }
}

/** A logger that keeps lines for assertions (e.g. that no key leaked). */
export class MemoryLogger implements Logger {
  readonly lines: { level: string; message: string; fields?: Record<string, unknown> }[] = []
  debug = (message: string, fields?: Record<string, unknown>) => void this.lines.push({ level: 'debug', message, fields })
  info = (message: string, fields?: Record<string, unknown>) => void this.lines.push({ level: 'info', message, fields })
  warn = (message: string, fields?: Record<string, unknown>) => void this.lines.push({ level: 'warn', message, fields })
  error = (message: string, fields?: Record<string, unknown>) => void this.lines.push({ level: 'error', message, fields })
}
