import { CodedError } from '../../../../shared/codedError'
import type { Translate } from '../../../../shared/i18n/translate'
import type { ArchiveWriter, DesktopActions, SaveDialog } from '../ports'
import { buildDiagnostics, diagnosticsSummary, type DiagnosticsSources } from './diagnosticsReport'

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
      /** Main's words in the UI language now (core/uiLanguage.ts): the dialog's title and file-type name. */
      words: () => Translate
    },
  ) {}

  /** Resolves with the path written, or null when the user cancelled the save dialog. */
  async save(includeCrashDumps: boolean): Promise<string | null> {
    const entries = await buildDiagnostics(this.deps.sources, { includeCrashDumps })
    const bytes = await this.deps.archive.zip(entries)
    const stamp = this.deps.now().toISOString().replace(/[:.]/g, '-')
    const t = this.deps.words()
    const saved = await this.deps.saver.save({
      defaultName: `sightline-diagnostics-${stamp}.zip`,
      content: bytes,
      filter: { name: t('saveDialog.zipArchive'), extensions: ['zip'] },
      title: t('saveDialog.diagnosticsTitle'),
    })
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
