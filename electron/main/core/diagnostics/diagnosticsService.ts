import { CodedError } from '../../../../shared/codedError'
import type { ArchiveWriter, DesktopActions, SaveDialog } from '../ports'
import { buildDiagnostics, diagnosticsSummary, type DiagnosticsSources } from './diagnosticsReport'

const ZIP_FILTER = { name: 'Zip archive', extensions: ['zip'] }

/**
 * "Save diagnostics…" and "Copy diagnostics summary": builds the report from its sources,
 * zips it through the {@link ArchiveWriter} port and lets the user choose where it goes
 * through the {@link SaveDialog} port (the one history exports use).
 */
export class DiagnosticsService {
  constructor(
    private readonly deps: {
      sources: DiagnosticsSources
      archive: ArchiveWriter
      saver: SaveDialog
      desktop: DesktopActions
      now: () => Date
    },
  ) {}

  /** Resolves with the path written, or null when the user cancelled the save dialog. */
  async save(includeCrashDumps: boolean): Promise<string | null> {
    const entries = await buildDiagnostics(this.deps.sources, { includeCrashDumps })
    const bytes = await this.deps.archive.zip(entries)
    const stamp = this.deps.now().toISOString().replace(/[:.]/g, '-')
    const saved = await this.deps.saver.save({ defaultName: `sightline-diagnostics-${stamp}.zip`, content: bytes, filter: ZIP_FILTER, title: 'Save diagnostics' })
    // A zip cannot go back to the page as text: a saver that only offers downloads cannot take it.
    if (saved.outcome === 'download') throw new CodedError('DIAGNOSTICS_UNAVAILABLE', 'Diagnostics cannot be saved here.')
    return saved.path
  }

  /** Puts the short summary on the clipboard and returns it. */
  async copySummary(): Promise<string> {
    const text = diagnosticsSummary(this.deps.sources)
    await this.deps.desktop.writeClipboard(text)
    return text
  }
}
