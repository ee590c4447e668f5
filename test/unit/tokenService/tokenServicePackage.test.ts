import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> }

describe('the token service\'s own package (what its Docker image installs)', () => {
  it('pins exactly the versions the repository tests it with', () => {
    const root = read('package.json')
    const service = read('services/token-service/package.json')
    for (const [name, version] of Object.entries(service.dependencies)) {
      expect(version, name).toMatch(/^\d+\.\d+\.\d+$/)
      expect(version, name).toBe(root.dependencies[name] ?? root.devDependencies[name])
    }
  })

  it('has a lock file that agrees with its package.json', () => {
    const service = read('services/token-service/package.json')
    const lock = JSON.parse(readFileSync('services/token-service/package-lock.json', 'utf8')) as { packages: Record<string, { version?: string }> }
    for (const [name, version] of Object.entries(service.dependencies)) expect(lock.packages[`node_modules/${name}`]?.version, name).toBe(version)
  })
})
