import * as z from 'zod';
import { Environment, OriginInput, WebOrigin, isoDateTime } from './common.ts';
import { apiKeyExamples } from './examples/api-keys.ts';

/*
 * API keys as a secret key manages them (`/v1/api-keys`): list, change allowed origins and
 * label, roll (Stripe's model: a replacement now, the old key expires later). A secret key
 * sees and changes only the keys of its own tenant and environment.
 */

export const ApiKeyId = z.string().max(24).regex(/^key_[0-9a-z]{20}$/, 'must be a key id like key_…').meta({ example: 'key_0b1c2d3e4f5g6h7i8j9k' });

export const ApiKeyKind = z.enum(['publishable', 'secret']).meta({ id: 'ApiKeyKind' });
export type ApiKeyKind = z.infer<typeof ApiKeyKind>;

export const ApiKeyStatus = z
  .enum(['active', 'expiring', 'expired', 'revoked'])
  .meta({ id: 'ApiKeyStatus', description: '`expiring`: rolled, works until `expiresAt`; `expired` and `revoked` keys are refused.' });
export type ApiKeyStatus = z.infer<typeof ApiKeyStatus>;

export const ApiKeyWarningCode = z.enum(['PUBLISHABLE_KEY_WITHOUT_ORIGINS', 'INSECURE_LIVE_ORIGIN']);

/** Something about a key that works as configured but probably not as meant. */
export const ApiKeyWarning = z
  .object({ code: ApiKeyWarningCode, message: z.string().max(500) })
  .meta({ id: 'ApiKeyWarning', description: 'The key works as configured, but probably not as meant.' });
export type ApiKeyWarning = z.infer<typeof ApiKeyWarning>;

export const ApiKey = z
  .object({
    id: ApiKeyId,
    kind: ApiKeyKind,
    environment: Environment,
    displayPrefix: z.string().max(17).meta({ description: 'Enough of the key to recognise it, never enough to use it.', example: 'pk_live_0b1c…9k2m' }),
    label: z.string().max(200).nullable(),
    allowedOrigins: z.array(WebOrigin).meta({ description: 'Publishable keys: the origins browsers may use it from (test keys also allow localhost). Empty for secret keys.' }),
    status: ApiKeyStatus,
    createdAt: isoDateTime(),
    expiresAt: isoDateTime().nullable().meta({ description: 'Set when the key was rolled: it works until then.' }),
    revokedAt: isoDateTime().nullable(),
    replacedBy: ApiKeyId.nullable().meta({ description: 'The key that replaced this one when it was rolled.' }),
    warnings: z.array(ApiKeyWarning),
  })
  .meta({ id: 'ApiKey', examples: [apiKeyExamples.key] });
export type ApiKey = z.infer<typeof ApiKey>;

/** A key as created: the only time its text (`token`) is ever shown. */
export const ApiKeyWithToken = ApiKey.extend({
  token: z.string().max(128).meta({ description: 'The key itself. Shown only in this answer; store it now (it is kept only as a hash).', example: 'sk_live_…' }),
}).meta({ id: 'ApiKeyWithToken' });
export type ApiKeyWithToken = z.infer<typeof ApiKeyWithToken>;

const MAX_ORIGINS_PER_CHANGE = 50;

export const ApiKeyUpdate = z
  .object({
    addOrigins: z.array(OriginInput).max(MAX_ORIGINS_PER_CHANGE).optional().meta({ description: 'Origins to allow (publishable keys only); normalised, duplicates ignored.' }),
    removeOrigins: z.array(OriginInput).max(MAX_ORIGINS_PER_CHANGE).optional().meta({ description: 'Origins to stop allowing; an origin the key does not have is ignored.' }),
    label: z.string().trim().max(200).nullable().optional().meta({ description: 'A name for the key; null clears it.' }),
  })
  .strict()
  .refine((update) => update.addOrigins !== undefined || update.removeOrigins !== undefined || update.label !== undefined, 'send addOrigins, removeOrigins or label')
  .meta({ id: 'ApiKeyUpdate', examples: [apiKeyExamples.update] });
export type ApiKeyUpdate = z.input<typeof ApiKeyUpdate>;

/** Longest a rolled key may keep working: long enough to deploy, short enough to matter. */
export const MAX_ROLL_EXPIRY_SECONDS = 7 * 24 * 3600;
export const DEFAULT_ROLL_EXPIRY_SECONDS = 24 * 3600;

export const ApiKeyRoll = z
  .object({
    expiresInSeconds: z
      .number()
      .int()
      .min(0)
      .max(MAX_ROLL_EXPIRY_SECONDS)
      .default(DEFAULT_ROLL_EXPIRY_SECONDS)
      .meta({ description: 'How long the old key keeps working: 0 (at once) to 604800 (7 days); default 86400 (24 hours).' }),
  })
  .strict()
  .meta({ id: 'ApiKeyRoll', examples: [apiKeyExamples.roll] });
export type ApiKeyRoll = z.input<typeof ApiKeyRoll>;

export const RolledApiKey = z
  .object({
    key: ApiKeyWithToken.meta({ description: 'The replacement: same kind, environment, origins and label.' }),
    previousKey: ApiKey.meta({ description: 'The rolled key, now with `expiresAt`.' }),
  })
  .meta({ id: 'RolledApiKey', examples: [apiKeyExamples.rolled] });
export type RolledApiKey = z.infer<typeof RolledApiKey>;
