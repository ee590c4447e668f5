import { createServer, connect, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'

interface Link {
  client: Socket
  upstream: Socket
  isZombie: boolean
}

/**
 * A TCP relay between the app and the fake Live server that can fail the way networks do:
 * `down()` cuts every connection and refuses new ones (Wi-Fi gone), `up()` brings it back, and
 * `zombify()` makes every open connection a zombie, as after sleep: the server side is gone but
 * the app's socket still claims to be open and swallows whatever is sent, answering nothing.
 */
export class FlakyNetwork {
  private readonly server: Server
  private readonly links = new Set<Link>()
  private isDown = false
  /** Connections refused while down. */
  refused = 0

  private constructor(private readonly targetPort: number) {
    this.server = createServer((client) => this.onClient(client))
  }

  /** Listens on 127.0.0.1 in front of `targetBaseUrl` (an `http://127.0.0.1:PORT` address). */
  static async start(targetBaseUrl: string): Promise<FlakyNetwork> {
    const network = new FlakyNetwork(Number(new URL(targetBaseUrl).port))
    await new Promise<void>((resolve) => network.server.listen(0, '127.0.0.1', resolve))
    return network
  }

  /** The address to point the SDK at (http://, as the SDK requires). */
  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  /** Connections currently relayed (zombies included). */
  get openLinks(): number {
    return this.links.size
  }

  down(): void {
    this.isDown = true
    for (const link of this.links) this.cut(link)
  }

  up(): void {
    this.isDown = false
  }

  zombify(): void {
    for (const link of this.links) {
      link.isZombie = true
      link.upstream.destroy()
    }
  }

  async close(): Promise<void> {
    for (const link of this.links) this.cut(link)
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private onClient(client: Socket): void {
    if (this.isDown) {
      this.refused++
      client.destroy()
      return
    }
    const upstream = connect(this.targetPort, '127.0.0.1')
    const link: Link = { client, upstream, isZombie: false }
    this.links.add(link)
    client.on('data', (data) => {
      if (!link.isZombie) upstream.write(data)
    })
    upstream.on('data', (data) => {
      if (!link.isZombie) client.write(data)
    })
    client.on('error', () => {})
    upstream.on('error', () => {})
    client.on('close', () => this.cut(link))
    upstream.on('close', () => {
      if (!link.isZombie) this.cut(link)
    })
  }

  private cut(link: Link): void {
    this.links.delete(link)
    link.client.destroy()
    link.upstream.destroy()
  }
}
