import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '@/server/config/config';

describe('parseConfig', () => {
  it('runs on embedded defaults: SQLite under ./data and the sandbox base domain', () => {
    const config = parseConfig({});
    expect(config.database).toEqual({
      dialect: 'sqlite',
      file: expect.stringMatching(/data\/zonekeeper\.sqlite$/),
    });
    expect(config.ZK_BASE_DOMAIN).toBe('zonekeeper.test');
  });

  it('selects PostgreSQL for a postgres:// URL', () => {
    const config = parseConfig({ DATABASE_URL: 'postgres://zk@db.internal:5432/zonekeeper' });
    expect(config.database).toEqual({
      dialect: 'postgres',
      url: 'postgres://zk@db.internal:5432/zonekeeper',
    });
  });

  it('treats an empty variable as unset', () => {
    expect(parseConfig({ ZK_BASE_DOMAIN: '' }).ZK_BASE_DOMAIN).toBe('zonekeeper.test');
  });

  it('names the variable and what is expected, without echoing its value', () => {
    const error = (() => {
      try {
        parseConfig({ DATABASE_URL: 'mysql://root:hunter2@db/zk', ZK_BASE_DOMAIN: 'Not A Domain' });
      } catch (e) {
        return e;
      }
    })() as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/DATABASE_URL: expected file:<path> .* or postgres:\/\//);
    expect(error.message).toMatch(/ZK_BASE_DOMAIN: expected a DNS name/);
    expect(error.message).not.toContain('hunter2');
  });

  it('lower-cases the base domain, as DNS names compare case-insensitively', () => {
    expect(parseConfig({ ZK_BASE_DOMAIN: 'Platform.Example.COM' }).ZK_BASE_DOMAIN).toBe(
      'platform.example.com',
    );
  });
});
