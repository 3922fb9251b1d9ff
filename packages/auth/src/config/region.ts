import { isPlainMap } from './files.js'
import { configErrorAt, describe, type Layer, layerFromEntry, overlay, type Sourced } from './layer.js'

interface KnownRegion {
  name: string
  /** Per-region settings (`regions: [{ name, values: {...} }]`), laid over the cloud's. */
  values?: unknown
  valuesKey?: string
}

/**
 * Settles the cloud's region. `region_name` may be a string, a comma list (deprecated) or
 * a list, and `regions:` a list of names or `{ name, values }`. With no region asked for,
 * the first one wins; a region asked for (option / OS_REGION_NAME) must be one of them.
 */
export function selectRegion(layer: Layer, wanted: Sourced | undefined, cloudName: string): Layer {
  const declared = declaredRegions(layer)
  const top = new Map(layer.top)
  top.delete('regions')
  let result: Layer = { top, auth: layer.auth }
  let chosen: KnownRegion | undefined
  if (wanted) {
    const name = regionNameOf(wanted)
    chosen = declared?.regions.find((r) => r.name === name)
    if (declared && declared.regions.length > 0 && !chosen) {
      throw configErrorAt(
        wanted,
        `region "${name}" is not one of cloud "${cloudName}"'s regions (${declared.regions.map((r) => r.name).join(', ')}, from ${declared.entry.key} in ${declared.entry.source}). Region names are case sensitive. Fix: choose one of those, or add "${name}" to region_name`,
      )
    }
    top.set('region_name', { ...wanted, value: name })
  } else if (declared?.regions[0]) {
    chosen = declared.regions[0]
    top.set('region_name', { ...declared.entry, value: chosen.name })
  } else {
    top.delete('region_name')
  }
  if (chosen?.values !== undefined && declared) {
    const file = { path: declared.entry.source, dir: declared.entry.dir }
    result = overlay(result, layerFromEntry(chosen.values, file, chosen.valuesKey ?? declared.entry.key))
  }
  return result
}

function declaredRegions(layer: Layer): { entry: Sourced; regions: KnownRegion[] } | undefined {
  const regions = layer.top.get('regions')
  if (regions && regions.value !== null && regions.value !== undefined) {
    if (!Array.isArray(regions.value)) {
      throw configErrorAt(
        regions,
        `must be a list of region names or { name, values } entries, not ${describe(regions.value)}. Fix: write regions: [RegionOne] (or use region_name for one region)`,
      )
    }
    return { entry: regions, regions: regions.value.map((item, i) => regionEntry(regions, item, i)) }
  }
  const regionName = layer.top.get('region_name')
  if (!regionName || regionName.value === null || regionName.value === undefined || regionName.value === '')
    return undefined
  const value = regionName.value
  if (typeof value === 'string') {
    return { entry: regionName, regions: splitNames(value).map((name) => ({ name })) }
  }
  if (typeof value === 'number') return { entry: regionName, regions: [{ name: String(value) }] }
  if (Array.isArray(value)) {
    return {
      entry: regionName,
      regions: value.map((item, i) => {
        if (typeof item !== 'string' && typeof item !== 'number') {
          throw configErrorAt(
            { ...regionName, key: `${regionName.key}[${i}]` },
            `must be a region name (string), not ${describe(item)}. Fix: list region names only`,
          )
        }
        return { name: String(item) }
      }),
    }
  }
  throw configErrorAt(
    regionName,
    `must be a region name or a list of region names, not ${describe(value)}. Fix: write region_name: RegionOne or region_name: [RegionOne, RegionTwo]`,
  )
}

function regionEntry(regions: Sourced, item: unknown, index: number): KnownRegion {
  const at = { ...regions, key: `${regions.key}[${index}]` }
  if (typeof item === 'string' || typeof item === 'number') return { name: String(item) }
  if (isPlainMap(item)) {
    const extra = Object.keys(item).filter((k) => k !== 'name' && k !== 'values')
    if (typeof item.name !== 'string' || item.name === '' || extra.length > 0) {
      throw configErrorAt(
        at,
        'a region entry must have a `name` and optionally `values`, and nothing else. Fix: move other settings under `values:`',
      )
    }
    return { name: item.name, values: item.values, valuesKey: `${at.key}.values` }
  }
  throw configErrorAt(
    at,
    `must be a region name or a { name, values } mapping, not ${describe(item)}. Fix: list region names, or { name, values } entries`,
  )
}

function regionNameOf(wanted: Sourced): string {
  if (typeof wanted.value === 'string' || typeof wanted.value === 'number') return String(wanted.value)
  throw configErrorAt(
    wanted,
    `must be a region name (string), not ${describe(wanted.value)}. Fix: give a single region name`,
  )
}

function splitNames(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}
