import { defineConfig } from 'tsup'

export default defineConfig({
  // bin.ts is the `magnum-ts` executable (tsup keeps its shebang).
  entry: ['src/index.ts', 'src/bin.ts'],
  format: ['esm', 'cjs'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  sourcemap: true,
  target: 'node22',
  tsconfig: 'tsconfig.build.json',
})
