import { describe, expect, it } from 'vitest'
import { MAX_ENTRY_CHARS, Transcript, cutAtFraction, cutAtPlayback, visibleText, type TranscriptLine } from '../../../renderer/src/stores/transcript'
import { translatorFor } from '../../../shared/i18n/translate'

const lines = (t: Transcript) => t.items.filter((i): i is TranscriptLine => i.type === 'line')

describe('the transcript', () => {
  it('grows one line per turn, side and kind as deltas stream in', () => {
    const t = new Transcript()
    t.applyDelta({ turnId: 1, role: 'user', kind: 'input', text: 'What is ' })
    t.applyDelta({ turnId: 1, role: 'model', kind: 'output', text: 'It is ' })
    t.applyDelta({ turnId: 1, role: 'user', kind: 'input', text: 'the time?' })
    t.applyDelta({ turnId: 1, role: 'model', kind: 'output', text: 'noon.' })
    expect(lines(t).map((l) => [l.role, l.text])).toEqual([
      ['user', 'What is the time?'],
      ['model', 'It is noon.'],
    ])
  })

  it('keeps model text and thoughts apart from the spoken transcription', () => {
    const t = new Transcript()
    t.applyDelta({ turnId: 2, role: 'model', kind: 'thought', text: 'The user wants a list.' })
    t.applyDelta({ turnId: 2, role: 'model', kind: 'text', text: '- one\n- two' })
    expect(lines(t).map((l) => l.kind)).toEqual(['thought', 'text'])
  })

  it('marks lines complete when the turn completes', () => {
    const t = new Transcript()
    t.applyDelta({ turnId: 3, role: 'model', kind: 'output', text: 'Done.' })
    t.applyTurnEvent({ turnId: 3, type: 'turnComplete' })
    expect(lines(t)[0]?.isComplete).toBe(true)
  })

  it('cuts an interrupted answer where playback stopped and marks it as cut off', () => {
    const t = new Transcript()
    t.applyDelta({ turnId: 4, role: 'user', kind: 'input', text: 'Tell me a story' })
    t.applyDelta({ turnId: 4, role: 'model', kind: 'output', text: 'Once upon a time there was a fox' })
    t.cutOff(4, 0.5)
    const answer = lines(t)[1]!
    expect(answer.isCutOff).toBe(true)
    expect(visibleText(answer)).toBe('Once upon a time')
    expect(lines(t)[0]?.isCutOff).toBe(false)
  })

  it('cuts transcription that arrives after the interruption the same way', () => {
    const t = new Transcript()
    t.cutOff(5, 0.5)
    t.applyDelta({ turnId: 5, role: 'model', kind: 'output', text: 'alpha beta gamma delta' })
    const answer = lines(t)[0]!
    expect(answer.isCutOff).toBe(true)
    expect(visibleText(answer)).toBe('alpha beta')
  })

  it('shows a cut-off mark even when nothing of the answer was transcribed yet', () => {
    const t = new Transcript()
    t.cutOff(6, 0)
    expect(lines(t)).toHaveLength(1)
    expect(lines(t)[0]).toMatchObject({ role: 'model', isCutOff: true, text: '' })
  })

  it('a plain interrupted event does not undo the audio-informed cut', () => {
    const t = new Transcript()
    t.applyDelta({ turnId: 7, role: 'model', kind: 'output', text: 'one two three four' })
    t.cutOff(7, 0.25)
    t.applyTurnEvent({ turnId: 7, type: 'interrupted' })
    expect(visibleText(lines(t)[0]!)).toBe('one')
  })

  it('conversation order (a): input transcription after the output transcription still shows the user line first', () => {
    const t = new Transcript()
    t.applyDelta({ turnId: 1, role: 'model', kind: 'output', text: "It's five o'clock." })
    t.applyDelta({ turnId: 1, role: 'user', kind: 'input', text: 'What time is it?' })
    t.applyTurnEvent({ turnId: 1, type: 'turnComplete' })
    expect(lines(t).map((l) => [l.role, l.text])).toEqual([
      ['user', 'What time is it?'],
      ['model', "It's five o'clock."],
    ])
  })

  it('conversation order (b): a late question joins its own exchange, above its answer and the next exchange', () => {
    const t = new Transcript()
    t.applyDelta({ turnId: 1, role: 'model', kind: 'output', text: "It's five o'clock." })
    t.applyTurnEvent({ turnId: 1, type: 'turnComplete' })
    t.applyDelta({ turnId: 2, role: 'model', kind: 'output', text: 'November 30th.' })
    t.applyDelta({ turnId: 1, role: 'user', kind: 'input', text: 'What time is it?' })
    t.applyDelta({ turnId: 2, role: 'user', kind: 'input', text: 'And the date?' })
    expect(lines(t).map((l) => l.text)).toEqual(['What time is it?', "It's five o'clock.", 'And the date?', 'November 30th.'])
  })

  it('a turn with no answer says so with the reason; a turn waiting for input says so', () => {
    const t = new Transcript()
    t.applyDelta({ turnId: 1, role: 'user', kind: 'text', text: 'Something refused.' })
    t.applyTurnEvent({ turnId: 1, type: 'turnComplete', turnCompleteReason: 'RESPONSE_REJECTED' })
    t.applyTurnEvent({ turnId: 1, type: 'noAnswer', turnCompleteReason: 'RESPONSE_REJECTED' })
    t.applyTurnEvent({ turnId: 2, type: 'noAnswer' })
    t.applyTurnEvent({ turnId: 3, type: 'turnComplete', turnCompleteReason: 'NEED_MORE_INPUT', waitingForInput: true })
    const en = translatorFor('en')
    expect(t.items.flatMap((i) => (i.type === 'notice' ? [en(i.message.key, i.message.params)] : []))).toEqual([
      'No answer came back (RESPONSE_REJECTED). Try again.',
      'No answer came back (the turn ended empty). Try again.',
      'Gemini is waiting for you to go on (NEED_MORE_INPUT).',
    ])
  })

  it('a late interrupted for an answer heard to the end (u09) marks nothing as cut; one still playing is cut where it stopped', () => {
    const t = new Transcript()
    t.applyDelta({ turnId: 1, role: 'model', kind: 'output', text: 'one two three four' })
    t.applyTurnEvent({ turnId: 1, type: 'turnComplete' })
    t.applyTurnEvent({ turnId: 1, type: 'interrupted' })
    t.cutOff(1, 1)
    expect(lines(t)[0]).toMatchObject({ isCutOff: false, text: 'one two three four' })
    t.cutOff(1, 0.5)
    expect(lines(t)[0]?.isCutOff).toBe(true)
    expect(visibleText(lines(t)[0]!)).toBe('one two')
  })

  it('updates a tool call in place as it is answered', () => {
    const t = new Transcript()
    t.applyToolActivity({ id: 'c1', name: 'get_time', status: 'called', args: { zone: 'UTC' } })
    t.applyToolActivity({ id: 'c1', name: 'get_time', status: 'answered', result: { time: '12:00' } })
    expect(t.items).toHaveLength(1)
    expect(t.items[0]).toMatchObject({ type: 'tool', activity: { status: 'answered', args: { zone: 'UTC' }, result: { time: '12:00' } } })
  })

  it('shows code, results and search sources inline in arrival order', () => {
    const t = new Transcript()
    t.applyDelta({ turnId: 8, role: 'model', kind: 'text', text: 'Let me compute.' })
    t.applyModelContent({ kind: 'executableCode', turnId: 8, language: 'PYTHON', code: 'print(2+2)' })
    t.applyModelContent({ kind: 'codeResult', turnId: 8, outcome: 'OUTCOME_OK', output: '4' })
    t.applyModelContent({ kind: 'grounding', turnId: 8, queries: ['q'], sources: [{ uri: 'https://example.com', title: 'Example' }] })
    expect(t.items.map((i) => (i.type === 'content' ? i.content.kind : i.type))).toEqual(['line', 'executableCode', 'codeResult', 'grounding'])
  })

  it('stays bounded in a long session', () => {
    const t = new Transcript()
    for (let i = 0; i < 1200; i++) t.applyDelta({ turnId: i, role: 'user', kind: 'input', text: `line ${i}` })
    expect(t.items.length).toBeLessThanOrEqual(500)
    expect(lines(t).at(-1)?.text).toBe('line 1199')
  })
})

