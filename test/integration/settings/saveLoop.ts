/**
 * Saves two large settings texts in turn, forever, through the real JsonFileSettingsRepository,
 * announcing each one before and after, so a test can kill this process in the middle of a save. argv: <directory> <pathToTextA> <pathToTextB>.
 */
import { readFile } from 'node:fs/promises'
import { JsonFileSettingsRepository } from '../../../electron/main/platform/jsonFileSettingsRepository'

const [directory, fileA, fileB] = process.argv.slice(2) as [string, string, string]
const texts = [await readFile(fileA, 'utf8'), await readFile(fileB, 'utf8')]
const repository = new JsonFileSettingsRepository({ directory })
for (let n = 0; ; n++) {
  process.stdout.write(`saving ${n}\n`)
  await repository.save(texts[n % 2]!)
  process.stdout.write(`saved ${n}\n`)
}
