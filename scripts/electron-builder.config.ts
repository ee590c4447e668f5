import type { Configuration } from 'electron-builder'

/**
 * Native modules that load `.node` binaries or shared libraries at runtime. They must live
 * outside the asar (`app.asar.unpacked/`), because the OS loader cannot read from inside it.
 * sharp's libvips and its binding come from the platform packages under `@img/`; x-win's binding
 * (the privacy gate's window list) from its platform package under `@miniben90/`.
 */
export const unpackedNativeModules = ['sharp', '@img', 'keytar', 'uiohook-napi', '@miniben90'] as const

/**
 * The Electron fuses Sightline flips at package time (issue 8): no Node mode, no NODE_OPTIONS,
 * no --inspect, encrypted cookies, asar integrity checked and the app only loaded from the asar.
 */
export const sightlineFuses = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableCookieEncryption: true,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
} as const

/** True when the environment carries one complete set of Apple notarization credentials. */
export function hasNotarizationCredentials(env: NodeJS.ProcessEnv): boolean {
  const has = (...names: string[]) => names.every((name) => (env[name] ?? '').trim() !== '')
  return (
    has('APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER') ||
    has('APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID') ||
    has('APPLE_KEYCHAIN', 'APPLE_KEYCHAIN_PROFILE')
  )
}

/**
 * The electron-builder configuration for Sightline, read from `env` so signing and notarization
 * switch on only where their credentials exist. Code-signing certificates themselves
 * (CSC_LINK/CSC_KEY_PASSWORD, WIN_CSC_LINK/WIN_CSC_KEY_PASSWORD) are picked up by
 * electron-builder from the environment directly; see scripts/PACKAGING.md.
 */
export function createBuilderConfig(env: NodeJS.ProcessEnv = process.env): Configuration {
  return {
    appId: 'app.sightline.desktop',
    productName: 'Sightline',
    copyright: 'Copyright © Sightline contributors',
    directories: { buildResources: 'resources', output: 'dist' },
    // The bundles electron-vite built, and nothing else of ours: no sources, tests, maps or env files.
    files: [
      'out/**',
      'package.json',
      '!**/*.map',
      '!**/*.{ts,mts,cts,tsx}',
      '!**/.env',
      '!**/.env.*',
      '!**/*.{md,markdown}',
      '!**/*.{test,spec}.{js,cjs,mjs}',
      '!**/node_modules/**/{test,tests,__tests__}/**',
      '!**/node_modules/*/{spec,example,examples,docs,bench,benchmark,benchmarks}/**',
      '!**/node_modules/*/*.{gyp,gypi}',
      // Build-from-source inputs of the native modules: the prebuilt binaries are all they need.
      '!**/node_modules/sharp/src/**',
      '!**/node_modules/keytar/{src,build/Release/obj.target,build/Release/.deps}/**',
      '!**/node_modules/uiohook-napi/{src,libuiohook}/**',
    ],
    // Electron derives the Linux app_id / WM_CLASS from desktopName; syncDesktopName names the
    // .desktop file to match so the dock links the running window to it.
    extraMetadata: { desktopName: 'sightline.desktop' },
    asar: true,
    asarUnpack: unpackedNativeModules.map((name) => `**/node_modules/${name}/**/*`),
    // Tray icons are loaded by path at runtime (process.resourcesPath/tray/...), so they ship beside the asar.
    extraResources: [
      { from: 'resources/tray', to: 'tray', filter: ['**/*.png'] },
      { from: 'resources/icon.png', to: 'icon.png' },
    ],
    electronFuses: { ...sightlineFuses, resetAdHocDarwinSignature: true },
    forceCodeSigning: env.SIGHTLINE_REQUIRE_SIGNING === 'true',
    mac: {
      category: 'public.app-category.productivity',
      icon: 'resources/icon.icns',
      // The zip is what electron-updater installs on macOS (Squirrel.Mac); the dmg is for first installs.
      target: [
        { target: 'dmg', arch: ['arm64', 'x64'] },
        { target: 'zip', arch: ['arm64', 'x64'] },
      ],
      hardenedRuntime: true,
      gatekeeperAssess: false,
      entitlements: 'resources/entitlements.mac.plist',
      entitlementsInherit: 'resources/entitlements.mac.plist',
      notarize: hasNotarizationCredentials(env),
      extendInfo: {
        NSMicrophoneUsageDescription: 'Sightline listens while you hold the talk hotkey so it can answer you out loud.',
        NSScreenCaptureUsageDescription:
          'Sightline looks at the screen or window you choose to share, only while sharing is on, so it can answer questions about it.',
      },
    },
    dmg: { artifactName: '${productName}-${version}-${arch}.${ext}' },
    win: {
      icon: 'resources/icon.ico',
      target: [{ target: 'nsis', arch: ['x64'] }],
      signtoolOptions: { signingHashAlgorithms: ['sha256'] },
    },
    nsis: {
      oneClick: true,
      perMachine: false,
      artifactName: '${productName}-Setup-${version}.${ext}',
      deleteAppDataOnUninstall: false,
    },
    linux: {
      icon: 'resources/icons',
      executableName: 'sightline',
      category: 'Utility',
      synopsis: 'Hold a hotkey, talk, and share your screen with Gemini Live.',
      maintainer: 'Sightline contributors <sightline@users.noreply.github.com>',
      target: [
        { target: 'AppImage', arch: ['x64'] },
        { target: 'deb', arch: ['x64'] },
      ],
      syncDesktopName: true,
    },
    appImage: { artifactName: '${productName}-${version}-${arch}.${ext}' },
    deb: { artifactName: '${name}_${version}_${arch}.${ext}' },
    // latest*.yml for releases and beta*.yml for -beta.N versions, which the app's channels read.
    generateUpdatesFilesForAllChannels: true,
    ...updateFeed(env),
  }
}

/**
 * Where the packaged app looks for updates (written into it as app-update.yml): the GitHub
 * Releases of the repository CI builds (`GITHUB_REPOSITORY`, "owner/name"). Builds made
 * elsewhere carry no feed, and their updater stays quiet.
 */
export function updateFeed(env: NodeJS.ProcessEnv): Pick<Configuration, 'publish'> {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/')
  return owner && repo ? { publish: [{ provider: 'github', owner, repo, releaseType: 'release' }] } : {}
}

export default createBuilderConfig()
