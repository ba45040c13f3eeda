import { pino } from 'pino';

export type Logger = pino.Logger;

/** JSON lines on stdout. Request bodies, tokens and keys are never passed to it. */
export function createLogger(level: string = 'info'): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
}

export const silentLogger: Logger = pino({ level: 'silent' });
