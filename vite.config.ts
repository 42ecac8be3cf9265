import { defineConfig } from 'vite';

// The browser build: index.html -> dist/, relative asset paths so that dist/ can be served from
// any folder (a USB stick, a sub-path of an intranet), and Phaser in a chunk of its own so that
// the game code can change without the players' browsers re-downloading the engine.
export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Phaser alone is larger than Vite's default warning threshold.
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      output: {
        // Vite 8 bundles with rolldown: `codeSplitting.groups` replaces rollup's `manualChunks`.
        codeSplitting: {
          groups: [{ name: 'phaser', test: /[\\/]node_modules[\\/]phaser[\\/]/ }],
        },
      },
    },
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
