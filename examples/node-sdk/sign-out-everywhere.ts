/**
 * A partner's server signing a person out everywhere (a lost phone, a suspected takeover):
 * every session and every sign-in of <porttask-login> of the account ends; its pages get
 * `porttask-logout` at their next token renewal. The account can sign in again.
 *
 *   npm start                              # prints the demo secret key
 *   PORTTASK_SECRET_KEY=sk_test_… node --conditions=source --import tsx examples/node-sdk/sign-out-everywhere.ts harbourmaster@portal.example
 *
 * The argument is the account's email (looked up with client.users.list) or its id. Exit 1
 * when the key's tenant environment has no such account.
 */
import { createClient, NotFoundError } from '@porttask/sdk';

const secretKey = process.env.PORTTASK_SECRET_KEY;
const wanted = process.argv[2];
if (!secretKey || !wanted) {
  console.error('usage: PORTTASK_SECRET_KEY=sk_… sign-out-everywhere.ts <email or account id>');
  process.exit(2);
}
const client = createClient({ apiUrl: process.env.PORTTASK_API_URL ?? 'http://localhost:8787', secretKey });

async function accountId(emailOrId: string): Promise<string | undefined> {
  if (!emailOrId.includes('@')) return emailOrId;
  for await (const user of client.users.list({ limit: 200 })) {
    if (user.email.toLowerCase() === emailOrId.toLowerCase()) return user.id;
  }
  return undefined;
}

try {
  const id = await accountId(wanted);
  if (!id) throw new NotFoundError(`No account ${wanted}.`, 404, 'NOT_FOUND', undefined);
  const { sessionsEnded, signInsRevoked } = await client.users.signOut(id);
  console.log(`${wanted} is signed out everywhere: ${signInsRevoked} sign-ins of the login and ${sessionsEnded} sessions ended.`);
} catch (error) {
  if (!(error instanceof NotFoundError)) throw error;
  console.error(`No account ${wanted} in this key's tenant environment.`);
  process.exit(1);
}
