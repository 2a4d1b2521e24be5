import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface LoginAsset {
  body: string;
  contentType: string;
  /** `/embed/assets/<name>.<hash>.<ext>`: cached for a year, replaced by a new name when it changes. */
  path: string;
}

/** `imports`: module specifiers in the file replaced by the versioned paths they name. */
function asset(file: string, contentType: string, imports: Record<string, LoginAsset> = {}): LoginAsset {
  let body = readFileSync(new URL(`./assets/${file}`, import.meta.url), 'utf8');
  for (const [specifier, imported] of Object.entries(imports)) body = body.replaceAll(`'${specifier}'`, `'${imported.path}'`);
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  const [name, extension] = [file.slice(0, file.lastIndexOf('.')), file.slice(file.lastIndexOf('.') + 1)];
  return { body, contentType, path: `/embed/assets/${name}.${hash}.${extension}` };
}

const secondFactorScript = asset('login-frame-second-factor.js', 'text/javascript; charset=utf-8');
/** What only sign-ups below the age of digital consent need: the frame's script imports it when the sign-up form is used. */
const guardianScript = asset('login-frame-guardian.js', 'text/javascript; charset=utf-8');

/** The frame's script and stylesheet, read once, under content-hashed names. */
export const loginAssets = {
  script: asset('login-frame.js', 'text/javascript; charset=utf-8', { './login-frame-guardian.js': guardianScript }),
  guardianScript,
  style: asset('login-frame.css', 'text/css; charset=utf-8'),
  resetScript: asset('login-reset.js', 'text/javascript; charset=utf-8'),
  secondFactorScript,
  /** The account-security view's script (that mode only); it imports the second factor's helpers. */
  securityScript: asset('login-frame-security.js', 'text/javascript; charset=utf-8', { './login-frame-second-factor.js': secondFactorScript }),
};
