import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes the element types for React 19 JSX (`react.d.ts`) and Vue templates (`vue.d.ts`)
 * from the finished manifest, so both always list exactly the elements, attributes and events
 * the manifest does (a test compares them with the element folders).
 *
 * Props are the class's own types (`Pick<VesselSchedule, 'port' | …>`) and events come from
 * `GlobalEventHandlersEventMap`, where each element declares its events: the generated files
 * repeat no type, only names.
 */
export function frameworkTypes({ outdir }) {
  return {
    name: 'porttask-framework-types',
    packageLinkPhase({ customElementsManifest }) {
      const elements = elementsOf(customElementsManifest);
      mkdirSync(outdir, { recursive: true });
      writeFileSync(path.join(outdir, 'react.d.ts'), reactTypes(elements));
      writeFileSync(path.join(outdir, 'vue.d.ts'), vueTypes(elements));
    },
  };
}

/** Every defined element: tag, class, the declarations file of its entry, attributes, events. */
export function elementsOf(manifest) {
  const elements = [];
  for (const module of manifest.modules) {
    for (const definition of module.exports ?? []) {
      if (definition.kind !== 'custom-element-definition') continue;
      const declaration = manifest.modules
        .find((candidate) => candidate.path === definition.declaration.module)
        ?.declarations?.find((candidate) => candidate.name === definition.declaration.name);
      if (!declaration) throw new Error(`custom-elements.json: no class ${definition.declaration.name} for <${definition.name}>`);
      // `porttask-vessel-schedule` is registered by elements/vessel-schedule/…, whose declarations are types/vessel-schedule.d.ts.
      const entry = path.posix.basename(path.posix.dirname(module.path));
      const attributes = (declaration.attributes ?? []).filter((attribute) => attribute.fieldName);
      const events = (declaration.events ?? []).filter((event) => event.name);
      elements.push({ tag: definition.name, className: declaration.name, entry, summary: declaration.summary ?? '', attributes, events });
    }
  }
  return elements.sort((a, b) => a.tag.localeCompare(b.tag));
}

const HEADER = `// Generated from custom-elements.json by scripts/custom-elements/framework-types.mjs (npm run manifest).
// Do not edit: change the element's JSDoc or properties and rebuild.`;

const pascal = (tag) => tag.replace(/(^|-)([a-z0-9])/g, (_match, _dash, letter) => letter.toUpperCase());
const comment = (text, indent) => (text ? `${indent}/** ${text.replace(/\*\//g, '*\\/').replace(/\s*\n\s*/g, ' ')} */\n` : '');
const imports = (elements) => elements.map((element) => `import type { ${element.className} } from './${element.entry}.js';`).join('\n');
const propertyKeys = (element) => [...new Set(element.attributes.map((attribute) => `'${attribute.fieldName}'`))].join(' | ') || 'never';

/** The event a PortTask event name dispatches, as the element declared it. */
const EVENT_OF = `type EventOf<Name extends string> = Name extends keyof GlobalEventHandlersEventMap ? GlobalEventHandlersEventMap[Name] : CustomEvent<unknown>;`;

function propsInterface(element, name, eventProp) {
  const lines = [];
  for (const attribute of element.attributes) {
    if (attribute.name === attribute.fieldName) continue;
    lines.push(`${comment(attribute.description, '  ')}  '${attribute.name}'?: ${element.className}['${attribute.fieldName}'];`);
  }
  for (const event of element.events) {
    lines.push(`${comment(event.description, '  ')}  '${eventProp(event.name)}'?: (event: EventOf<'${event.name}'>) => void;`);
  }
  return `${comment(`Props of \`<${element.tag}>\`: its properties, its attribute names, and its events.`, '')}export interface ${name} extends Partial<Pick<${element.className}, ${propertyKeys(element)}>> {\n${lines.join('\n')}\n}`;
}

function reactTypes(elements) {
  // React 19 sets a prop as a property when the element has one, else as an attribute, and
  // listens to `on<event-name>` props: `onporttask-consent-change={…}`.
  const interfaces = elements.map((element) => propsInterface(element, `${pascal(element.tag)}Props`, (event) => `on${event}`));
  const entries = elements.map(
    (element) => `${comment(element.summary, '      ')}      '${element.tag}': DetailedHTMLProps<HTMLAttributes<${element.className}>, ${element.className}> & ${pascal(element.tag)}Props;`,
  );
  return `${HEADER}
// React 19 JSX types for the PortTask elements. Load them once, e.g. in a .d.ts of your app:
//   /// <reference types="@porttask/widgets/react" />
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
${imports(elements)}

${EVENT_OF}

${interfaces.join('\n\n')}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
${entries.join('\n')}
    }
  }
}
`;
}

function vueTypes(elements) {
  // Vue templates write events as \`@porttask-consent-change\`, which the type checker reads as
  // the prop \`onPorttaskConsentChange\`.
  const interfaces = elements.map((element) => propsInterface(element, `${pascal(element.tag)}VueProps`, (event) => `on${pascal(event)}`));
  const entries = elements.map((element) => `${comment(element.summary, '    ')}    '${element.tag}': DefineComponent<${pascal(element.tag)}VueProps>;`);
  return `${HEADER}
// Vue 3 template types for the PortTask elements (checked by vue-tsc, completed by Volar).
// Load them once, e.g. in env.d.ts: /// <reference types="@porttask/widgets/vue" />
// and tell Vue's compiler these tags are custom elements (isCustomElement: tag => tag.startsWith('porttask-')).
import type { DefineComponent } from 'vue';
${imports(elements)}

${EVENT_OF}

${interfaces.join('\n\n')}

declare module 'vue' {
  interface GlobalComponents {
${entries.join('\n')}
  }
}
`;
}
