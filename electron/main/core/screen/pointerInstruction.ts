/**
 * Added to the system instruction while the pointer ring is on, so the model reads the ring as
 * the user pointing ("this", "that", "here") rather than as part of the screen.
 */
export const POINTER_RING_INSTRUCTION =
  'In screen frames, a red ring with a white edge marks where the user\'s mouse pointer is. ' +
  'When the user says "this", "that" or "here", they most likely mean what is at or next to the ring. ' +
  'The ring is drawn by Sightline and is not part of the screen.'
