import { defineConfig } from 'vite';

// React's automatic JSX runtime through Vite's own transform: the example needs no Babel
// plugin (add @vitejs/plugin-react for Fast Refresh while developing).
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  build: { target: 'es2022' },
});
