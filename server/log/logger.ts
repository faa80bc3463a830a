// Structured JSON log lines on stderr, with secrets redacted before anything is written.
import { redactSecrets } from './redact-secrets';

type Level = 'info' | 'warn' | 'error';

function write(level: Level, message: string, context: Record<string, unknown> = {}): void {
  const line = JSON.stringify({
    level,
    time: new Date().toISOString(),
    message,
    ...redactSecrets(context),
  });
  process.stderr.write(`${line}\n`);
}

export const logger = {
  info: (message: string, context?: Record<string, unknown>) => write('info', message, context),
  warn: (message: string, context?: Record<string, unknown>) => write('warn', message, context),
  error: (message: string, context?: Record<string, unknown>) => write('error', message, context),
};
