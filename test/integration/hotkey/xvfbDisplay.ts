import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'

/** A private X server for one test file; `display` is ":N". */
export interface XvfbDisplay {
  display: string
  stop(): Promise<void>
}

/**
 * Starts Xvfb on a display number it picks itself (`-displayfd`), so parallel runs never
 * collide. Xvfb has the RECORD extension (which libuiohook's X11 hook needs) on by default;
 * `extraArgs` can take it away (`['-extension', 'RECORD']`) to test the fallback.
 */
export async function startXvfb(extraArgs: string[] = []): Promise<XvfbDisplay> {
  const child: ChildProcess = spawn('Xvfb', ['-displayfd', '1', '-nolisten', 'tcp', '-screen', '0', '1024x768x24', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const number = await new Promise<string>((resolve, reject) => {
    let stdout = ''
    const timer = setTimeout(() => reject(new Error(`Xvfb did not report a display within 10 s: ${stderr}`)), 10_000)
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      if (stdout.includes('\n')) {
        clearTimeout(timer)
        resolve(stdout.trim())
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`Xvfb exited (${code}) before it was ready: ${stderr}`))
    })
  })
  return {
    display: `:${number}`,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      await once(child, 'exit')
    },
  }
}

/** Runs `xdotool` against a display and waits for it to finish. */
export async function xdotool(display: string, ...args: string[]): Promise<void> {
  const child = spawn('xdotool', args, { env: { ...process.env, DISPLAY: display }, stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const [code] = (await once(child, 'exit')) as [number | null]
  if (code !== 0) throw new Error(`xdotool ${args.join(' ')} failed (${code}): ${stderr}`)
}
