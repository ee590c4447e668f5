import type { LiveModel } from './modelCatalogue'
import type { Settings, SettingsPatch } from './settings'

/** What switching to a model changes in the settings: the patch, and the options it turned off, in words. */
export interface ModelFit {
  patch: SettingsPatch
  /** Plain names of the options the model does not take ("thinking budget", "affective dialog"…); empty when none. */
  dropped: string[]
}

/**
 * The settings a model does not take, turned off or reset to "the model chooses", so switching
 * models never leaves an option the new model would refuse (its profile in modelCatalogue.ts says
 * which). Returns an empty patch when the settings already fit.
 */
export function fitSettingsToModel(settings: Settings, model: LiveModel): ModelFit {
  const patch: SettingsPatch = {}
  const dropped: string[] = []
  const thinking: NonNullable<SettingsPatch['thinking']> = {}
  if (!model.modalities.includes(settings.responseModality)) {
    patch.responseModality = model.modalities[0]
    dropped.push(settings.responseModality === 'TEXT' ? 'written answers' : 'spoken answers')
  }
  if (!model.voices.includes(settings.voice) && model.voices[0]) {
    patch.voice = model.voices[0]
    dropped.push(`the voice ${settings.voice}`)
  }
  if (settings.languageCode !== null && !model.isLanguageSelectable) {
    patch.languageCode = null
    dropped.push('the spoken language')
  }
  if (settings.thinking.budget !== null && model.thinking !== 'budget') {
    thinking.budget = null
    dropped.push('the thinking budget')
  }
  if (settings.thinking.level !== null && !model.thinkingLevels.includes(settings.thinking.level)) {
    thinking.level = null
    dropped.push(`the thinking level "${settings.thinking.level}"`)
  }
  if (settings.thinking.includeThoughts && model.thinking === 'none') {
    thinking.includeThoughts = false
    dropped.push('thought summaries')
  }
  if (Object.keys(thinking).length) patch.thinking = thinking
  if (settings.affectiveDialog && !model.hasAffectiveDialog) {
    patch.affectiveDialog = false
    dropped.push('affective dialog')
  }
  if (settings.proactiveAudio && !model.hasProactiveAudio) {
    patch.proactiveAudio = false
    dropped.push(model.isProactiveAlways ? 'the proactive audio switch (always on for this model)' : 'proactive audio')
  }
  return { patch, dropped }
}

/** The sentence the settings view shows after a model switch turned options off; null when none was. */
export function droppedOptionsNote(model: LiveModel, dropped: readonly string[]): string | null {
  if (dropped.length === 0) return null
  const list = dropped.length === 1 ? dropped[0]! : `${dropped.slice(0, -1).join(', ')} and ${dropped.at(-1)!}`
  return `${model.label} does not take ${list}, so ${dropped.length === 1 ? 'it was' : 'they were'} turned off.`
}
