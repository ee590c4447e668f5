import { chromium, type Browser } from '@playwright/test'

/** Flags that keep Debian Chromium quiet on a machine with no network but loopback. */
const QUIET = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--autoplay-policy=no-user-gesture-required',
]

/**
 * Launches the system Chromium (CHROMIUM_PATH, else /usr/bin/chromium), never a downloaded one.
 * `fakeMicWav` makes the microphone play that file; the screen comes from the fake capture device.
 */
export async function launchChromium(options: { fakeMicWav?: string; extraArgs?: string[] } = {}): Promise<Browser> {
  const media = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--auto-select-desktop-capture-source=Entire screen']
  if (options.fakeMicWav) media.push(`--use-file-for-fake-audio-capture=${options.fakeMicWav}`)
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...QUIET, ...media, ...(options.extraArgs ?? [])],
  })
}
