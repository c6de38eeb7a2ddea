import { defineConfig } from 'vite';

/** The web app lives in web/; the server serves web/dist in production, Vite serves web/ in development. */
export default defineConfig({
  root: 'web',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/health': 'http://127.0.0.1:3000',
      '/docs': 'http://127.0.0.1:3000',
    },
  },
});
