import { HttpCore, type ClientOptions } from './core/http.ts';
import { ApiKeysResource } from './resources/api-keys.ts';
import { ConfigResource } from './resources/config.ts';
import { ConsentsResource } from './resources/consents.ts';
import { AuditResource } from './resources/audit.ts';
import { AuthResource } from './resources/auth.ts';
import { UsersResource } from './resources/users.ts';
import { PortCallsResource } from './resources/port-calls.ts';
import { PortsResource } from './resources/ports.ts';
import { RightsRequestsResource } from './resources/rights-requests.ts';
import { RightsSettingsResource } from './resources/rights-settings.ts';
import { SignUpSettingsResource } from './resources/sign-up-settings.ts';
import { VesselsResource } from './resources/vessels.ts';
import { WebhookEndpointsResource } from './resources/webhook-endpoints.ts';

/** One client per key; resources hang off it: `client.config.get()`. */
export class PortTaskClient {
  readonly config: ConfigResource;
  readonly portCalls: PortCallsResource;
  readonly ports: PortsResource;
  readonly vessels: VesselsResource;
  readonly consents: ConsentsResource;
  readonly apiKeys: ApiKeysResource;
  readonly audit: AuditResource;
  readonly users: UsersResource;
  readonly auth: AuthResource;
  readonly rightsRequests: RightsRequestsResource;
  readonly rightsSettings: RightsSettingsResource;
  readonly signUpSettings: SignUpSettingsResource;

  readonly webhookEndpoints: WebhookEndpointsResource;

  constructor(options: ClientOptions) {
    const http = new HttpCore(options);
    this.config = new ConfigResource(http);
    this.portCalls = new PortCallsResource(http);
    this.ports = new PortsResource(http);
    this.vessels = new VesselsResource(http);
    this.consents = new ConsentsResource(http);
    this.apiKeys = new ApiKeysResource(http);
    this.audit = new AuditResource(http);
    this.users = new UsersResource(http);
    this.auth = new AuthResource(http);
    this.rightsRequests = new RightsRequestsResource(http);
    this.rightsSettings = new RightsSettingsResource(http);
    this.signUpSettings = new SignUpSettingsResource(http);

    this.webhookEndpoints = new WebhookEndpointsResource(http);
  }
}

export function createClient(options: ClientOptions): PortTaskClient {
  return new PortTaskClient(options);
}
