import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from './config.ts';
import { safeRequestSerializer } from './log-safety.ts';

/** Structured JSON logs; pretty-printed only when a person is watching a terminal in development. */
export function createLogger(
  cfg: Pick<Config, 'LOG_LEVEL' | 'NODE_ENV'>,
  name = 'credit-linkage',
  destination?: DestinationStream,
): Logger {
  const pretty = !destination && cfg.NODE_ENV === 'development' && process.stdout.isTTY;
  const options: pino.LoggerOptions = {
    name,
    level: cfg.LOG_LEVEL,
    // Request URLs may carry a resident ID number (search, check): masked before they are written.
    serializers: { req: safeRequestSerializer },
    // Personal data never reaches the logs, whichever object a caller passes.
    redact: {
      paths: ['*.idNumber', '*.password', 'req.headers.authorization', 'req.headers.cookie'],
      censor: '[redacted]',
    },
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' },
          },
        }
      : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}
