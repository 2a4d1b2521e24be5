import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: http.IncomingHttpHeaders;
  body: string;
  at: Date;
}

/**
 * A real HTTP receiver on a loopback port, for webhook tests: it records every POST and
 * answers with the next of `answers` (then the last one again), or hangs without answering
 * when that answer is `'hang'`. `Location` goes with a 3xx.
 */
export async function startWebhookReceiver(options: { answers?: Array<number | 'hang'> } = {}) {
  const received: ReceivedWebhook[] = [];
  let answers = options.answers ?? [200];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => { body += chunk; });
    request.on('end', () => {
      received.push({ headers: request.headers, body, at: new Date() });
      const answer = answers.length > 1 ? answers.shift()! : answers[0]!;
      if (answer === 'hang') {
        hanging.add(response);
        return;
      }
      response.writeHead(answer, answer >= 300 && answer < 400 ? { Location: `http://127.0.0.1:${port}/elsewhere` } : {});
      response.end(answer < 300 ? '{"ok":true}' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    received,
    port,
    url: `http://127.0.0.1:${port}/porttask-webhooks`,
    /** From now on, answer these (in order, the last one repeated). */
    answer(next: Array<number | 'hang'>) {
      answers = [...next];
    },
    close: () => new Promise<void>((resolve) => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
