import { destination, type DestinationStream } from 'pino';

/**
 * Where the `porttask` process logs: stderr, so stdout carries only what a command prints
 * (the welcome text of `npm start`, a command's result, JSON with --json). In a terminal the
 * lines are made readable by pino-pretty; piped or collected (systemd, Docker, a log
 * shipper) they stay one JSON object per line.
 */
export async function logDestination(stderr: NodeJS.WriteStream = process.stderr): Promise<DestinationStream> {
  if (!stderr.isTTY) return destination({ dest: 2, sync: true });
  const { default: pretty } = await import('pino-pretty');
  return pretty({ destination: 2, sync: true, colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' });
}
