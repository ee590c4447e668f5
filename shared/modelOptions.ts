import type { LiveModel } from './modelCatalogue'
import type { Settings, SettingsPatch } from './settings'
import { pluralKey, type Translate, type UiMessage } from './i18n/translate'

/** What switching to a model changes in the settings: the patch, and the options it turned off, in words. */
export interface ModelFit {
  patch: SettingsPatch
  /** Plain names of the options the model does not take ("thinking budget", "affective dialog"…); empty when none. */
  dropped: string[]
  /** The same options as catalogue words (`models.dropped.*`), for the settings view in the UI language. */
  droppedMessages: UiMessage[]
}

/**
 * The settings a model does not take, turned off or reset to "the model chooses", so switching
 * models never leaves an option the new model would refuse (its profile in modelCatalogue.ts says
 * which). Returns an empty patch when the settings already fit.
 */
export function fitSettingsToModel(settings: Settings, model: LiveModel): ModelFit {
  const patch: SettingsPatch = {}
  const dropped: string[] = []
  const droppedMessages: UiMessage[] = []
  const drop = (english: string, key: string, params?: UiMessage['params']) => {
    dropped.push(english)
    droppedMessages.push({ key: `models.dropped.${key}`, ...(params && { params }) })
  }
  const thinking: NonNullable<SettingsPatch['thinking']> = {}
  if (!model.modalities.includes(settings.responseModality)) {
    patch.responseModality = model.modalities[0]
    if (settings.responseModality === 'TEXT') drop('written answers', 'written')
    else drop('spoken answers', 'spoken')
  }
  if (!model.voices.includes(settings.voice) && model.voices[0]) {
    patch.voice = model.voices[0]
    drop(`the voice ${settings.voice}`, 'voice', { voice: settings.voice })
  }
  if (settings.languageCode !== null && !model.isLanguageSelectable) {
    patch.languageCode = null
    drop('the spoken language', 'language')
  }
  if (settings.thinking.budget !== null && model.thinking !== 'budget') {
    thinking.budget = null
    drop('the thinking budget', 'budget')
  }
  if (settings.thinking.level !== null && !model.thinkingLevels.includes(settings.thinking.level)) {
    thinking.level = null
    drop(`the thinking level "${settings.thinking.level}"`, 'level', { level: settings.thinking.level })
  }
  if (settings.thinking.includeThoughts && model.thinking === 'none') {
    thinking.includeThoughts = false
    drop('thought summaries', 'thoughts')
  }
  if (Object.keys(thinking).length) patch.thinking = thinking
  if (settings.affectiveDialog && !model.hasAffectiveDialog) {
    patch.affectiveDialog = false
    drop('affective dialog', 'affective')
  }
  if (settings.proactiveAudio && !model.hasProactiveAudio) {
    patch.proactiveAudio = false
    if (model.isProactiveAlways) drop('the proactive audio switch (always on for this model)', 'proactiveSwitch')
    else drop('proactive audio', 'proactive')
  }
  return { patch, dropped, droppedMessages }
}

/**
 * The sentence the settings view shows after a model switch turned options off, in the UI language
 * of `t` with the options joined by `Intl.ListFormat` for `locale` ("a, b, and c"; de "a, b und c");
 * null when none was.
 */
export function droppedOptionsNote(model: LiveModel, dropped: readonly UiMessage[], t: Translate, locale: string): string | null {
  if (dropped.length === 0) return null
  const list = new Intl.ListFormat(locale, { type: 'conjunction' }).format(dropped.map((m) => t(m.key, m.params)))
  return t(pluralKey(locale, 'models.turnedOff', dropped.length), { model: model.label, list })
}