describe('cutting the transcription at the playback point', () => {
  it('keeps everything when the whole answer was played', () => {
    expect(cutAtPlayback('all of it', 24_000, 24_000)).toBe('all of it')
    expect(cutAtPlayback('all of it', 30_000, 24_000)).toBe('all of it')
  })

  it('keeps everything when no audio came (a text answer)', () => {
    expect(cutAtPlayback('text reply', 0, 0)).toBe('text reply')
  })

  it('keeps the share of words matching the share of audio heard', () => {
    const text = 'aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj'
    expect(cutAtPlayback(text, 12_000, 24_000)).toBe('aaaa bbbb cccc dddd eeee')
    expect(cutAtPlayback(text, 0, 24_000)).toBe('')
  })

  it('never ends in the middle of a word', () => {
    expect(cutAtFraction('hello wonderful world', 0.5)).toBe('hello')
    expect(cutAtFraction('unbrokenword', 0.5)).toBe('')
  })
})

describe('entry size cap', () => {
  it('a runaway answer: text past MAX_ENTRY_CHARS is counted, not kept, whether it comes in one delta or many', () => {
    const transcript = new Transcript()
    transcript.applyDelta({ turnId: 1, role: 'model', kind: 'text', text: 'x'.repeat(MAX_ENTRY_CHARS - 10) })
    transcript.applyDelta({ turnId: 1, role: 'model', kind: 'text', text: 'y'.repeat(25) })
    transcript.applyDelta({ turnId: 1, role: 'model', kind: 'text', text: 'z'.repeat(5) })
    const line = transcript.items[0] as TranscriptLine
    expect(line.text.length).toBe(MAX_ENTRY_CHARS)
    expect(line.text.endsWith('x' + 'y'.repeat(10))).toBe(true)
    expect(line.droppedChars).toBe(20)

    transcript.applyDelta({ turnId: 2, role: 'model', kind: 'text', text: 'w'.repeat(9_000_000) })
    const big = transcript.items[1] as TranscriptLine
    expect(big.text.length).toBe(MAX_ENTRY_CHARS)
    expect(big.droppedChars).toBe(9_000_000 - MAX_ENTRY_CHARS)
  })
})
