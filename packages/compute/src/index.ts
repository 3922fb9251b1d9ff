export type { AvailabilityZone } from './availability-zones/availability-zones.js'
export { listAvailabilityZones } from './availability-zones/availability-zones.js'
export { findFlavor, getFlavor, listFlavors } from './flavors/flavors.js'
export type { Flavor, ListFlavorsOptions } from './flavors/types.js'
export { findImage, getImage, listImages } from './images/images.js'
export { toImage } from './images/properties.js'
export type { GlanceImage, Image, ListImagesOptions } from './images/types.js'
export {
  checkPublicKey,
  createKeypair,
  deleteKeypair,
  getKeypair,
  listKeypairs,
} from './keypairs/keypairs.js'
export type {
  CreatedKeypair,
  CreateKeypairOptions,
  Keypair,
  KeypairSummary,
  ListKeypairsOptions,
} from './keypairs/types.js'
export { type AbsoluteLimits, getAbsoluteLimits } from './limits/limits.js'
export {
  createServerGroup,
  deleteServerGroup,
  getServerGroup,
  listServerGroups,
  serverGroupPolicy,
} from './server-groups/server-groups.js'
export type { CreateServerGroupOptions, ServerGroup, ServerGroupPolicy } from './server-groups/types.js'
export { deleteServer, getServer, listServers } from './servers/servers.js'
export type { ListServersOptions, Server } from './servers/types.js'
