import { isAdmin } from '../../identity/validate.js'
import { badRequest, notFound } from '../../server/api-error.js'
import { atLeast } from '../../server/microversion.js'
import { empty, json } from '../../server/reply.js'
import { type Route, type RouteContext, route } from '../../server/service.js'
import { createKeypair } from '../ops.js'
import { generateSshKeyPair } from '../ssh-key.js'
import { novaVersion } from '../version.js'
import { keypairView } from '../views.js'

function ownerOf(ctx: RouteContext): string {
  const asked = ctx.query.get('user_id')
  if (asked && isAdmin(ctx.auth)) return asked
  return ctx.auth?.userId ?? ''
}

function keypairOr404(ctx: RouteContext) {
  const keypair = ctx.cloud.state.compute.keypairs.get(`${ownerOf(ctx)}/${ctx.params.name}`)
  if (!keypair) throw notFound(`Keypair ${ctx.params.name} not found for user ${ownerOf(ctx)}`)
  return keypair
}

/** Key pairs (per user): list, import or generate, show, delete. */
export const keypairRoutes: Route[] = [
  route('GET', '/os-keypairs', (ctx) => {
    const version = novaVersion(ctx)
    const owner = ownerOf(ctx)
    const mine = [...ctx.cloud.state.compute.keypairs.values()].filter((k) => k.user_id === owner)
    return json(200, { keypairs: mine.map((k) => ({ keypair: keypairView(k, version) })) })
  }),
  route('POST', '/os-keypairs', (ctx) => {
    const version = novaVersion(ctx)
    const input = (ctx.body as { keypair?: Record<string, unknown> } | undefined)?.keypair
    if (!input || typeof input.name !== 'string' || input.name === '') {
      throw badRequest(
        "Invalid input for field/attribute keypair. Value: None. 'name' is a required property",
      )
    }
    let publicKey = typeof input.public_key === 'string' ? input.public_key : undefined
    let privateKey: string | undefined
    if (!publicKey) {
      if (atLeast(version, '2.92')) {
        throw badRequest("Invalid input for field/attribute keypair. 'public_key' is a required property")
      }
      const generated = generateSshKeyPair(`Generated-by-Nova`)
      publicKey = generated.publicKey
      privateKey = generated.privateKey
    }
    const userId =
      typeof input.user_id === 'string' && isAdmin(ctx.auth) ? input.user_id : (ctx.auth?.userId ?? '')
    const keypair = createKeypair(ctx.cloud.state, {
      userId,
      name: input.name,
      publicKey,
      now: ctx.cloud.clock.now(),
      ...(input.type === 'x509' ? { type: 'x509' as const } : {}),
    })
    const body = {
      ...keypairView(keypair, version),
      user_id: keypair.user_id,
      ...(privateKey ? { private_key: privateKey } : {}),
    }
    return json(atLeast(version, '2.2') ? 201 : 200, { keypair: body })
  }),
  route('GET', '/os-keypairs/:name', (ctx) => {
    const keypair = keypairOr404(ctx)
    return json(200, {
      keypair: {
        ...keypairView(keypair, novaVersion(ctx)),
        id: keypair.id,
        user_id: keypair.user_id,
        created_at: keypair.created_at,
        deleted: false,
        deleted_at: null,
        updated_at: null,
      },
    })
  }),
  route('DELETE', '/os-keypairs/:name', (ctx) => {
    const keypair = keypairOr404(ctx)
    ctx.cloud.state.compute.keypairs.delete(`${keypair.user_id}/${keypair.name}`)
    return empty(atLeast(novaVersion(ctx), '2.2') ? 204 : 202)
  }),
]
