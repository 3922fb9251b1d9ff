#!/usr/bin/env node
// Trims the upstream OpenStack OpenAPI specs (gtema/openstack, openstack_types/data) down to
// the paths our clients call, plus every component those paths reference, so the repository
// does not carry several MB of unused spec. Run it when bumping the upstream commit:
//   node scripts/openapi/vendor.mjs <checkout of gtema/openstack>
// then update the commit in scripts/openapi/SOURCES.md and run generate.mjs.
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { services } from './services.mjs'

const here = dirname(fileURLToPath(import.meta.url))
// `yaml` is a dependency of @magnum-ts/auth; borrowing it keeps the root free of extra deps.
const require = createRequire(join(here, '../../packages/auth/package.json'))
const YAML = require('yaml')

const upstream = process.argv[2]
if (!upstream) {
  console.error('usage: node scripts/openapi/vendor.mjs <path to a gtema/openstack checkout>')
  process.exit(2)
}

/** Collects every `#/components/...` reference reachable from `node`. */
function collectRefs(spec, node, seen) {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(spec, item, seen)
    return
  }
  if (!node || typeof node !== 'object') return
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/')) {
      if (seen.has(value)) continue
      seen.add(value)
      const [, , section, name] = value.split('/')
      collectRefs(spec, spec.components?.[section]?.[decodeURIComponent(name)], seen)
    } else {
      collectRefs(spec, value, seen)
    }
  }
}

for (const service of services) {
  const source = join(upstream, 'openstack_types/data', service.upstream)
  const spec = YAML.parse(readFileSync(source, 'utf8'))
  const paths = {}
  for (const [path, methods] of Object.entries(service.paths)) {
    const item = spec.paths?.[path]
    if (!item) {
      // Paths the upstream spec lacks (e.g. Cinder's /types/default) come from the overlay.
      console.warn(`${service.name}: ${path} not in upstream spec (expected only for overlay paths)`)
      continue
    }
    const kept = {}
    for (const [key, value] of Object.entries(item)) {
      if (key === 'parameters' || methods.includes(key)) kept[key] = value
    }
    paths[path] = kept
  }
  const seen = new Set()
  collectRefs(spec, paths, seen)
  const components = {}
  for (const ref of [...seen].sort()) {
    const [, , section, name] = ref.split('/')
    components[section] ??= {}
    components[section][decodeURIComponent(name)] = spec.components[section][decodeURIComponent(name)]
  }
  if (spec.components?.securitySchemes) components.securitySchemes = spec.components.securitySchemes
  const trimmed = { openapi: spec.openapi, info: spec.info, paths, components }
  const target = join(here, 'specs', `${service.name}.yaml`)
  const header = `# Trimmed from gtema/openstack:openstack_types/data/${service.upstream} (Apache-2.0) by scripts/openapi/vendor.mjs.\n# Do not edit: fix spec bugs in scripts/openapi/overlay.mjs.\n`
  writeFileSync(target, header + YAML.stringify(trimmed, { lineWidth: 0 }))
  console.log(`${service.name}: ${Object.keys(paths).length} paths, ${seen.size} components -> ${target}`)
}
