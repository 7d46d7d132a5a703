import { defineConfig } from 'vitest/config';

// Relative asset URLs: the same build works when jit-server serves it at / and when nginx serves it
// from a directory. Vite puts a content hash in every asset name, so assets can be cached for a year.
export default defineConfig({
  base: './',
  build: {
    // straight into the jar's classpath folder; emptied first, so no stale hashed files are packaged
    outDir: 'target/classes/jit-web',
    emptyOutDir: true,
    assetsDir: 'assets',
    chunkSizeWarningLimit: 700,
  },
  // `npm run dev`: the UI with hot reload, API calls proxied to a running jit-server (JIT_API to change).
  server: {
    proxy: { '/api': process.env.JIT_API ?? 'http://127.0.0.1:3000' },
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
