/**
 * A closed-loop HTTP load over loopback: `connections` keep-alive connections, each sending its
 * next request as soon as the previous answer arrived, for a fixed time. Unlike autocannon it
 * times every request on its own and tags it with what was sent, so a bench can compare the
 * latency of request kinds sent in turns over the same connections (the same machine state).
 */
import http from 'node:http';

export interface Answer {
  status: number;
  body: string;
}

export interface Sample<Kind extends string> {
  kind: Kind;
  ms: number;
  answer: Answer;
}

export interface LoadResult<Kind extends string> {
  samples: Sample<Kind>[];
  seconds: number;
}

/** The next request to send, or undefined when there is nothing left to send. */
export type NextRequest<Kind extends string> = () => { kind: Kind; path: string; headers: Record<string, string>; body: string } | undefined;

export async function closedLoop<Kind extends string>(options: { baseUrl: string; connections: number; durationMs: number; next: NextRequest<Kind> }): Promise<LoadResult<Kind>> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const samples: Sample<Kind>[] = [];
  const started = performance.now();
  const deadline = started + options.durationMs;
  try {
    await Promise.all(Array.from({ length: options.connections }, async () => {
      while (performance.now() < deadline) {
        const request = options.next();
        if (!request) return;
        const sent = performance.now();
        const answer = await post(agent, new URL(request.path, options.baseUrl), request.headers, request.body);
        samples.push({ kind: request.kind, ms: performance.now() - sent, answer });
      }
    }));
  } finally {
    agent.destroy();
  }
  return { samples, seconds: (performance.now() - started) / 1_000 };
}

function post(agent: http.Agent, url: URL, headers: Record<string, string>, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent, headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.setTimeout(30_000, () => request.destroy(new Error(`${url.pathname}: no answer within 30 s`)));
    request.on('error', reject);
    request.end(body);
  });
}

/** The value below which `fraction` of the sorted values lie (nearest rank). */
export function percentile(values: number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
}
