import { access, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createBuilderConfig, hasNotarizationCredentials } from '../../../scripts/electron-builder.config'
import { repoRoot } from './packWithStandIn'

type Targets = Array<{ target: string; arch: string[] }>

describe('the electron-builder configuration', () => {
  const config = createBuilderConfig({})

  it('points the updater at the GitHub Releases of the repository CI builds, and writes feeds for every channel', () => {
    expect(createBuilderConfig({ GITHUB_REPOSITORY: 'acme/sightline' }).publish).toEqual([{ provider: 'github', owner: 'acme', repo: 'sightline', releaseType: 'release' }])
    expect(config.publish).toBeUndefined()
    expect(config.generateUpdatesFilesForAllChannels).toBe(true)
  })

  it('names the app Sightline with a reverse-DNS app id', () => {
    expect(config.appId).toBe('app.sightline.desktop')
    expect(config.productName).toBe('Sightline')
  })

  it('builds a dmg (and the zip electron-updater installs) for Apple silicon and Intel, an NSIS installer, an AppImage and a deb', () => {
    expect(config.mac?.target).toEqual([
      { target: 'dmg', arch: ['arm64', 'x64'] },
      { target: 'zip', arch: ['arm64', 'x64'] },
    ])
    expect((config.win?.target as Targets).map((t) => t.target)).toEqual(['nsis'])
    expect((config.linux?.target as Targets).map((t) => t.target)).toEqual(['AppImage', 'deb'])
  })

  it('signs macOS builds with the hardened runtime and entitlements for JIT and the microphone', async () => {
    expect(config.mac?.hardenedRuntime).toBe(true)
    const plist = await readFile(join(repoRoot, config.mac!.entitlements!), 'utf8')
    for (const key of ['com.apple.security.cs.allow-jit', 'com.apple.security.cs.allow-unsigned-executable-memory', 'com.apple.security.device.audio-input']) {
      expect(plist).toMatch(new RegExp(`<key>${key.replaceAll('.', '\\.')}</key>\\s*<true/>`))
    }
    expect(config.mac?.extendInfo.NSMicrophoneUsageDescription).toMatch(/listens/)
    expect(config.mac?.extendInfo.NSScreenCaptureUsageDescription).toMatch(/screen or window you choose/)
  })

  it('notarizes only when one complete set of Apple credentials is in the environment', () => {
    expect(createBuilderConfig({}).mac?.notarize).toBe(false)
    expect(createBuilderConfig({ APPLE_ID: 'dev@example.com', APPLE_TEAM_ID: 'TEAM123' }).mac?.notarize).toBe(false)
    expect(createBuilderConfig({ APPLE_ID: 'dev@example.com', APPLE_APP_SPECIFIC_PASSWORD: 'test-pass', APPLE_TEAM_ID: 'TEAM123' }).mac?.notarize).toBe(true)
    expect(hasNotarizationCredentials({ APPLE_API_KEY: '/tmp/key.p8', APPLE_API_KEY_ID: 'KEY', APPLE_API_ISSUER: 'issuer' })).toBe(true)
    expect(hasNotarizationCredentials({ APPLE_ID: ' ', APPLE_APP_SPECIFIC_PASSWORD: '', APPLE_TEAM_ID: 'T' })).toBe(false)
  })

  it('requires code signing only when a release asks for it', () => {
    expect(createBuilderConfig({}).forceCodeSigning).toBe(false)
    expect(createBuilderConfig({ SIGHTLINE_REQUIRE_SIGNING: 'true' }).forceCodeSigning).toBe(true)
  })

  it('packs only the built bundles and the manifest, and unpacks the native modules', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'package.json', '!**/*.map']))
    expect(config.asar).toBe(true)
    expect(config.asarUnpack).toEqual([
      '**/node_modules/sharp/**/*',
      '**/node_modules/@img/**/*',
      '**/node_modules/keytar/**/*',
      '**/node_modules/uiohook-napi/**/*',
      '**/node_modules/@miniben90/**/*',
    ])
  })

  it('points at icon files that exist', async () => {
    for (const path of [config.mac!.icon!, config.win!.icon!, join(config.linux!.icon!, '512x512.png')]) {
      await expect(access(join(repoRoot, path))).resolves.toBeUndefined()
    }
  })
})
