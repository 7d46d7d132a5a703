import { defineConfig } from 'vitest/config';

// Absolute asset URLs (/assets/…): index.html is also what jit-server and nginx answer for path deep links
// such as /issues/<id>, where relative URLs would point below /issues/ and load nothing. The UI is served at
// the site's root (jit-server, the guide's nginx site). Every asset name has a content hash, so assets can
// be cached for a year.
export default defineConfig({
  base: '/',
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
