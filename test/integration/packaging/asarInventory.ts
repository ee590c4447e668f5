import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { extractFile, getRawHeader } from '@electron/asar'

/** One file in a packaged app, as the asar header describes it. */
export interface PackagedFile {
  /** Path inside the archive without a leading slash, e.g. `out/main/index.js`. */
  readonly path: string
  /** True when the bytes live in `app.asar.unpacked/` rather than inside the archive. */
  readonly unpacked: boolean
  readonly size: number
}

interface HeaderNode {
  files?: Record<string, HeaderNode>
  unpacked?: boolean
  size?: number
  link?: string
}

/** Every file the app's asar declares, packed or unpacked (symlinks and folders left out). */
export function listPackagedFiles(asarPath: string): PackagedFile[] {
  const found: PackagedFile[] = []
  const walk = (node: HeaderNode, prefix: string) => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const path = prefix ? `${prefix}/${name}` : name
      if (child.files) walk(child, path)
      else if (child.link === undefined) found.push({ path, unpacked: child.unpacked === true, size: child.size ?? 0 })
    }
  }
  walk(getRawHeader(asarPath).header as HeaderNode, '')
  return found
}

/** A packaged file's bytes, from inside the archive or from beside it. */
export async function readPackagedFile(asarPath: string, file: PackagedFile): Promise<Buffer> {
  if (file.unpacked) return readFile(join(`${asarPath}.unpacked`, file.path))
  return extractFile(asarPath, file.path)
}
