/**
 * Characters that change how text is shown or what a terminal does without being visible:
 * C0 controls except tab and line feed (so `\r`, which can hide a line in a terminal paste, goes),
 * DEL, C1 controls, and the Unicode bidi formatting characters (ALM U+061C, LRM/RLM U+200E–U+200F,
 * embeddings and overrides U+202A–U+202E, isolates U+2066–U+2069), which can make text read
 * differently from what it is ("Trojan Source", CVE-2021-42574).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const HIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g

/** What {@link cleanClipboardText} made of a text: the text to copy and how many characters it dropped. */
export interface CleanedText {
  text: string
  removedCharacters: number
}

/**
 * The text as it will be copied: hidden characters (see above) removed, everything else kept.
 * `\r\n` becomes `\n`, since `\r` is one of the characters removed.
 */
export function cleanClipboardText(text: string): CleanedText {
  const cleaned = text.replace(HIDDEN, '')
  return { text: cleaned, removedCharacters: text.length - cleaned.length }
}
