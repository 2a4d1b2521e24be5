import { createClient, type PortTaskClient } from '@porttask/sdk';

/** One SDK client per API + key for the whole page, shared by every element that uses them. */
const clients = new Map<string, PortTaskClient>();

/** `https://api.example/` and `https://api.example` are the same API. */
export function normalizeApiUrl(apiUrl: string): string {
  return apiUrl.replace(/\/+$/, '');
}

export function connectionKey(apiUrl: string, publishableKey: string): string {
  return `${normalizeApiUrl(apiUrl)} ${publishableKey}`;
}

export function sharedClient(apiUrl: string, publishableKey: string): PortTaskClient {
  const key = connectionKey(apiUrl, publishableKey);
  let client = clients.get(key);
  if (!client) {
    client = createClient({ apiUrl: normalizeApiUrl(apiUrl), publishableKey });
    clients.set(key, client);
  }
  return client;
}
