import {
  type CloudOrigin,
  checkAuthUrl,
  checkCredentials,
  expandAuthUrl,
  missingKeyReporter,
  readAuth,
  readAuthType,
} from './auth-fields.js'
import { asString, configErrorAt, type Layer, present } from './layer.js'
import { readTls } from './tls-settings.js'
import type { AuthOptions, CloudConfig, EndpointInterface } from './types.js'

export { type CloudOrigin, SUPPORTED_AUTH_TYPES } from './auth-fields.js'

/** Turns a merged layer into the CloudConfig that `createSession` takes, validating as it goes. */
export function toCloudConfig(layer: Layer, origin: CloudOrigin): CloudConfig {
  const sources: Record<string, string> = {}
  const auth = readAuth(layer, sources)
  const missing = missingKeyReporter(origin)

  if (!auth.authUrl) throw missing('auth_url', 'the Keystone URL', origin.authUrlHint)
  auth.authUrl = expandAuthUrl(auth.authUrl, layer)
  checkAuthUrl(auth.authUrl, layer)

  const authType = readAuthType(layer, auth, sources)
  checkCredentials(authType, auth, missing)

  const config: CloudConfig = { name: origin.name, authType, auth: auth as AuthOptions }
  const region = layer.top.get('region_name')
  if (region && typeof region.value === 'string' && region.value !== '') {
    config.regionName = region.value
    sources.regionName = region.source
  }
  const iface = readInterface(layer)
  config.interface = iface?.value ?? 'public'
  sources.interface = iface?.source ?? 'default'

  const { endpointOverrides, apiVersions } = readPerService(layer, sources)
  if (Object.keys(endpointOverrides).length > 0) config.endpointOverrides = endpointOverrides
  if (Object.keys(apiVersions).length > 0) config.apiVersions = apiVersions

  readTls(layer, config, sources, origin.homeDir)
  config.sources = sources
  return config
}

const INTERFACES: ReadonlyMap<string, EndpointInterface> = new Map([
  ['public', 'public'],
  ['publicurl', 'public'],
  ['internal', 'internal'],
  ['internalurl', 'internal'],
  ['admin', 'admin'],
  ['adminurl', 'admin'],
])

function readInterface(layer: Layer): { value: EndpointInterface; source: string } | undefined {
  const s = present(layer.top.get('interface')) ?? present(layer.top.get('endpoint_type'))
  if (!s) return undefined
  const raw = asString(s, 'interface')
  const value = INTERFACES.get(raw.toLowerCase())
  if (!value) {
    throw configErrorAt(
      s,
      `interface must be public, internal or admin (publicURL, internalURL, adminURL are accepted too), not "${raw}". Fix: use one of those`,
    )
  }
  return { value, source: s.source }
}

const ENDPOINT_OVERRIDE = '_endpoint_override'
const API_VERSION = '_api_version'

function readPerService(
  layer: Layer,
  sources: Record<string, string>,
): { endpointOverrides: Record<string, string>; apiVersions: Record<string, string> } {
  const endpointOverrides: Record<string, string> = {}
  const apiVersions: Record<string, string> = {}
  for (const [key, s] of layer.top) {
    if (!present(s)) continue
    if (key.endsWith(ENDPOINT_OVERRIDE) && key.length > ENDPOINT_OVERRIDE.length) {
      const service = key.slice(0, -ENDPOINT_OVERRIDE.length).replaceAll('_', '-')
      endpointOverrides[service] = asString(s, key)
      sources[`endpointOverrides.${service}`] = s.source
    } else if (key.endsWith(API_VERSION) && key.length > API_VERSION.length) {
      const service = key.slice(0, -API_VERSION.length).replaceAll('_', '-')
      const value = asString(s, key).trim()
      if (/^\d+\.\d+$/.test(value) || value === 'latest') {
        apiVersions[service] = value
        sources[`apiVersions.${service}`] = s.source
      } else if (!/^v?\d+$/.test(value)) {
        throw configErrorAt(
          s,
          `${key} must be a microversion such as 2.60 (or "latest"), or a major version such as 2, not "${value}". Fix: write it as MAJOR.MINOR`,
        )
      }
      // A bare major version ("identity_api_version: 3") picks the API, which magnum-ts
      // does by itself: it is accepted and is not a microversion pin.
    }
  }
  return { endpointOverrides, apiVersions }
}
