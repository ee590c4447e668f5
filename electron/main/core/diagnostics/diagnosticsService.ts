import type { ArchiveWriter, DesktopActions, FileSaver } from '../ports'
import { buildDiagnostics, diagnosticsSummary, type DiagnosticsSources } from './diagnosticsReport'

/**
 * "Save diagnostics…" and "Copy diagnostics summary": builds the report from its sources,
 * zips it through the {@link ArchiveWriter} port and lets the user choose where it goes.
 */
export class DiagnosticsService {
  constructor(
    private readonly deps: {
      sources: DiagnosticsSources
      archive: ArchiveWriter
      saver: FileSaver
      desktop: DesktopActions
      now: () => Date
    },
  ) {}

  /** Resolves with the path written, or null when the user cancelled the save dialog. */
  async save(includeCrashDumps: boolean): Promise<string | null> {
    const entries = await buildDiagnostics(this.deps.sources, { includeCrashDumps })
    const bytes = await this.deps.archive.zip(entries)
    const stamp = this.deps.now().toISOString().replace(/[:.]/g, '-')
    return this.deps.saver.saveAs(`sightline-diagnostics-${stamp}.zip`, bytes)
  }

  /** Puts the short summary on the clipboard and returns it. */
  async copySummary(): Promise<string> {
    const text = diagnosticsSummary(this.deps.sources)
    await this.deps.desktop.writeClipboard(text)
    return text
  }
}
