import { parseArgs, type ParseArgsConfig } from 'node:util';
import type * as z from 'zod';
import type { Env } from '../env.ts';
import type { Logger } from '../logger.ts';
import { openDatabase, type OpenedDatabase } from '../runtime/open-database.ts';
import { UsageError } from './output.ts';

export interface CommandContext {
  env: Env;
  logger: Logger;
}
export type Command = (args: string[], context: CommandContext) => Promise<void>;

export type ParsedOptions = Record<string, unknown> & { json: boolean };

/**
 * Parses a command's options (`--json` is every command's) and up to `positionals` bare
 * arguments (e.g. a key id), as a usage error when wrong.
 */
export function parseOptions(args: string[], options: NonNullable<ParseArgsConfig['options']>, usage: string, positionals = 0): { values: ParsedOptions; positionals: string[] } {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options: { ...options, json: { type: 'boolean', default: false } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${usage}`);
  }
  if (parsed.positionals.length > positionals) throw new UsageError(`unexpected argument "${parsed.positionals[positionals]}"\n${usage}`);
  return { values: parsed.values as ParsedOptions, positionals: parsed.positionals };
}

/** A flag's value checked against a contract schema, or a usage error naming the flag. */
export function check<Schema extends z.ZodType>(schema: Schema, value: unknown, flag: string): z.infer<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) throw new UsageError(`--${flag}: ${result.error.issues.map((issue) => issue.message).join('; ')}`);
  return result.data;
}

/**
 * Opens the database a command works on and says which one on stderr (stdout stays the
 * command's output, JSON with --json). Only `start`, `serve` and `migrate` may create it.
 */
export async function openForCommand(context: CommandContext, options: { migrate?: boolean; createCluster?: boolean } = {}): Promise<OpenedDatabase> {
  const db = await openDatabase(context.env, context.logger, options);
  process.stderr.write(`porttask: database: ${db.description}\n`);
  return db;
}

/** Runs `work` with the owner connection of the command's database, then closes it. */
export async function withOwner<T>(context: CommandContext, work: (owner: OpenedDatabase['owner']) => Promise<T>): Promise<T> {
  const db = await openForCommand(context);
  try {
    return await work(db.owner);
  } finally {
    await db.close();
  }
}

/** `24h`, `90m`, `7d`, `3600s` or a number of seconds, as seconds. */
export function parseDuration(text: string, flag: string): number {
  const match = /^(\d{1,9})\s*(s|m|h|d)?$/i.exec(text.trim());
  if (!match) throw new UsageError(`--${flag}: must be a duration like 24h, 90m, 7d or 0 (got "${text}")`);
  const unit = { s: 1, m: 60, h: 3600, d: 86_400 }[(match[2] ?? 's').toLowerCase() as 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}
