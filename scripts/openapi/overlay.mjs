// Fixes for known bugs in the upstream OpenStack specs, applied by generate.mjs before
// openapi-typescript runs. Each fix says what is wrong upstream and why the fix is right;
// generated files are never edited by hand.

/** Calls `visit` on every schema object below `node` (depth first). */
function walkSchemas(node, visit) {
  if (Array.isArray(node)) {
    for (const item of node) walkSchemas(item, visit)
    return
  }
  if (!node || typeof node !== 'object') return
  visit(node)
  for (const value of Object.values(node)) walkSchemas(value, visit)
}

const fixes = {
  // Glance declares `additionalProperties: {type: string}` on images, but the declared
  // properties include numbers (min_disk, size) and booleans (protected, os_hidden), so the
  // generated `{ min_disk?: number } & { [key: string]: string }` makes them unusable.
  // Extra image properties (os_distro, hw_*) are usually strings but not always: use unknown.
  image(spec) {
    for (const name of ['ImageShowResponse', 'ImagesListResponse']) {
      walkSchemas(spec.components.schemas[name], (schema) => {
        if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
          if (schema.additionalProperties.type === 'string') schema.additionalProperties = true
        }
      })
    }
  },
  // Neutron's request validators accept "true"/"false" strings, and the generator copied that
  // `[boolean, string]` into the response schemas too; Neutron always answers with JSON
  // booleans (`"router:external": true`). Narrow response schemas only.
  network(spec) {
    for (const [name, schema] of Object.entries(spec.components.schemas)) {
      if (!name.endsWith('Response')) continue
      walkSchemas(schema, (s) => {
        if (
          Array.isArray(s.type) &&
          s.type.length === 2 &&
          s.type.includes('boolean') &&
          s.type.includes('string')
        ) {
          s.type = 'boolean'
        }
      })
    }
  },
}

/** Applies the fixes for `service` to the parsed spec in place and returns it. */
export function applyOverlay(service, spec) {
  fixes[service]?.(spec)
  return spec
}
