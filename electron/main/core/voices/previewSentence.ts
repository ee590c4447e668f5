/** The UI languages a voice preview can speak; any other locale hears English. */
export const PREVIEW_LANGUAGES = ['en', 'de', 'es', 'ja'] as const
export type PreviewLanguage = (typeof PREVIEW_LANGUAGES)[number]

const SENTENCES: Record<PreviewLanguage, (voice: string) => string> = {
  en: (voice) => `Hi, I'm ${voice}. This is how I sound when I answer you in Sightline.`,
  de: (voice) => `Hallo, ich bin ${voice}. So klinge ich, wenn ich dir in Sightline antworte.`,
  es: (voice) => `Hola, soy ${voice}. Así sueno cuando te respondo en Sightline.`,
  ja: (voice) => `こんにちは、${voice}です。Sightlineでお答えするときは、こんな声です。`,
}

/** The preview language for a BCP-47 locale (`de-AT` → `de`); unknown or malformed → `en`. */
export function previewLanguageOf(locale: string): PreviewLanguage {
  const primary = locale.trim().toLowerCase().split(/[-_]/)[0] ?? ''
  return (PREVIEW_LANGUAGES as readonly string[]).includes(primary) ? (primary as PreviewLanguage) : 'en'
}

/** The one sentence a voice says in its preview, in that language. */
export function previewSentence(language: PreviewLanguage, voice: string): string {
  return SENTENCES[language](voice)
}
