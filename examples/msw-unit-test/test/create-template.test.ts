/**
 * Unit-testing our own function against the fake OpenStack through msw: the session uses the
 * global fetch, msw intercepts it and the fake answers with real Glance/Nova/Neutron replies.
 */
import { createSession } from '@magnum-ts/auth'
import { FlavorNotFoundError, OsDistroFieldNotFoundError, ValidationErrors } from '@magnum-ts/core'
import { createFakeCloud } from '@magnum-ts/testing'
import { http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createKubernetesTemplate } from '../src/create-template.js'

const cloud = createFakeCloud()
const server = setupServer(...cloud.handlers)
// Every request msw saw, to prove the fake answered through it.
const seen: string[] = []
server.events.on('request:start', ({ request }) => {
  seen.push(`${request.method} ${new URL(request.url).pathname}`)
})

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  cloud.reset()
  seen.length = 0
})
afterAll(() => server.close())

// No `fetch` option: the session goes through globalThis.fetch, which msw patches.
const session = () => createSession(cloud.cloudConfig())

describe('createKubernetesTemplate', () => {
  it('stores a Kubernetes template with the platform defaults and the image os_distro', async () => {
    const { template, store } = await createKubernetesTemplate(session(), {
      name: 'team-k8s',
      image: 'fedora-atomic-latest',
      flavor: 'm1.small',
      masterFlavor: 'm1.medium',
    })

    const stored = await store.clusterTemplates.get(template.uuid)
    expect(stored).toMatchObject({
      name: 'team-k8s',
      coe: 'kubernetes',
      imageId: 'fedora-atomic-latest',
      flavorId: 'm1.small',
      masterFlavorId: 'm1.medium',
      networkDriver: 'flannel',
      masterLbEnabled: true,
      externalNetworkId: 'public',
      clusterDistro: 'fedora-atomic',
      serverType: 'vm',
    })
    expect(stored?.projectId).toBeTruthy()
    // Keystone, then Glance for the image: all through msw.
    expect(seen).toContain('POST /identity/v3/auth/tokens')
    expect(seen.some((r) => r.startsWith('GET ') && r.includes('/images'))).toBe(true)
  })

  it('refuses an image without os_distro, naming the field', async () => {
    // Arrange the scenario in the fake's state: an image nobody tagged with os_distro.
    const image = [...cloud.state.image.images.values()].find((i) => i.name === 'fedora-atomic-latest')!
    delete image.os_distro

    const attempt = createKubernetesTemplate(session(), {
      name: 'untagged',
      image: 'fedora-atomic-latest',
      flavor: 'm1.small',
    })
    await expect(attempt).rejects.toBeInstanceOf(OsDistroFieldNotFoundError)
    await expect(attempt).rejects.toMatchObject({ field: 'image_id', status: 400 })
  })

  it('refuses a flavor the cloud does not have', async () => {
    const attempt = createKubernetesTemplate(session(), {
      name: 'big',
      image: 'fedora-atomic-latest',
      flavor: 'm1.huge',
      masterFlavor: 'm1.small',
    })
    await expect(attempt).rejects.toBeInstanceOf(FlavorNotFoundError)
    await expect(attempt).rejects.toMatchObject({ field: 'flavor_id' })
  })

  it('reports every bad field at once', async () => {
    const attempt = createKubernetesTemplate(session(), {
      name: 'big',
      image: 'fedora-atomic-latest',
      flavor: 'm1.huge',
    })
    await expect(attempt).rejects.toBeInstanceOf(ValidationErrors)
    const error = (await attempt.catch((e: unknown) => e)) as ValidationErrors
    expect(error.errors.map((e) => e.field).sort()).toEqual(['flavor_id', 'master_flavor_id'])
  })

  it('surfaces a Glance outage as the HTTP error msw served', async () => {
    server.use(
      http.get(/\/image\/v2\/images/, () =>
        Response.json({ message: 'Service Unavailable', code: 503 }, { status: 503 }),
      ),
    )
    const attempt = createKubernetesTemplate(session(), {
      name: 'k8s',
      image: 'fedora-atomic-latest',
      flavor: 'm1.small',
    })
    await expect(attempt).rejects.toMatchObject({ status: 503 })
  })
})
