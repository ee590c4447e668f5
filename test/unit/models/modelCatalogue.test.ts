import { describe, expect, it } from 'vitest'
import {
  CONSERVATIVE_PROFILE,
  TRANSCRIPTION_HINT_SOURCE,
  DEFAULT_MODEL_ID,
  describeModel,
  GEMINI_25_NATIVE_AUDIO_PROFILE,
  GEMINI_31_PROFILE,
  GEMINI_38_EXTENDED_THINKING_PROFILE,
  GEMINI_38_PROFILE,
  MODELS,
  profileFor,
  RETIRED_MODEL_IDS,
} from '../../../shared/modelCatalogue'
import { droppedOptionsNote, fitSettingsToModel } from '../../../shared/modelOptions'
import { DEFAULT_SETTINGS, applySettingsPatch } from '../../../shared/settings'
import { translatorFor } from '../../../shared/i18n/translate'

describe('capability profiles per model family (live-protocol.md §0.1)', () => {
  it('offers today’s four Live models, the recommended one first and by default, and none of the retired ids', () => {
    expect(MODELS.map((m) => m.id)).toEqual([
      'gemini-3.8-live',
      'gemini-3.8-live-extended-thinking',
      'gemini-3.1-flash-live-preview',
      'gemini-2.5-flash-native-audio-preview-12-2025',
    ])
    expect(DEFAULT_MODEL_ID).toBe('gemini-3.8-live')
    expect(DEFAULT_SETTINGS.model).toBe('gemini-3.8-live')
    expect(MODELS.filter((m) => RETIRED_MODEL_IDS.includes(m.id))).toEqual([])
  })

  it.each([
    ['gemini-3.8-live', GEMINI_38_PROFILE],
    ['gemini-3.8-live-extended-thinking', GEMINI_38_EXTENDED_THINKING_PROFILE],
    ['gemini-3.8-live-extended-thinking-preview-01-2027', GEMINI_38_EXTENDED_THINKING_PROFILE],
    ['gemini-3.8-live-preview-02-2027', GEMINI_38_PROFILE],
    ['gemini-3.1-flash-live-preview', GEMINI_31_PROFILE],
    ['gemini-2.5-flash-native-audio-preview-12-2025', GEMINI_25_NATIVE_AUDIO_PROFILE],
    ['gemini-2.5-flash-native-audio-latest', GEMINI_25_NATIVE_AUDIO_PROFILE],
    ['gemini-3.80-live', CONSERVATIVE_PROFILE],
    ['gemini-4.0-live', CONSERVATIVE_PROFILE],
  ])('%s belongs to its family’s profile', (id, profile) => {
    expect(profileFor(id)).toBe(profile)
  })

  it('each family profile says what it allows, and cites where that comes from', () => {
    expect(GEMINI_38_PROFILE).toMatchObject({ modalities: ['AUDIO'], thinking: 'none', hasAffectiveDialog: false, isProactiveAlways: true, functionBehavior: 'non-blocking-default', historySeeding: 'client-content' })
    expect(GEMINI_38_EXTENDED_THINKING_PROFILE).toMatchObject({ thinking: 'level', thinkingLevels: ['low', 'medium', 'high'], functionBehavior: 'async-only' })
    expect(GEMINI_31_PROFILE).toMatchObject({ thinking: 'level', hasAffectiveDialog: false, hasProactiveAudio: false, acceptsClientContent: false, historySeeding: 'initial-history', functionBehavior: 'blocking-only' })
    expect(GEMINI_25_NATIVE_AUDIO_PROFILE).toMatchObject({ thinking: 'budget', hasAffectiveDialog: true, hasProactiveAudio: true, seedEndsWithUserTurn: true, functionBehavior: 'both' })
    for (const profile of [GEMINI_38_PROFILE, GEMINI_38_EXTENDED_THINKING_PROFILE, GEMINI_31_PROFILE, GEMINI_25_NATIVE_AUDIO_PROFILE]) {
      expect(profile.acceptsTranscriptionLanguageCodes).toBe(true)
      expect(profile.sources).toContain(TRANSCRIPTION_HINT_SOURCE)
    }
    expect(CONSERVATIVE_PROFILE.acceptsTranscriptionLanguageCodes).toBe(false)
    for (const profile of [GEMINI_38_PROFILE, GEMINI_38_EXTENDED_THINKING_PROFILE, GEMINI_31_PROFILE, GEMINI_25_NATIVE_AUDIO_PROFILE, CONSERVATIVE_PROFILE]) {
      expect(profile.sources.length).toBeGreaterThan(0)
      expect(profile.sources.every((s) => /docs\/protocol\.md §0\.1|wire-samples\/|ai\.google\.dev/.test(s))).toBe(true)
    }
  })

  it('a listed model of no family gets the conservative profile: audio out, transcripts, no optional field', () => {
    const model = describeModel('gemini-9-live', 'Gemini 9 Live')
    expect(model).toMatchObject({ id: 'gemini-9-live', label: 'Gemini 9 Live', family: 'other', modalities: ['AUDIO'], thinking: 'none', hasAffectiveDialog: false, hasProactiveAudio: false, historySeeding: 'none' })
    expect(describeModel('gemini-9-live-preview').isPreview).toBe(true)
  })
})

describe('switching models drops what the new one does not take, and says which', () => {
  it('from 2.5 native audio with its options on to 3.8', () => {
    const on25 = applySettingsPatch(DEFAULT_SETTINGS, {
      model: 'gemini-2.5-flash-native-audio-preview-12-2025',
      thinking: { budget: 512, includeThoughts: true },
      affectiveDialog: true,
      proactiveAudio: true,
    })
    const to38 = describeModel('gemini-3.8-live')
    const fit = fitSettingsToModel({ ...on25, model: to38.id }, to38)
    expect(fit.patch).toEqual({ thinking: { budget: null, includeThoughts: false }, affectiveDialog: false, proactiveAudio: false })
    expect(droppedOptionsNote(to38, fit.droppedMessages, translatorFor('en'), 'en')).toBe(
      'Gemini 3.8 Live does not take the thinking budget, thought summaries, affective dialog, and the proactive audio switch (always on for this model), so they were turned off.',
    )
    expect(droppedOptionsNote(to38, fit.droppedMessages.slice(0, 2), translatorFor('de'), 'de')).toBe(
      'Gemini 3.8 Live nimmt das Denkbudget und Zusammenfassungen der Gedanken nicht an, daher wurden sie ausgeschaltet.',
    )
    expect(droppedOptionsNote(to38, fit.droppedMessages.slice(2, 3), translatorFor('en'), 'en')).toBe('Gemini 3.8 Live does not take affective dialog, so it was turned off.')
  })

  it('a thinking level the new model does not have goes; one it has stays', () => {
    const minimal = applySettingsPatch(DEFAULT_SETTINGS, { model: 'gemini-3.1-flash-live-preview', thinking: { level: 'minimal' } })
    expect(fitSettingsToModel(minimal, describeModel('gemini-3.8-live-extended-thinking')).patch).toEqual({ thinking: { level: null } })
    const high = applySettingsPatch(DEFAULT_SETTINGS, { thinking: { level: 'high' } })
    expect(fitSettingsToModel(high, describeModel('gemini-3.8-live-extended-thinking'))).toEqual({ patch: {}, dropped: [], droppedMessages: [] })
    expect(droppedOptionsNote(describeModel('gemini-3.8-live'), [], translatorFor('en'), 'en')).toBeNull()
  })
})
