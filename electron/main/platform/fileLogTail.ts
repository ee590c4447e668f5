import { open } from 'node:fs/promises'

/** How much of the log end is read at most: 2,000 lines of JSON fit well within it. */
const TAIL_BYTES = 4 * 1024 * 1024

/** The last `count` lines of a text file (the pino log), oldest first; [] when it does not exist yet. */
export async function readLastLines(path: string, count: number): Promise<string[]> {
  let handle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  try {
    const { size } = await handle.stat()
    const length = Math.min(size, TAIL_BYTES)
    const buffer = Buffer.alloc(length)
    await handle.read(buffer, 0, length, size - length)
    const lines = buffer.toString('utf8').split('\n')
    if (length < size) lines.shift()
    if (lines.at(-1) === '') lines.pop()
    return lines.slice(-count)
  } finally {
    await handle.close()
  }
}
