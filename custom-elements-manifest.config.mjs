// `npm run manifest` → widgets/custom-elements.json, shipped in @porttask/widgets (its
// `customElements` field) for editors (tag and attribute completion), Storybook-style docs
// and the docs site, plus the React and Vue element types generated from it. Documentation
// comes from each element's JSDoc header (@summary, @event, @csspart, @cssproperty).
import { defineElementTags } from './widgets/scripts/custom-elements/define-element-tags.mjs';
import { frameworkTypes } from './widgets/scripts/custom-elements/framework-types.mjs';
import { shippedPaths } from './widgets/scripts/custom-elements/shipped-paths.mjs';

export default {
  // What the npm package ships (dist/npm mirrors it); the CDN loader and consent-mode.js are
  // not in it.
  globs: ['widgets/src/**/*.ts'],
  exclude: [
    'widgets/src/**/*.test.ts',
    'widgets/src/testing/**',
    'widgets/src/**/test-fixtures/**',
    'widgets/src/**/*.d.ts',
    'widgets/src/loader/**',
    'widgets/src/consent-mode/**',
  ],
  outdir: 'widgets',
  litelement: true,
  dev: false,
  // Order matters: tags are read from the sources, then paths become the shipped files, then
  // the framework types are written from the finished manifest.
  plugins: [defineElementTags(), shippedPaths({ sourceRoot: 'widgets/src', shippedRoot: 'dist/npm' }), frameworkTypes({ outdir: 'widgets/dist/types' })],
};
