import type { WireObject } from './common.js'

/** `GET /v1/stats`: clusters in scope and the sum of `node_count` over all their nodegroups, masters included. */
export interface Stats {
  clusters: number
  nodes: number
}

/** Stats → Magnum's JSON (the names are the same on both sides). */
export function statsToWire(stats: Stats): WireObject {
  return { clusters: stats.clusters, nodes: stats.nodes }
}

/** Magnum's JSON → Stats; missing counts read as 0. */
export function statsFromWire(wire: WireObject): Stats {
  return { clusters: Number(wire.clusters ?? 0), nodes: Number(wire.nodes ?? 0) }
}
