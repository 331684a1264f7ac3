import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API server during development (`pnpm dev` in the root starts it on port 3000).
const apiTarget = 'http://localhost:3000';

// index.html holds no inline script or style (nor does the build add any), so the server can
// send a strict Content-Security-Policy: script-src 'self'; style-src 'self'.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    proxy: { '/api': { target: apiTarget } },
  },
  preview: {
    proxy: { '/api': { target: apiTarget } },
  },
});
