import type { Sql } from '../db/connection.ts';

export interface PlaintextFinding {
  table: string;
  needle: string;
}

/**
 * What a dump of the database would show: every row of every table in the public schema, as
 * PostgreSQL prints it (bytea as hex), searched for each needle as text and as hex. Used to
 * prove personal data is stored encrypted.
 */
export async function findPlaintext(owner: Sql, needles: readonly string[]): Promise<PlaintextFinding[]> {
  const tables = await owner<{ table_name: string }[]>`
    SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`;
  const findings: PlaintextFinding[] = [];
  for (const { table_name: table } of tables) {
    // The table name comes from the catalogue, not from input.
    const rows = await owner.unsafe<{ row: string }[]>(`SELECT t::text AS row FROM public."${table.replaceAll('"', '""')}" t`);
    const dump = rows.map((row) => row.row.toLowerCase()).join('\n');
    for (const needle of needles) {
      const asText = needle.toLowerCase();
      const asHex = Buffer.from(needle, 'utf8').toString('hex');
      if (dump.includes(asText) || dump.includes(asHex)) findings.push({ table, needle });
    }
  }
  return findings;
}
