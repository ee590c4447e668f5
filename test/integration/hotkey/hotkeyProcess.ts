import { fork, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import type { ChildCommand, ChildEvent } from './hotkeyChild'

/** A UiohookPushToTalk running in a child process on `display`, and everything it reported. */
export class HotkeyProcess {
  readonly events: ChildEvent[] = []
  private constructor(private readonly child: ChildProcess) {
    child.on('message', (event: ChildEvent) => this.events.push(event))
  }

  static start(display: string): HotkeyProcess {
    const child = fork(join(import.meta.dirname, 'hotkeyChild.ts'), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, DISPLAY: display },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    return new HotkeyProcess(child)
  }

  /** Only the press and release events, in order. */
  get presses(): ('press' | 'release')[] {
    return this.events.flatMap((e) => (e.type === 'press' || e.type === 'release' ? [e.type] : []))
  }

  async bind(accelerator: string): Promise<ChildEvent> {
    return this.request({ type: 'bind', accelerator }, (e) => e.type === 'bound' || e.type === 'failed')
  }

  async dispose(): Promise<void> {
    await this.request({ type: 'dispose' }, (e) => e.type === 'disposed')
  }

  /** What lock, unlock, suspend and resume do to the hotkey in the app. */
  async resetHeldKeys(): Promise<void> {
    await this.request({ type: 'resetHeldKeys' }, (e) => e.type === 'done' && e.command === 'resetHeldKeys')
  }

  /** A key-up our own focused window saw (`KeyboardEvent.code`). */
  async windowKeyUp(code: string): Promise<void> {
    await this.request({ type: 'windowKeyUp', code }, (e) => e.type === 'done' && e.command === 'windowKeyUp')
  }

  clear(): void {
    this.events.length = 0
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return
    const exited = once(this.child, 'exit')
    this.child.disconnect()
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000)
    await exited
    clearTimeout(timer)
  }

  private async request(command: ChildCommand, isAnswer: (event: ChildEvent) => boolean): Promise<ChildEvent> {
    const from = this.events.length
    this.child.send(command)
    const deadline = Date.now() + 15_000
    while (Date.now() < deadline) {
      const answer = this.events.slice(from).find(isAnswer)
      if (answer) return answer
      if (this.child.exitCode !== null) throw new Error(`hotkey child exited with ${this.child.exitCode}`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    throw new Error(`hotkey child did not answer ${command.type}`)
  }
}
