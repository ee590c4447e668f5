import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { NodeHttpExecutor } from 'builder-util/out/nodeHttpExecutor'
import { configureRequestOptions, configureRequestUrl, type DownloadOptions } from 'builder-util-runtime'
import { DebUpdater } from 'electron-updater'
import { afterEach, describe, expect, it } from 'vitest'
import { ElectronAppUpdater } from '../../../electron/main/platform/electronAppUpdater'
import { MemoryLogger } from '../../support/live/eventLog'

// electron-updater itself (not a stand-in) run under Node: the generic provider against a feed
// generated here and served on loopback. Linux has no code signature for .deb updates, so the
// integrity check that runs here is electron-updater's sha512 of the downloaded file.
const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  while (stops.length > 0) await stops.pop()!()
})

/**
 * Node's HTTP in place of Electron's `net` (the one Electron-only part of electron-updater's
 * download): the same `doDownload`, which streams the file through the sha512 check.
 */
class NodeDownloadExecutor extends NodeHttpExecutor {
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise((resolve, reject, onCancel) => {
      const requestOptions = { headers: options.headers ?? undefined }
      configureRequestUrl(url, requestOptions)
      configureRequestOptions(requestOptions)
      this.doDownload(requestOptions, { destination, options, onCancel, callback: (error) => (error ? reject(error) : resolve(destination)), responseHandler: null }, 0)
    })
  }
}

interface Release {
  version: string
  channel: 'latest' | 'beta'
  stagingPercentage?: number
  /** Serve bytes other than the ones the feed's sha512 describes. */
  isTampered?: boolean
}

async function serveFeed(releases: Release[]): Promise<{ url: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-feed-'))
  for (const release of releases) {
    const file = `sightline_${release.version}_amd64.deb`
    const bytes = Buffer.from(`Sightline ${release.version} package `.repeat(2_000))
    const sha512 = createHash('sha512').update(bytes).digest('base64')
    writeFileSync(join(dir, file), release.isTampered ? Buffer.concat([bytes, Buffer.from('!')]) : bytes)
    const feed = [
      `version: ${release.version}`,
      'files:',
      `  - url: ${file}`,
      `    sha512: ${sha512}`,
      `    size: ${bytes.length}`,
      `path: ${file}`,
      `sha512: ${sha512}`,
      "releaseDate: '2026-11-30T00:00:00.000Z'",
      ...(release.stagingPercentage === undefined ? [] : [`stagingPercentage: ${release.stagingPercentage}`]),
    ].join('\n')
    writeFileSync(join(dir, `${release.channel}-linux.yml`), `${feed}\n`)
  }
  const server: Server = createServer((req, res) => {
    try {
      res.writeHead(200).end(readFileSync(join(dir, decodeURIComponent((req.url ?? '/').split('?')[0]!.slice(1)))))
    } catch {
      res.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  stops.push(() => new Promise((resolve) => server.close(() => resolve())))
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, dir }
}

function updaterAt(feedUrl: string, version = '1.0.0') {
  const home = mkdtempSync(join(tmpdir(), 'sightline-updater-'))
  // What electron-builder writes into a packaged app's resources (the download cache is named from it).
  writeFileSync(join(home, 'app-update.yml'), `provider: generic\nurl: ${feedUrl}\nupdaterCacheDirName: sightline-updater-test\n`)
  const app = {
    version,
    name: 'Sightline',
    isPackaged: true,
    appUpdateConfigPath: join(home, 'app-update.yml'),
    userDataPath: home,
    baseCachePath: home,
    whenReady: async () => {},
    relaunch: () => {},
    quit: () => {},
    onQuit: () => {},
  }
  const updater = new DebUpdater(null, app)
  ;(updater as unknown as { httpExecutor: NodeHttpExecutor }).httpExecutor = new NodeDownloadExecutor()
  updater.setFeedURL({ provider: 'generic', url: feedUrl })
  const logger = new MemoryLogger()
  const adapter = new ElectronAppUpdater(updater, logger)
  const downloaded: string[] = []
  adapter.onDownloaded((v) => downloaded.push(v))
  return { adapter, downloaded, logger }
}

const until = async (probe: () => boolean, label: string) => {
  const deadline = Date.now() + 10_000
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${label}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('ElectronAppUpdater (electron-updater, generic provider) against a local feed', () => {
  it('finds a newer stable release, downloads it in the background and reports it once its sha512 matched', async () => {
    const feed = await serveFeed([{ version: '1.1.0', channel: 'latest', stagingPercentage: 100 }])
    const { adapter, downloaded } = updaterAt(feed.url)
    expect(await adapter.check('stable')).toEqual({ version: '1.1.0' })
    await until(() => downloaded.length > 0, 'download')
    expect(downloaded).toEqual(['1.1.0'])
  })

  it('a download whose bytes do not match the feed\'s sha512 is never reported as ready', async () => {
    const feed = await serveFeed([{ version: '1.1.0', channel: 'latest', isTampered: true }])
    const { adapter, downloaded, logger } = updaterAt(feed.url)
    expect(await adapter.check('stable')).toEqual({ version: '1.1.0' })
    await until(() => logger.lines.some((l) => l.message === 'updater failed' && /sha512 checksum mismatch/i.test(String(l.fields?.message))), 'checksum refusal')
    expect(downloaded).toEqual([])
  })

  it('honours a staged rollout: at 0 % nobody gets the release', async () => {
    const feed = await serveFeed([{ version: '1.1.0', channel: 'latest', stagingPercentage: 0 }])
    const { adapter } = updaterAt(feed.url)
    expect(await adapter.check('stable')).toBeNull()
  })

  it('the beta channel gets the prerelease; stable does not', async () => {
    const feed = await serveFeed([
      { version: '1.1.0', channel: 'latest' },
      { version: '1.2.0-beta.1', channel: 'beta' },
    ])
    expect(await updaterAt(feed.url).adapter.check('beta')).toEqual({ version: '1.2.0-beta.1' })
    expect(await updaterAt(feed.url).adapter.check('stable')).toEqual({ version: '1.1.0' })
  })

  it('nothing newer: no update', async () => {
    const feed = await serveFeed([{ version: '1.0.0', channel: 'latest' }])
    expect(await updaterAt(feed.url).adapter.check('stable')).toBeNull()
  })

  it('an unreachable feed rejects the check (the service retries quietly)', async () => {
    const { adapter } = updaterAt('http://127.0.0.1:9/')
    await expect(adapter.check('stable')).rejects.toThrow()
  })
})
