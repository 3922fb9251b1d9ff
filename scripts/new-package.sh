#!/usr/bin/env bash
# Scaffolds a workspace package with the house layout (used once per package; kept for
# third-party driver authors who want the same shape).
# usage: scripts/new-package.sh <dir> <npm-name> "<description>"
set -euo pipefail
dir=$1; name=$2; desc=$3
mkdir -p "$dir/src" "$dir/test"
cat > "$dir/package.json" <<JSON
{
  "name": "$name",
  "version": "0.0.0",
  "description": "$desc",
  "license": "Apache-2.0",
  "type": "module",
  "sideEffects": false,
  "engines": { "node": ">=22" },
  "repository": { "type": "git", "url": "git+https://github.com/magnum-ts/magnum-ts.git", "directory": "$dir" },
  "files": ["dist", "src", "README.md", "CHANGELOG.md"],
  "main": "./dist/index.cjs",
  "module": "./dist/index.js",
  "types": "./dist/index.d.cts",
  "exports": {
    ".": {
      "source": "./src/index.ts",
      "import": { "types": "./dist/index.d.ts", "default": "./dist/index.js" },
      "require": { "types": "./dist/index.d.cts", "default": "./dist/index.cjs" }
    },
    "./package.json": "./package.json"
  },
  "publishConfig": { "access": "public" },
  "scripts": {
    "build": "tsup",
    "typecheck": "tsc -p tsconfig.json",
    "check:package": "publint --strict && attw --pack . --profile node16"
  }
}
JSON
cat > "$dir/tsconfig.json" <<JSON
{ "extends": "../../tsconfig.base.json", "include": ["src", "test"] }
JSON
cat > "$dir/tsconfig.build.json" <<JSON
{ "extends": "../../tsconfig.base.json", "compilerOptions": { "customConditions": [] }, "include": ["src"] }
JSON
cat > "$dir/tsup.config.ts" <<TS
import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node22',
  tsconfig: 'tsconfig.build.json',
})
TS
