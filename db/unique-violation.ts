// Recognises a unique-constraint violation from either driver (drizzle may wrap it in `cause`).

export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return true;
    if (code === '23505') return true; // PostgreSQL unique_violation
  }
  return false;
}
