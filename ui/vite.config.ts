/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Tauri expects a fixed dev port and embeds `dist/` (frontendDist: ../ui/dist).
export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: {
    outDir: 'dist',
    target: 'es2021',
    // The desktop window loads everything from disk; keep fonts as separate files.
    assetsInlineLimit: 0,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    // theme.test.ts reads the stylesheet's text (`styles.css?raw`); other CSS stays stubbed.
    css: { include: [/styles\.css/] },
  },
});
