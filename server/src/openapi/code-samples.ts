import type { RouteConfig } from '@hono/zod-openapi';
import type * as z from 'zod';
import { exampleOf } from './responses.ts';

/**
 * The `@porttask/sdk` statement(s) of an operation, e.g.
 * `const record = await client.consents.record($body);`. `$body` becomes the request body's
 * example, `$<name>` a path parameter's example. `client` is created by the sample's first lines.
 */
export type SdkCall = string;

interface CodeSample {
  lang: string;
  label: string;
  source: string;
}

/**
 * `x-codeSamples` (read by the API reference): a curl command and, where the SDK has the
 * call, the SDK's. Both read the API's URL and the key from environment variables, so they
 * run as they are once those are set.
 */
export function codeSamples(route: Omit<RouteConfig, 'operationId'>, sdk: SdkCall | null): CodeSample[] {
  const secret = route.security?.length === 1 && 'secretKey' in route.security[0]!;
  const parameters = pathParameterExamples(route);
  const body = requestBodyExample(route);
  const samples: CodeSample[] = [{ lang: 'Shell', label: 'curl', source: curlSample(route, parameters, body, secret) }];
  if (sdk !== null) samples.push({ lang: 'JavaScript', label: '@porttask/sdk', source: sdkSample(sdk, parameters, body, secret) });
  return samples;
}

function curlSample(route: Omit<RouteConfig, 'operationId'>, parameters: Record<string, string>, body: { type: string; example: unknown } | undefined, secret: boolean): string {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(parameters[name] ?? name));
  const lines = [`curl${route.method === 'get' ? '' : ` -X ${route.method.toUpperCase()}`} "$PORTTASK_API_URL${path}${requiredQuery(route)}"`];
  if (route.security?.length) lines.push(secret ? '-H "Authorization: Bearer $PORTTASK_SECRET_KEY"' : '-H "X-PortTask-Key: $PORTTASK_PUBLISHABLE_KEY"');
  for (const [name, example] of requiredHeaders(route)) lines.push(`-H "${name}: ${example}"`);
  if (body) {
    lines.push(`-H "Content-Type: ${body.type}"`);
    if (route.method === 'post') lines.push('-H "Idempotency-Key: $(uuidgen)"');
    const text = typeof body.example === 'string' ? body.example : JSON.stringify(body.example);
    lines.push(`--data-binary '${text.replaceAll("'", "'\\''")}'`);
  }
  return lines.join(' \\\n  ');
}

function sdkSample(call: SdkCall, parameters: Record<string, string>, body: { example: unknown } | undefined, secret: boolean): string {
  const key = secret ? 'secretKey: process.env.PORTTASK_SECRET_KEY' : 'publishableKey: process.env.PORTTASK_PUBLISHABLE_KEY';
  const statement = call
    .replace('$body', body ? JSON.stringify(body.example, null, 2) : '{}')
    .replace(/\$(\w+)/g, (token, name: string) => (name in parameters ? JSON.stringify(parameters[name]) : token));
  return `import { createClient } from '@porttask/sdk';\n\nconst client = createClient({ apiUrl: process.env.PORTTASK_API_URL, ${key} });\n${statement}`;
}

function shapeOf(schema: unknown): Record<string, z.ZodType> {
  return ((schema as { shape?: Record<string, z.ZodType> } | undefined)?.shape) ?? {};
}

function pathParameterExamples(route: Omit<RouteConfig, 'operationId'>): Record<string, string> {
  return Object.fromEntries(Object.entries(shapeOf(route.request?.params)).map(([name, schema]) => [name, String(metaExample(schema) ?? name)]));
}

/** Required query parameters, with their examples (`?subjectId=…`). */
function requiredQuery(route: Omit<RouteConfig, 'operationId'>): string {
  const required = Object.entries(shapeOf(route.request?.query)).filter(([, schema]) => !schema.safeParse(undefined).success);
  if (required.length === 0) return '';
  return `?${required.map(([name, schema]) => `${name}=${encodeURIComponent(String(metaExample(schema) ?? name))}`).join('&')}`;
}

/** Headers the operation requires (the requester token), named as documented, with their examples. */
function requiredHeaders(route: Omit<RouteConfig, 'operationId'>): Array<[string, string]> {
  return Object.entries(shapeOf(route.request?.headers))
    .filter(([, schema]) => !schema.safeParse(undefined).success)
    .map(([name, schema]) => [headerName(name), String(metaExample(schema) ?? name)]);
}

/** `x-porttask-requester-token` → `X-PortTask-Requester-Token`. */
function headerName(lowerCase: string): string {
  return lowerCase.split('-').map((part) => (part === 'porttask' ? 'PortTask' : `${part[0]?.toUpperCase() ?? ''}${part.slice(1)}`)).join('-');
}

function requestBodyExample(route: Omit<RouteConfig, 'operationId'>): { type: string; example: unknown } | undefined {
  const content = route.request?.body?.content;
  if (!content) return undefined;
  const [type, media] = Object.entries(content)[0] as [string, { example?: unknown; schema: z.ZodType }];
  const example = media.example ?? exampleOf(media.schema);
  return example === undefined ? undefined : { type, example };
}

function metaExample(schema: z.ZodType): unknown {
  const meta = schema.meta() as { example?: unknown; examples?: unknown[] } | undefined;
  return meta?.example ?? meta?.examples?.[0];
}
