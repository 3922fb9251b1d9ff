import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type Dispatch, DROP } from './dispatch.js'

/** A running loopback server. */
export interface ListeningCloud {
  /** `http://127.0.0.1:<port>`: the origin every catalog URL then points at. */
  url: string
  port: number
  close(): Promise<void>
}

async function toRequest(req: IncomingMessage): Promise<Request> {
  const url = `http://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`
  const headers = new Headers()
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v)
    else if (value !== undefined) headers.set(key, value)
  }
  const method = req.method ?? 'GET'
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers })
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return new Request(url, { method, headers, body: Buffer.concat(chunks) })
}

async function answer(dispatch: Dispatch, req: IncomingMessage, res: ServerResponse) {
  const response = await dispatch(await toRequest(req))
  if (response === DROP) {
    req.socket.destroy()
    return
  }
  const headers: Record<string, string> = {}
  response.headers.forEach((value, key) => {
    headers[key] = value
  })
  const body = req.method === 'HEAD' ? undefined : Buffer.from(await response.arrayBuffer())
  if (body && response.status !== 204) headers['content-length'] = String(body.length)
  res.writeHead(response.status, headers)
  res.end(body)
}

/** Serves the fake on a real `node:http` server; it never keeps the process alive by itself. */
export async function listenHttp(
  dispatch: Dispatch,
  options: { port?: number; host?: string } = {},
): Promise<ListeningCloud> {
  const host = options.host ?? '127.0.0.1'
  const server = createServer((req, res) => {
    answer(dispatch, req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' })
      res.end(`fake cloud failure: ${error instanceof Error ? error.message : String(error)}`)
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  server.unref()
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
