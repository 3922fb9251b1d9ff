import type { Command } from './command.js'

/** `magnum-ts catalog list`: the service catalog, like `openstack catalog list`. */
export const catalogList: Command = {
  path: ['catalog', 'list'],
  summary: 'List the services and endpoints of the service catalog',
  options: {},
  async run({ session, print }) {
    const catalog = await (await session()).catalog()
    print.list(
      catalog.map((s) => ({
        Name: s.name ?? '',
        Type: s.type,
        Endpoints: s.endpoints
          .map((e) => `${e.region_id ?? e.region ?? ''} ${e.interface}: ${e.url}`)
          .join('\n'),
      })),
    )
    return 0
  },
}
