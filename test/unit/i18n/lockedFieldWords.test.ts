import { describe, expect, it } from 'vitest'
import { lockedFieldWords } from '../../../shared/lockedFieldWords'
import { translatorFor } from '../../../shared/i18n/translate'

describe('raw field names in "Set by your organisation"', () => {
  it('words SDK field names from the catalogue in the UI language, the model with its id, an unknown field by a generic phrase and its name', () => {
    const fields = ['model', 'temperature', 'systemInstruction', 'futureKnob']
    expect(lockedFieldWords(fields, 'gemini-3.8-live', translatorFor('en'), 'en')).toBe('model (gemini-3.8-live), temperature, instructions, setting “futureKnob”')
    expect(lockedFieldWords(fields, 'gemini-3.8-live', translatorFor('de'), 'de')).toBe('Modell (gemini-3.8-live), Temperatur, Anweisungen und Einstellung „futureKnob“')
    expect(lockedFieldWords(['temperature', 'systemInstruction'], null, translatorFor('ja'), 'ja')).not.toMatch(/temperature|systemInstruction/)
    expect(lockedFieldWords(['model'], null, translatorFor('es'), 'es')).toBe('modelo')
  })
})
