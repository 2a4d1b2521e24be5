import { createRouter } from '../../http/router.ts';
import { get, put } from './sign-up-settings.handlers.ts';
import { getSignUpSettingsRoute, putSignUpSettingsRoute } from './sign-up-settings.routes.ts';

/** `GET/PUT /v1/sign-up-settings`: a tenant environment's sign-up rules (secret key, or an owner's or admin's token). */
export const signUpSettingsRouter = createRouter().openapi(getSignUpSettingsRoute, get).openapi(putSignUpSettingsRoute, put);
