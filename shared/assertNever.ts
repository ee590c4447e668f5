/**
 * Ends an exhaustive `switch`: TypeScript refuses the call unless every case was handled, and at
 * run time a value outside the type (a newer peer, a bad cast) throws instead of being ignored.
 */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`)
}
