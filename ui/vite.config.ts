/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// The app runs from files embedded in the Tauri binary: relative asset paths, no network, and a
// target that WebKitGTK 2.3x+ understands.
export default defineConfig({
  base: './',
  plugins: [vue()],
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: {
    outDir: 'dist',
    target: 'es2020',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.spec.ts'],
    css: false,
    testTimeout: 30000,
    server: { deps: { inline: ['element-plus'] } },
  },
})
