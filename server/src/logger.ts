import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. By rule they carry no personal data but the client IP: no emails,
 * names, query strings or bodies. Request lines log the route pattern, not the raw path.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({
    level,
    base: { service: 'porttask-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: ['email', '*.email', 'password', '*.password', 'authorization', '*.authorization'], censor: '[redacted]' },
  }, destination);
}
