import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node22',
  tsconfig: 'tsconfig.build.json',
  // The Heat files are read next to the package (templates/) through import.meta.url; the shim
  // gives the CJS build one.
  shims: true,
})
