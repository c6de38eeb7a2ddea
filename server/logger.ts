import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';

/** Structured JSON logs; pretty-printed only when a person is watching a terminal in development. */
export function createLogger(cfg: Pick<Config, 'LOG_LEVEL' | 'NODE_ENV'>, name = 'credit-linkage'): Logger {
  const pretty = cfg.NODE_ENV === 'development' && process.stdout.isTTY;
  return pino({
    name,
    level: cfg.LOG_LEVEL,
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
  });
}
