/**
 * Plays mono 16-bit little-endian PCM (a voice preview) once through the default output and
 * resolves when it ends. Its own short-lived AudioContext: the conversation's engine is untouched.
 */
export async function playPcm16(pcm: Uint8Array, sampleRate: number): Promise<void> {
  const samples = new Int16Array(pcm.buffer.slice(pcm.byteOffset, pcm.byteOffset + (pcm.byteLength & ~1)))
  const context = new AudioContext({ sampleRate })
  try {
    const buffer = context.createBuffer(1, samples.length, sampleRate)
    const channel = buffer.getChannelData(0)
    for (let i = 0; i < samples.length; i++) channel[i] = samples[i]! / 32_768
    const source = context.createBufferSource()
    source.buffer = buffer
    source.connect(context.destination)
    await new Promise<void>((resolve) => {
      source.onended = () => resolve()
      source.start()
    })
  } finally {
    await context.close()
  }
}
