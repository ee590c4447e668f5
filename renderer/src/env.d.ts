/// <reference types="vite/client" />
import type { SightlineApi } from '../../shared/ipcContract'

declare global {
  interface Window {
    /** Present when the preload ran (the Electron app). */
    sightline?: SightlineApi
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}
