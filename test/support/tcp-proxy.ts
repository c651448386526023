import { createConnection, createServer, type Socket } from 'node:net'

export interface TcpProxy {
  /** https://127.0.0.1:<port> (TLS passes through): use it where the server's URL would go */
  url: string
  port: number
  /** client connections open now */
  readonly openConnections: number
  /** connections accepted so far */
  readonly acceptedConnections: number
  /** resets every open connection, both ways, as a network failure would; returns how many */
  cutAll(): number
  /** while true, new connections are reset as soon as they arrive (the server looks unreachable) */
  isRefusing: boolean
  close(): Promise<void>
}

/** A TCP proxy on 127.0.0.1 forwarding to `target`, whose connections a test can cut at will. */
export async function startTcpProxy(target: { host?: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<[Socket, Socket]>()
  // Every socket on either side, until it closes: close() must not wait on a peer's half-close.
  const sockets = new Set<Socket>()
  const track = (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  }
  let acceptedConnections = 0
  const cut = ([client, upstream]: [Socket, Socket]) => {
    client.resetAndDestroy()
    upstream.resetAndDestroy()
  }
  const server = createServer((client) => {
    acceptedConnections += 1
    if (proxy.isRefusing) return void client.resetAndDestroy()
    const upstream = createConnection({ host: target.host ?? '127.0.0.1', port: target.port })
    const pair: [Socket, Socket] = [client, upstream]
    track(client)
    track(upstream)
    pairs.add(pair)
    // An error on either side resets both; an orderly close is passed on as one.
    client.on('error', () => pairs.delete(pair) && cut(pair)).on('close', () => pairs.delete(pair) && upstream.end())
    upstream.on('error', () => pairs.delete(pair) && cut(pair)).on('close', () => pairs.delete(pair) && client.end())
    client.pipe(upstream)
    upstream.pipe(client)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('tcp proxy: no port')
  const proxy: TcpProxy = {
    url: `https://127.0.0.1:${address.port}`,
    port: address.port,
    get openConnections() {
      return pairs.size
    },
    get acceptedConnections() {
      return acceptedConnections
    },
    isRefusing: false,
    cutAll() {
      const cutPairs = [...pairs]
      pairs.clear()
      cutPairs.forEach(cut)
      return cutPairs.length
    },
    close: () => {
      proxy.cutAll()
      // A connection whose far side closed first is out of `pairs` but may still wait for the
      // client's half of the close (over TLS, ws waits up to 30 s for it): end it here.
      for (const socket of sockets) socket.destroy()
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
    },
  }
  return proxy
}
