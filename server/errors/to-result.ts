// Runs domain work for an action and turns its outcome into the typed result the browser gets.
// Only our own messages (DomainError) reach a person; anything else is logged under an error id.
import { randomUUID } from 'node:crypto';
import { logger } from '../log/logger';
import { DomainError, type Result } from './domain-error';

export async function toResult<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    if (error instanceof DomainError) {
      return {
        ok: false,
        error: {
          code: error.code,
          message: error.message,
          ...(error.fields && { fields: error.fields }),
        },
      };
    }
    const errorId = randomUUID().slice(0, 8);
    logger.error('unexpected error in an action', { errorId, error });
    return {
      ok: false,
      error: {
        code: 'internal',
        message: `Something went wrong on our side (error id ${errorId}). Try again; if it keeps happening, give this id to your platform operator.`,
      },
    };
  }
}
