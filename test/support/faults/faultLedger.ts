import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** How one scenario ended, for the suite's summary line. */
export interface ScenarioOutcome {
  name: string
  /** The session was expected to come back by itself (not end in an error the user must act on). */
  shouldRecover: boolean
  recovered: boolean
  /** Chunks lost beyond the documented bounds (the goal is 0). */
  lostBeyondBound: number
  /** Chunks written to a socket the network had already killed (no protocol ack exists to resend them). */
  lostInFlight: number
  /** Oldest chunks dropped because the reconnect buffer was full (documented bound, counted by the engine). */
  droppedByBound: number
  duplicates: number
}

/**
 * Collects every scenario of the fault suite and writes the summary: scenarios run, sessions
 * recovered, input chunks lost, crashes (uncaught exceptions and unhandled rejections seen by
 * the process while the suite ran).
 */
export class FaultLedger {
  readonly outcomes: ScenarioOutcome[] = []
  crashes = 0
  private readonly onCrash = () => void this.crashes++

  listen(): void {
    process.on('uncaughtException', this.onCrash)
    process.on('unhandledRejection', this.onCrash)
  }

  unlisten(): void {
    process.off('uncaughtException', this.onCrash)
    process.off('unhandledRejection', this.onCrash)
  }

  record(outcome: ScenarioOutcome): void {
    this.outcomes.push(outcome)
  }

  summary() {
    const o = this.outcomes
    const sum = (key: 'lostBeyondBound' | 'lostInFlight' | 'droppedByBound' | 'duplicates') => o.reduce((n, x) => n + x[key], 0)
    return {
      scenariosRun: o.length,
      sessionsExpectedToRecover: o.filter((x) => x.shouldRecover).length,
      sessionsRecovered: o.filter((x) => x.shouldRecover && x.recovered).length,
      endedWithActionableError: o.filter((x) => !x.shouldRecover && !x.recovered).length,
      inputChunksLost: sum('lostBeyondBound'),
      inputChunksLostInFlightAtACut: sum('lostInFlight'),
      inputChunksDroppedByBufferBound: sum('droppedByBound'),
      inputChunksDuplicated: sum('duplicates'),
      crashes: this.crashes,
      scenarios: o,
    }
  }

  /** Prints the one-line summary and writes test-results/fault-summary.json. */
  report(root: string): string {
    const s = this.summary()
    const line =
      `fault suite: ${s.scenariosRun} scenarios run, ${s.sessionsRecovered}/${s.sessionsExpectedToRecover} sessions recovered ` +
      `(${s.endedWithActionableError} ended with an error the user can act on, as designed), ` +
      `${s.inputChunksLost} input chunks lost beyond the buffer bound (${s.inputChunksLostInFlightAtACut} in flight at a network cut, ` +
      `${s.inputChunksDroppedByBufferBound} dropped by the buffer bound), ${s.inputChunksDuplicated} duplicated, ${s.crashes} crashes`
    mkdirSync(join(root, 'test-results'), { recursive: true })
    writeFileSync(join(root, 'test-results', 'fault-summary.json'), JSON.stringify({ line, ...s }, null, 2) + '\n')
    return line
  }
}
