import { strToU8, zipSync, type Zippable } from 'fflate'
import type { ArchiveWriter } from '../core/ports'

/** Zips entries with fflate (DEFLATE level 6); names are used as given, so they must be relative and unique. */
export const fflateArchiveWriter: ArchiveWriter = {
  async zip(entries) {
    const files: Zippable = {}
    for (const entry of entries) {
      if (entry.name in files) throw new Error(`zip: two entries named ${entry.name}`)
      files[entry.name] = [typeof entry.data === 'string' ? strToU8(entry.data) : entry.data, { level: 6 }]
    }
    return zipSync(files, { mtime: new Date() })
  },
}
