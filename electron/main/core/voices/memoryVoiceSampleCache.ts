import type { PreviewLanguage } from './previewSentence'
import type { VoiceSample, VoiceSampleCache } from '../ports'

/** Keeps voice previews for this run only: where there is no user-data folder to write to. */
export class MemoryVoiceSampleCache implements VoiceSampleCache {
  private readonly samples = new Map<string, VoiceSample>()

  async read(voice: string, language: PreviewLanguage): Promise<VoiceSample | null> {
    return this.samples.get(`${voice}.${language}`) ?? null
  }

  async write(voice: string, language: PreviewLanguage, sample: VoiceSample): Promise<void> {
    this.samples.set(`${voice}.${language}`, sample)
  }
}
