import { copyFile, link, mkdir, readdir, readlink, symlink } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * Mirrors a directory tree with hard links (copies where the file system refuses them), keeping
 * symlinks as symlinks. A staged project needs a real `node_modules` rather than a symlink to
 * one: npm resolves a symlinked tree to its real path and then cannot place its packages.
 * Hard links make the mirror of a 400 MB tree take about a second and no space; nothing writes
 * to the mirrored files.
 */
export async function linkTree(source: string, target: string): Promise<void> {
  await mkdir(target, { recursive: true })
  const entries = await readdir(source, { withFileTypes: true })
  await Promise.all(
    entries.map(async (entry) => {
      const from = join(source, entry.name)
      const to = join(target, entry.name)
      if (entry.isDirectory()) return linkTree(from, to)
      if (entry.isSymbolicLink()) return symlink(await readlink(from), to)
      try {
        await link(from, to)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error
        await copyFile(from, to)
      }
    }),
  )
}
