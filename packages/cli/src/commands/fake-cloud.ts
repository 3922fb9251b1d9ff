import { createFakeCloud, loadWorld } from '@magnum-ts/testing'
import type { Command } from './command.js'
import { cloudsYamlFor, osEnvFor } from './fake-cloud-config.js'

/** `magnum-ts fake-cloud serve`: the fake OpenStack of @magnum-ts/testing on 127.0.0.1. */
export const fakeCloudServe: Command = {
  path: ['fake-cloud', 'serve'],
  summary: 'Serve the built-in fake OpenStack on 127.0.0.1 and print how to reach it',
  options: {
    port: { type: 'string', description: 'Port to listen on (default: a free one)' },
    world: { type: 'string', description: 'YAML world file to seed instead of the default world' },
  },
  async run({ io, values }) {
    const port = values.port === undefined ? 0 : Number(values.port)
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      io.stderr(`magnum-ts: --port must be a port number (got "${String(values.port)}")\n`)
      return 2
    }
    const cloud = createFakeCloud(typeof values.world === 'string' ? { world: loadWorld(values.world) } : {})
    const listening = await cloud.listen({ port, host: '127.0.0.1' })
    const config = cloud.cloudConfig({ origin: listening.url })
    io.stdout(`Fake OpenStack listening on ${listening.url} (Ctrl-C stops it)\n\n`)
    io.stdout(`# clouds.yaml\n${cloudsYamlFor('fake', config)}\n`)
    io.stdout(`# or, in a shell\n${osEnvFor(config)}\n`)
    await untilInterrupted()
    await listening.close()
    return 0
  },
}

function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    // The server does not hold the process open by itself: this timer does, until a signal.
    const keepAlive = setInterval(() => {}, 1 << 30)
    const stop = () => {
      clearInterval(keepAlive)
      resolve()
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
}
