import { createVolumeType } from '../block-storage/ops.js'
import { createFlavor, createKeypair } from '../compute/ops.js'
import { placeholderPublicKey } from '../compute/ssh-key.js'
import { createDomain, createProject, createUser, ensureRole, grantRole } from '../identity/ops.js'
import { createImage } from '../image/ops.js'
import {
  addRouterInterface,
  createNetwork,
  createRouter,
  createSubnet,
  ensureDefaultSecurityGroup,
} from '../network/ops.js'
import type { CloudState } from '../state.js'
import type { WorldSpec } from './types.js'
import { WorldError } from './world-error.js'

/** Fills an empty state with a world. Throws `WorldError` naming the field when a reference is wrong. */
export function seedWorld(state: CloudState, world: WorldSpec, now: number): void {
  const id = state.identity
  const domainId = (name: string | undefined, field: string) => {
    const wanted = name ?? 'Default'
    const found = [...id.domains.values()].find((d) => d.name === wanted || d.id === wanted)
    if (!found) throw new WorldError(field, `no domain named '${wanted}'; add it to \`domains\``)
    return found.id
  }
  const projectId = (name: string | undefined, field: string) => {
    const wanted = name ?? 'admin'
    const found = [...id.projects.values()].find((p) => p.name === wanted || p.id === wanted)
    if (!found) throw new WorldError(field, `no project named '${wanted}'; add it to \`projects\``)
    return found.id
  }

  for (const d of world.domains ?? [{ name: 'Default', id: 'default' }]) {
    createDomain(id, {
      name: d.name,
      ...(d.id ? { id: d.id } : {}),
      ...(d.description ? { description: d.description } : {}),
    })
  }
  ;(world.projects ?? []).forEach((p, i) => {
    createProject(id, {
      name: p.name,
      domainId: domainId(p.domain, `projects[${i}].domain`),
      ...(p.id ? { id: p.id } : {}),
      ...(p.description ? { description: p.description } : {}),
    })
  })
  for (const role of world.roles ?? ['admin', 'member', 'reader']) ensureRole(id, role)
  ;(world.users ?? []).forEach((u, i) => {
    if (!u.name || typeof u.password !== 'string') {
      throw new WorldError(`users[${i}]`, 'a user needs a `name` and a `password`')
    }
    const user = createUser(id, {
      name: u.name,
      password: u.password,
      domainId: domainId(u.domain, `users[${i}].domain`),
      ...(u.id ? { id: u.id } : {}),
      ...(u.defaultProject
        ? { defaultProjectId: projectId(u.defaultProject, `users[${i}].defaultProject`) }
        : {}),
    })
    for (const [project, roles] of Object.entries(u.roles ?? {})) {
      const pid = projectId(project, `users[${i}].roles.${project}`)
      for (const role of roles)
        grantRole(id, { userId: user.id, roleId: ensureRole(id, role).id, projectId: pid })
    }
    for (const [domain, roles] of Object.entries(u.domainRoles ?? {})) {
      const did = domainId(domain, `users[${i}].domainRoles.${domain}`)
      for (const role of roles)
        grantRole(id, { userId: user.id, roleId: ensureRole(id, role).id, domainId: did })
    }
  })

  for (const f of world.flavors ?? []) {
    createFlavor(state, {
      name: f.name,
      vcpus: f.vcpus,
      ram: f.ram,
      disk: f.disk,
      ...(f.id ? { id: f.id } : {}),
      ...(f.ephemeral ? { ephemeral: f.ephemeral } : {}),
      ...(f.extraSpecs ? { extraSpecs: f.extraSpecs } : {}),
    })
  }
  ;(world.images ?? []).forEach((img, i) => {
    createImage(state.image, {
      name: img.name,
      owner: projectId(img.owner, `images[${i}].owner`),
      now,
      active: true,
      visibility: img.visibility ?? 'public',
      ...(img.id ? { id: img.id } : {}),
      ...(img.diskFormat ? { diskFormat: img.diskFormat } : {}),
      ...(img.containerFormat ? { containerFormat: img.containerFormat } : {}),
      ...(img.minDisk ? { minDisk: img.minDisk } : {}),
      ...(img.minRam ? { minRam: img.minRam } : {}),
      ...(img.tags ? { tags: img.tags } : {}),
      ...(img.properties ? { properties: img.properties } : {}),
    })
  })

  for (const project of id.projects.values())
    ensureDefaultSecurityGroup(state.network, { now, projectId: project.id })
  ;(world.networks ?? []).forEach((n, i) => {
    const stamp = { now, projectId: projectId(n.project, `networks[${i}].project`) }
    const network = createNetwork(state.network, stamp, {
      name: n.name,
      ...(n.id ? { id: n.id } : {}),
      ...(n.external ? { external: true } : {}),
      ...(n.shared ? { shared: true } : {}),
      ...(n.mtu ? { mtu: n.mtu } : {}),
    })
    ;(n.subnets ?? []).forEach((sn, j) => {
      try {
        createSubnet(state.network, stamp, {
          networkId: network.id,
          cidr: sn.cidr,
          ...(sn.name ? { name: sn.name } : {}),
          ...(sn.id ? { id: sn.id } : {}),
          ...(sn.gatewayIp ? { gatewayIp: sn.gatewayIp } : {}),
          ...(sn.allocationPools ? { allocationPools: sn.allocationPools } : {}),
          ...(sn.dnsNameservers ? { dnsNameservers: sn.dnsNameservers } : {}),
        })
      } catch (error) {
        throw new WorldError(
          `networks[${i}].subnets[${j}]`,
          error instanceof Error ? error.message : String(error),
        )
      }
    })
  })
  ;(world.routers ?? []).forEach((r, i) => {
    const stamp = { now, projectId: projectId(r.project, `routers[${i}].project`) }
    const external = r.externalNetwork
      ? [...state.network.networks.values()].find((n) => n.name === r.externalNetwork)
      : undefined
    if (r.externalNetwork && !external) {
      throw new WorldError(`routers[${i}].externalNetwork`, `no network named '${r.externalNetwork}'`)
    }
    const router = createRouter(state.network, stamp, {
      name: r.name,
      ...(external ? { externalNetworkId: external.id } : {}),
    })
    ;(r.subnets ?? []).forEach((name, j) => {
      const subnet = [...state.network.subnets.values()].find((s) => s.name === name)
      if (!subnet) throw new WorldError(`routers[${i}].subnets[${j}]`, `no subnet named '${name}'`)
      addRouterInterface(state.network, stamp, router.id, { subnetId: subnet.id })
    })
  })

  for (const t of world.volumeTypes ?? []) {
    const type = createVolumeType(state.blockStorage, {
      name: t.name,
      ...(t.id ? { id: t.id } : {}),
      ...(t.description ? { description: t.description } : {}),
      ...(t.extraSpecs ? { extraSpecs: t.extraSpecs } : {}),
    })
    if (t.default) state.blockStorage.defaultVolumeType = type.id
  }
  ;(world.keypairs ?? []).forEach((k, i) => {
    const user = [...id.users.values()].find((u) => u.name === k.user || u.id === k.user)
    if (!user) throw new WorldError(`keypairs[${i}].user`, `no user named '${k.user}'`)
    createKeypair(state, {
      userId: user.id,
      name: k.name,
      publicKey: k.publicKey ?? placeholderPublicKey(`${k.user}@fake`),
      now,
    })
  })
  if (world.availabilityZones) state.compute.availabilityZones = [...world.availabilityZones]
  Object.assign(state.compute.limits, world.computeLimits ?? {})
  Object.assign(state.network.quotas, world.networkQuotas ?? {})
}
