/** An audio device as the pickers show it. */
export interface AudioDevice {
  deviceId: string
  label: string
}

/**
 * What the stores need from `renderer/src/audio/audioEngine.ts` (`AudioEngine`), written down so
 * the UI can be built and checked against it; the real class satisfies it structurally.
 */
export interface AudioEngineApi {
  listInputDevices(): Promise<readonly AudioDevice[]>
  listOutputDevices(): Promise<readonly AudioDevice[]>
  startCapture(options: { deviceId?: string; onChunk(pcm: Uint8Array): void }): Promise<unknown>
  stopCapture(): unknown
  /** Level 0..1 of the captured audio. */
  onLevel(listener: (level: number) => void): () => void
  play(turnId: number, pcm24k: Uint8Array): unknown
  /** Silences playback at once and answers how many samples of the cut turn were played. */
  interrupt(): number | Promise<number>
  onPlayed(listener: (turnId: number, playedSamples: number) => void): () => void
  setOutputDevice(deviceId: string | null): unknown
  setDuckMic(isOn: boolean): unknown
}
