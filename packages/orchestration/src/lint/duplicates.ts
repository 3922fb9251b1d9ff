import { isPair, isScalar, isSeq, parseDocument, visit } from 'yaml'
import { HEAT_YAML_OPTIONS } from '../hot/yaml.js'
import { join } from './path.js'
import type { Finding } from './types.js'

/**
 * Keys given twice in one mapping. Heat silently keeps the last one, which is how a
 * parameter or property quietly loses its first definition.
 */
export function checkDuplicateKeys(text: string, prefix: string): Finding[] {
  const doc = parseDocument(text, { ...HEAT_YAML_OPTIONS, uniqueKeys: false })
  const findings: Finding[] = []
  visit(doc, {
    Map(_key, map, ancestors) {
      const seen = new Set<unknown>()
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key
        if (!seen.has(key)) {
          seen.add(key)
          continue
        }
        const chain = [...ancestors, map]
        let path = prefix
        chain.forEach((node, n) => {
          if (isPair(node) && isScalar(node.key)) path = join(path, String(node.key.value))
          else if (isSeq(node)) path = join(path, node.items.indexOf(chain[n + 1] as never))
        })
        const line = isScalar(pair.key) && pair.key.range ? lineOf(text, pair.key.range[0]) : undefined
        findings.push({
          rule: 'duplicate-key',
          path: join(path, String(key)),
          message: `"${String(key)}" is defined twice in the same mapping${line ? ` (again on line ${line})` : ''}; Heat keeps only the last definition`,
        })
      }
    },
  })
  return findings
}

function lineOf(text: string, offset: number): number {
  let line = 1
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++
  return line
}
