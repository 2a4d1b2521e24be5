import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface LoginAsset {
  body: string;
  contentType: string;
  /** `/embed/assets/<name>.<hash>.<ext>`: cached for a year, replaced by a new name when it changes. */
  path: string;
}

function asset(file: string, contentType: string): LoginAsset {
  const body = readFileSync(new URL(`./assets/${file}`, import.meta.url), 'utf8');
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  const [name, extension] = [file.slice(0, file.lastIndexOf('.')), file.slice(file.lastIndexOf('.') + 1)];
  return { body, contentType, path: `/embed/assets/${name}.${hash}.${extension}` };
}

/** The frame's script and stylesheet, read once, under content-hashed names. */
export const loginAssets = {
  script: asset('login-frame.js', 'text/javascript; charset=utf-8'),
  style: asset('login-frame.css', 'text/css; charset=utf-8'),
  resetScript: asset('login-reset.js', 'text/javascript; charset=utf-8'),
  secondFactorScript: asset('login-frame-second-factor.js', 'text/javascript; charset=utf-8'),
};
