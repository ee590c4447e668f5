import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { ESLint } from 'eslint'
import { beforeAll, describe, expect, it } from 'vitest'

// The layer rules in eslint.config.js, each proved by a fixture that must fail lint. A fixture's
// text is linted as if it lived at the path its rule guards (the fixtures themselves are .txt, so
// neither `eslint .` nor tsc reads them where they really are).
const root = resolve(import.meta.dirname, '../../..')
const fixture = (name: string) => readFileSync(join(root, 'test/fixtures/lint', `${name}.fixture.txt`), 'utf8')

let eslint: ESLint

beforeAll(() => {
  eslint = new ESLint({
    cwd: root,
    // The pretend paths are not on disk, so no type information: only rules that need none run.
    overrideConfig: {
      files: ['**/*.ts'],
      languageOptions: { parserOptions: { projectService: false, project: null } },
      rules: { '@typescript-eslint/no-floating-promises': 'off' },
    },
  })
})

async function layerErrors(name: string, pretendPath: string): Promise<string[]> {
  const [result] = await eslint.lintText(fixture(name), { filePath: join(root, pretendPath) })
  const fatal = result!.messages.filter((m) => m.fatal)
  expect(fatal, 'the fixture parses').toEqual([])
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

describe('ESLint checks the layers by path', () => {
  it('core importing platform/ fails lint', async () => {
    expect(await layerErrors('coreImportsPlatform', 'electron/main/core/live/fixture.ts')).toEqual([expect.stringContaining('core/ depends on ports only')])
  })

  it('core importing windows/ fails lint', async () => {
    expect(await layerErrors('coreImportsWindows', 'electron/main/core/fixture.ts')).toEqual([expect.stringContaining('core/ depends on ports only')])
  })

  it('core importing ipc/ fails lint', async () => {
    expect(await layerErrors('coreImportsIpc', 'electron/main/core/state/fixture.ts')).toEqual([expect.stringContaining('core/ depends on ports only')])
  })

  it('core importing its ports and shared/ passes (the rule is about direction, not about relative paths)', async () => {
    expect(await layerErrors('coreImportsPorts', 'electron/main/core/live/fixture.ts')).toEqual([])
  })

  it('the renderer importing electron/ fails lint', async () => {
    // The package rule (no `electron`) also matches the path segment; the layer rule must fire on its own words.
    expect(await layerErrors('rendererImportsElectron', 'renderer/src/stores/fixture.ts')).toEqual(expect.arrayContaining([expect.stringContaining('only through the bridge')]))
  })

  it('shared/ importing from outside shared/ fails lint', async () => {
    expect(await layerErrors('sharedImportsOutside', 'shared/fixture.ts')).toEqual(expect.arrayContaining([expect.stringContaining('shared/ imports nothing outside shared/')]))
  })
})
