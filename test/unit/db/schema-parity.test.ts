// The SQLite and PostgreSQL schemas are written twice (drizzle has one table builder per
// dialect); this keeps them the same shape, so the domain code written once fits both.
import { getTableConfig as getPgTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as getSqliteTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as postgres from '@/db/schema/postgres';
import * as sqlite from '@/db/schema/sqlite';

interface Shape {
  name: string;
  columns: Record<
    string,
    { notNull: boolean; hasDefault: boolean; primary: boolean; enum?: string[] }
  >;
  indexes: string[];
  foreignKeys: number;
}

function shapeOf(
  config: ReturnType<typeof getSqliteTableConfig> | ReturnType<typeof getPgTableConfig>,
): Shape {
  return {
    name: config.name,
    columns: Object.fromEntries(
      config.columns.map((c) => [
        c.name,
        {
          notNull: c.notNull,
          hasDefault: c.hasDefault,
          primary: c.primary,
          ...(c.enumValues && { enum: [...c.enumValues] }),
        },
      ]),
    ),
    indexes: config.indexes.map((i) => i.config.name ?? '(unnamed)').sort(),
    foreignKeys: config.foreignKeys.length,
  };
}

describe('schema parity', () => {
  it('declares the same tables in both dialects', () => {
    expect(Object.keys(postgres).sort()).toEqual(Object.keys(sqlite).sort());
  });

  it.each(Object.keys(sqlite))('%s has the same columns, defaults, indexes and keys', (table) => {
    const lite = shapeOf(getSqliteTableConfig(sqlite[table as keyof typeof sqlite] as SQLiteTable));
    const pg = shapeOf(getPgTableConfig(postgres[table as keyof typeof postgres] as PgTable));
    expect(pg).toEqual(lite);
  });
});
