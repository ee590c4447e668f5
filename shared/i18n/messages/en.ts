/**
 * English, the reference catalogue: every other language has exactly these keys and placeholders
 * (test/unit/i18n/catalogue.test.ts). Placeholders are named, `{name}`; vue-i18n formats them.
 */
export const en = {
  onboarding: {
    title: 'Welcome to Sightline',
    intro:
      'Sightline talks with Google Gemini. To start, it needs your own Gemini API key. You can create one for free in Google AI Studio at {address} (open it in your browser, sign in, and choose “Create API key”).',
    keyKept:
      'The key is checked by opening a short session with Gemini, and only then stored. It stays on this computer and is never shown again: Sightline only displays its last four characters.',
    checkAndSave: 'Check and save key',
    ownKey: 'I have my own Gemini API key',
    managed: 'My organisation gave me a Sightline address',
  },
  conversation: {
    startSession: 'Start session',
    endSession: 'End session',
    history: 'History',
    historyTitle: 'History (Ctrl+Shift+H)',
    settings: 'Settings',
  },
  settings: {
    title: 'Settings',
  },
  history: {
    title: 'History',
  },
  tray: {
    idle: 'Sightline',
    listening: 'Sightline: listening',
    thinking: 'Sightline: thinking',
    speaking: 'Sightline: speaking',
    sharing: 'Sightline: sharing your screen',
    error: 'Sightline: needs attention',
    reconnecting: 'Reconnecting…',
    talk: 'Talk',
    stopTalking: 'Stop talking',
    stopSharing: 'Stop sharing',
    shareAndAsk: 'Share screen and ask',
    lookNow: 'Look now',
    handsFree: 'Hands-free',
    mute: 'Mute',
    open: 'Open Sightline',
    history: 'History…',
    settings: 'Settings…',
    restartToUpdate: 'Restart to update ({version})',
    quit: 'Quit Sightline',
  },
  voicePreview: {
    play: 'Play {voice}',
    making: 'Making a sample…',
    playing: 'Playing…',
    cannotPlay: 'The sample could not be played: {reason}',
  },
}

export type Messages = typeof en
