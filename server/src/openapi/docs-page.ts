import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

/**
 * A readable API reference rendered on the server from the OpenAPI document: no CDN, no
 * script, so it works offline and under a CSP that allows only our own stylesheet.
 */
interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, unknown>[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: unknown }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
}
interface Document {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
}

export function renderDocsPage(document: Document): HtmlEscapedString | Promise<HtmlEscapedString> {
  const operations = Object.entries(document.paths ?? {}).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
  );
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${document.info.title} reference</title>
<link rel="stylesheet" href="/docs/docs.css">
</head>
<body>
<header><h1>${document.info.title} <small>v${document.info.version}</small></h1>
<p>${document.info.description ?? ''}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p></header>
<nav aria-label="Operations"><ul>${operations.map(({ path, method, operation }) => html`<li><a href="#${anchor(method, path)}"><code>${method.toUpperCase()} ${path}</code> ${operation.summary ?? ''}</a></li>`)}</ul></nav>
<main>
${operations.map(({ path, method, operation }) => html`<section id="${anchor(method, path)}">
<h2><span class="method">${method.toUpperCase()}</span> <code>${path}</code></h2>
<p><strong>${operation.summary ?? ''}</strong></p>
${operation.description ? html`<p>${operation.description}</p>` : ''}
<p>Authentication: ${authText(operation.security)}</p>
${operation.parameters?.length ? html`<h3>Parameters</h3><table><thead><tr><th>Name</th><th>In</th><th>Required</th><th>Schema</th><th>Description</th></tr></thead><tbody>
${operation.parameters.map((parameter) => html`<tr><td><code>${parameter.name}</code></td><td>${parameter.in}</td><td>${parameter.required ? 'yes' : 'no'}</td><td><code>${schemaText(parameter.schema)}</code></td><td>${parameter.description ?? ''}</td></tr>`)}
</tbody></table>` : ''}
${Object.entries(operation.requestBody?.content ?? {}).map(([type, media]) => html`<h3>Request body <code>${type}</code></h3><pre>${pretty(media.schema)}</pre>`)}
<h3>Responses</h3><dl>
${Object.entries(operation.responses ?? {}).map(([status, response]) => html`<dt><code>${status}</code> ${response.description ?? ''}</dt>
<dd>${Object.values(response.content ?? {}).map((media) => html`<pre>${pretty(media.schema)}</pre>`)}</dd>`)}
</dl></section>`)}
<section id="schemas"><h2>Schemas</h2>
${Object.entries(document.components?.schemas ?? {}).map(([name, schema]) => html`<h3 id="schema-${name}">${name}</h3><pre>${pretty(schema)}</pre>`)}
</section>
</main>
</body></html>`;
}

function anchor(method: string, path: string): string {
  return `${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, '-');
}

function authText(security: Record<string, unknown>[] | undefined) {
  if (!security?.length) return 'none';
  return raw(security.map((requirement) => Object.keys(requirement).map((name) => `<code>${name}</code>`).join(' + ')).join(' or '));
}

function schemaText(schema: unknown): string {
  const value = schema as { type?: string; $ref?: string; enum?: unknown[] } | undefined;
  if (value?.$ref) return value.$ref.split('/').pop() ?? '';
  if (value?.enum) return value.enum.join(' | ');
  return value?.type ?? '';
}

function pretty(schema: unknown): string {
  return JSON.stringify(schema ?? {}, null, 2);
}

export const DOCS_STYLESHEET = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
body { max-width: 70rem; margin: 0 auto; padding: 1rem 1.5rem 4rem; }
h1 small { font-weight: normal; color: GrayText; }
section { border-top: 1px solid #8884; padding-top: 1rem; margin-top: 2rem; }
.method { display: inline-block; min-width: 4.5rem; padding: 0 .4rem; border-radius: .3rem; background: #0a5; color: #fff; font-size: .9em; text-align: center; }
pre { background: #8881; padding: .75rem; overflow: auto; border-radius: .4rem; font-size: .85rem; }
table { border-collapse: collapse; } th, td { border: 1px solid #8884; padding: .25rem .5rem; text-align: left; }
nav ul { columns: 2; } a { color: LinkText; }
`;
