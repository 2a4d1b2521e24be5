import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import type { Env } from '../env.ts';
import type { Logger } from '../logger.ts';
import { AuditKeys, rawPublicKey } from '../login-audit/audit-keys.ts';
import { exportChain } from '../login-audit/chain-export.ts';
import { sealChain, verifyChains } from '../login-audit/chain-maintenance.ts';
import { listChains } from '../login-audit/login-audit.queries.ts';
import { openDatabase } from '../runtime/open-database.ts';
import { loadMasterKey } from '../secrets/master-key.ts';
import { printResult, UsageError } from './output.ts';

const USAGE = `usage: porttask audit verify [--tenant ID] [--environment test|live] [--json]
       porttask audit export --tenant ID [--environment test|live] [--out FILE]
       porttask audit checkpoint [--tenant ID]     sign checkpoints for quiet chains now
       porttask audit public-key [--json]          the key that signs checkpoints`;

interface Context { env: Env; logger: Logger }

function options(args: string[]) {
  try {
    return parseArgs({
      args, allowPositionals: false, strict: true,
      options: { tenant: { type: 'string' }, environment: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean', default: false } },
    }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
}

function environmentOf(value: string | undefined): 'test' | 'live' | undefined {
  if (value === undefined || value === 'test' || value === 'live') return value;
  throw new UsageError('--environment must be test or live.');
}

/**
 * `porttask audit …`: the login audit trail from the command line. verify exits 0 when every
 * chain is intact, 1 naming the first bad record otherwise; export writes what
 * tools/verify-audit-export.mjs checks offline.
 */
export async function auditCommand([action, ...args]: string[], context: Context): Promise<void> {
  if (!['verify', 'export', 'checkpoint', 'public-key'].includes(action ?? '')) throw new UsageError(USAGE);
  const values = options(args);
  const environment = environmentOf(values.environment);
  const keys = new AuditKeys(loadMasterKey(context.env));
  if (action === 'public-key') {
    const publicKey = { keyId: keys.signing.keyId, algorithm: 'Ed25519', publicKey: rawPublicKey(keys.signing.publicKey).toString('base64url') };
    printResult(values.json, publicKey, () => `${publicKey.keyId}  Ed25519  ${publicKey.publicKey}`);
    return;
  }
  const db = await openDatabase(context.env, context.logger);
  try {
    if (action === 'verify') {
      const results = await verifyChains(db.owner, keys, { tenantId: values.tenant, environment });
      const bad = results.find((result) => !result.intact);
      printResult(values.json, { intact: !bad, chains: results }, () => [
        ...results.map((result) => `${result.intact ? 'intact  ' : 'TAMPERED'} ${result.tenantId}/${result.environment}: ${result.eventsChecked} events, ${result.checkpointsChecked} checkpoints${result.fault ? `\n  ${result.fault.kind}${result.fault.sequence ? ` at record ${result.fault.sequence}` : ''}: ${result.fault.message}` : ''}`),
        results.length === 0 ? 'No login audit chains yet.' : bad ? 'The login audit trail has been tampered with.' : 'Every login audit chain is intact.',
      ].join('\n'));
      // Exit 1 (cli.ts turns a thrown error into it, after closing the database below).
      if (bad) throw new Error(`login audit chain ${bad.tenantId}/${bad.environment} fails verification: ${bad.fault!.kind} at ${bad.fault!.sequence ? `record ${bad.fault!.sequence}` : `checkpoint #${bad.fault!.checkpoint}`}.`);
    } else if (action === 'checkpoint') {
      const chains = await listChains(db.owner, values.tenant);
      let signed = 0;
      for (const chain of chains) if (await sealChain(db.owner, keys, chain, 'now')) signed += 1;
      printResult(values.json, { chains: chains.length, signed }, () => `Signed ${signed} checkpoint(s) over ${chains.length} chain(s).`);
    } else {
      if (!values.tenant) throw new UsageError(`export needs --tenant.\n${USAGE}`);
      const scope = { tenantId: values.tenant, environment: environment ?? 'live' };
      // Sign the newest rows first, so the whole export is covered by a signature. A chain
      // whose unsigned rows were changed is still exported (it is the evidence), unsigned.
      try {
        await sealChain(db.owner, keys, scope, 'now');
      } catch (error) {
        process.stderr.write(`porttask audit export: ${(error as Error).message}\n`);
      }
      const out = values.out ? createWriteStream(values.out) : process.stdout;
      for await (const line of exportChain(db.owner, keys, scope)) {
        if (!out.write(`${line}\n`)) await once(out, 'drain');
      }
      if (values.out) {
        (out as ReturnType<typeof createWriteStream>).end();
        await once(out, 'finish');
        process.stderr.write(`Wrote ${values.out}; verify it with: node tools/verify-audit-export.mjs ${values.out} --key ${keys.signing.keyId}\n`);
      }
    }
  } finally {
    await db.close();
  }
}
