/** Packs files into one archive (a zip in production: platform/fflateArchiveWriter.ts). */
export interface ArchiveWriter {
  zip(entries: readonly { name: string; data: string | Uint8Array }[]): Promise<Uint8Array>
}
