import { defaultClientConditions, defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `source` first so that `@stipple/core` is bundled from its TypeScript sources, the same
// schemas the server validates with; the dev server forwards the API to a locally running server.
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['source', ...defaultClientConditions] },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // The one chunk near this is zxcvbn's English dictionary (1.2 MB), loaded only by the
    // set-password page of an invitation.
    chunkSizeWarningLimit: 1300,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            {
              name: 'mantine',
              test: /node_modules[\\/](@mantine|@floating-ui|react-remove-scroll[^/\\]*|react-transition-group|dayjs)[\\/]/,
            },
          ],
        },
      },
    },
  },
});
