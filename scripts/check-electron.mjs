#!/usr/bin/env node
// Runs before `npm start` and `npm run dev`. Where Electron's postinstall could not download its
// binary (offline install, a proxy, `--ignore-scripts`), electron-vite stops with a bare
// "Error: Electron uninstall". This check says in one line what happened and what to do instead.
// It reads the same facts electron-vite does (electron-vite/dist getElectronPath: ELECTRON_EXEC_PATH,
// else node_modules/electron/path.txt naming the executable under dist/), and also checks that the
// executable itself is there, which electron-vite leaves to the spawn.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

/** What to run to fetch the binary; the path is relative to the project root. */
export const INSTALL_COMMAND = 'node node_modules/electron/install.js'

/**
 * Why Electron cannot start, as one line for the terminal, or null when its binary is in place.
 * @param {string} electronDir the `electron` package folder (holds package.json, path.txt, dist/)
 * @param {{ ELECTRON_EXEC_PATH?: string, ELECTRON_OVERRIDE_DIST_PATH?: string }} env
 * @returns {string | null}
 */
export function electronBinaryProblem(electronDir, env) {
  if (env.ELECTRON_EXEC_PATH) {
    return existsSync(env.ELECTRON_EXEC_PATH)
      ? null
      : oneLine(`ELECTRON_EXEC_PATH points at ${env.ELECTRON_EXEC_PATH}, which does not exist`)
  }
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return oneLine("Electron's binary is not installed (its download failed or was skipped)")
  const executable = readFileSync(pathFile, 'utf8').trim()
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH || join(electronDir, 'dist')
  if (!executable || !existsSync(join(distDir, executable))) {
    return oneLine(`Electron's binary is missing from ${distDir} (its download failed or was removed)`)
  }
  return null
}

/** @param {string} what */
function oneLine(what) {
  return (
    `Sightline cannot start: ${what}. ` +
    `Run \`${INSTALL_COMMAND}\` with network access, or try the real UI in a browser with \`npm run dev:web\`.`
  )
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]
if (isMain) {
  const root = dirname(dirname(fileURLToPath(import.meta.url)))
  let electronDir
  try {
    electronDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  } catch {
    console.error('Sightline cannot start: the electron package is not installed. Run `npm install`, or try the real UI in a browser with `npm run dev:web`.')
    process.exit(1)
  }
  const problem = electronBinaryProblem(electronDir, process.env)
  if (problem) {
    // Name the folder relative to the project, so the line is the same on every machine.
    console.error(problem.replaceAll(root + sep, ''))
    process.exit(1)
  }
}
