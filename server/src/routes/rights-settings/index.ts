import { createRouter } from '../../http/router.ts';
import type { FieldEncryption } from '../../secrets/field-encryption.ts';
import { rightsSettingsHandlers } from './rights-settings.handlers.ts';
import { getRightsSettingsRoute, putRightsSettingsRoute } from './rights-settings.routes.ts';

/** A tenant environment's settings for privacy-rights requests (secret key). */
export function rightsSettingsRouter(encryption: FieldEncryption) {
  const handlers = rightsSettingsHandlers(encryption);
  return createRouter().openapi(getRightsSettingsRoute, handlers.get).openapi(putRightsSettingsRoute, handlers.put);
}
