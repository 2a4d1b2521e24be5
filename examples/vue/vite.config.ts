import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    // porttask-* tags are custom elements: Vue leaves them to the browser instead of
    // resolving them as Vue components (and sets their properties, e.g. publishableKey).
    vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('porttask-') } } }),
  ],
  build: { target: 'es2022' },
});
