// `npm run manifest` → widgets/custom-elements.json, for editors (tag and attribute completion),
// Storybook-style docs and the docs site. Documentation comes from each element's JSDoc header
// (@summary, @event, @csspart, @cssproperty).
export default {
  globs: ['widgets/src/**/*.ts'],
  exclude: ['widgets/src/**/*.test.ts', 'widgets/src/testing/**', 'widgets/src/**/test-fixtures/**', 'widgets/src/**/*.d.ts'],
  outdir: 'widgets',
  litelement: true,
  dev: false,
};
