import type { Messages } from './en'

export const de: Messages = {
  onboarding: {
    title: 'Willkommen bei Sightline',
    intro:
      'Sightline spricht mit Google Gemini. Zum Start braucht es Ihren eigenen Gemini-API-Schlüssel. Sie können ihn kostenlos in Google AI Studio unter {address} erstellen (im Browser öffnen, anmelden und „API-Schlüssel erstellen“ wählen).',
    keyKept:
      'Der Schlüssel wird mit einer kurzen Sitzung bei Gemini geprüft und erst dann gespeichert. Er bleibt auf diesem Computer und wird nie wieder angezeigt: Sightline zeigt nur die letzten vier Zeichen.',
    checkAndSave: 'Schlüssel prüfen und speichern',
    ownKey: 'Ich habe einen eigenen Gemini-API-Schlüssel',
    managed: 'Meine Organisation hat mir eine Sightline-Adresse gegeben',
  },
  conversation: {
    startSession: 'Sitzung starten',
    endSession: 'Sitzung beenden',
    history: 'Verlauf',
    historyTitle: 'Verlauf (Strg+Umschalt+H)',
    settings: 'Einstellungen',
  },
  settings: {
    title: 'Einstellungen',
  },
  history: {
    title: 'Verlauf',
  },
  tray: {
    idle: 'Sightline',
    listening: 'Sightline: hört zu',
    thinking: 'Sightline: denkt nach',
    speaking: 'Sightline: spricht',
    sharing: 'Sightline: teilt Ihren Bildschirm',
    error: 'Sightline: braucht Aufmerksamkeit',
    reconnecting: 'Verbindung wird wiederhergestellt…',
    talk: 'Sprechen',
    stopTalking: 'Sprechen beenden',
    stopSharing: 'Teilen beenden',
    shareAndAsk: 'Bildschirm teilen und fragen',
    lookNow: 'Jetzt ansehen',
    handsFree: 'Freihändig',
    mute: 'Stumm',
    open: 'Sightline öffnen',
    history: 'Verlauf…',
    settings: 'Einstellungen…',
    restartToUpdate: 'Neu starten zum Aktualisieren ({version})',
    quit: 'Sightline beenden',
  },
  voicePreview: {
    play: '{voice} anhören',
    making: 'Hörprobe wird erstellt…',
    playing: 'Wird abgespielt…',
    cannotPlay: 'Die Hörprobe konnte nicht abgespielt werden: {reason}',
  },
}
