import { HttpCore, type ClientOptions } from './core/http.ts';
import { ConfigResource } from './resources/config.ts';
import { ConsentsResource } from './resources/consents.ts';

/** One client per key; resources hang off it: `client.config.get()`. */
export class PortTaskClient {
  readonly config: ConfigResource;
  readonly consents: ConsentsResource;

  constructor(options: ClientOptions) {
    const http = new HttpCore(options);
    this.config = new ConfigResource(http);
    this.consents = new ConsentsResource(http);
  }
}

export function createClient(options: ClientOptions): PortTaskClient {
  return new PortTaskClient(options);
}
