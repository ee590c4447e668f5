import type { Messages } from './en'

export const es: Messages = {
  onboarding: {
    title: 'Te damos la bienvenida a Sightline',
    intro:
      'Sightline habla con Google Gemini. Para empezar, necesita tu propia clave de API de Gemini. Puedes crear una gratis en Google AI Studio en {address} (ábrelo en el navegador, inicia sesión y elige «Crear clave de API»).',
    keyKept:
      'La clave se comprueba abriendo una sesión breve con Gemini y solo entonces se guarda. Se queda en este ordenador y no se vuelve a mostrar: Sightline solo muestra sus cuatro últimos caracteres.',
    checkAndSave: 'Comprobar y guardar la clave',
    ownKey: 'Tengo mi propia clave de API de Gemini',
    managed: 'Mi organización me dio una dirección de Sightline',
  },
  conversation: {
    startSession: 'Empezar sesión',
    endSession: 'Terminar sesión',
    history: 'Historial',
    historyTitle: 'Historial (Ctrl+Mayús+H)',
    settings: 'Ajustes',
  },
  settings: {
    title: 'Ajustes',
  },
  history: {
    title: 'Historial',
  },
  tray: {
    idle: 'Sightline',
    listening: 'Sightline: escuchando',
    thinking: 'Sightline: pensando',
    speaking: 'Sightline: hablando',
    sharing: 'Sightline: compartiendo tu pantalla',
    error: 'Sightline: necesita atención',
    reconnecting: 'Reconectando…',
    talk: 'Hablar',
    stopTalking: 'Dejar de hablar',
    stopSharing: 'Dejar de compartir',
    shareAndAsk: 'Compartir pantalla y preguntar',
    lookNow: 'Mirar ahora',
    handsFree: 'Manos libres',
    mute: 'Silenciar',
    open: 'Abrir Sightline',
    history: 'Historial…',
    settings: 'Ajustes…',
    restartToUpdate: 'Reiniciar para actualizar ({version})',
    quit: 'Salir de Sightline',
  },
  voicePreview: {
    play: 'Escuchar a {voice}',
    making: 'Creando una muestra…',
    playing: 'Reproduciendo…',
    cannotPlay: 'No se pudo reproducir la muestra: {reason}',
  },
}
