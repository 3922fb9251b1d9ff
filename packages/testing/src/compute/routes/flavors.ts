import { notFound } from '../../server/api-error.js'
import { pageLinks, paginate } from '../../server/pagination.js'
import { json } from '../../server/reply.js'
import { type Route, type RouteContext, route } from '../../server/service.js'
import { novaVersion } from '../version.js'
import { flavorView } from '../views.js'

function listFlavors(ctx: RouteContext, detail: boolean) {
  const version = novaVersion(ctx)
  let flavors = [...ctx.cloud.state.compute.flavors.values()]
  const minRam = Number(ctx.query.get('minRam') ?? 0)
  const minDisk = Number(ctx.query.get('minDisk') ?? 0)
  flavors = flavors.filter((f) => f.ram >= minRam && f.disk >= minDisk)
  const page = paginate(flavors, ctx.query)
  const items = page.items.map((f) => {
    const view = flavorView(ctx, f, version)
    return detail ? view : { id: view.id, name: view.name, links: view.links }
  })
  return json(200, { flavors: items, ...pageLinks('flavors', ctx.url, page) })
}

/** Flavors: list, detail, show (and extra specs). */
export const flavorRoutes: Route[] = [
  route('GET', '/flavors', (ctx) => listFlavors(ctx, false)),
  route('GET', '/flavors/detail', (ctx) => listFlavors(ctx, true)),
  route('GET', '/flavors/:id', (ctx) => {
    const flavor = ctx.cloud.state.compute.flavors.get(ctx.params.id ?? '')
    if (!flavor) throw notFound(`Flavor ${ctx.params.id} could not be found.`)
    return json(200, { flavor: flavorView(ctx, flavor, novaVersion(ctx)) })
  }),
  route('GET', '/flavors/:id/os-extra_specs', (ctx) => {
    const flavor = ctx.cloud.state.compute.flavors.get(ctx.params.id ?? '')
    if (!flavor) throw notFound(`Flavor ${ctx.params.id} could not be found.`)
    return json(200, { extra_specs: flavor.extra_specs })
  }),
]
