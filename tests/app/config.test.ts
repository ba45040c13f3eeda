import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../api/config.ts';

describe('configuration', () => {
  it('an empty environment gives the documented defaults', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(8080);
    expect(config.DATA_DIR).toBe('./data');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.ALLIANCE_DEMO).toBe(true);
    expect(config.ALLIANCE_TIMEZONE).toBe('Asia/Shanghai');
  });

  it('an empty string counts as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).PORT).toBe(8080);
  });

  it.each([
    ['PORT', 'eighty'],
    ['DATABASE_URL', 'mysql://localhost/x'],
    ['ALLIANCE_DEMO', 'maybe'],
    ['ALLIANCE_TIMEZONE', 'Mars/Olympus'],
    ['ALLIANCE_MASTER_KEY', 'short'],
    ['ALLIANCE_ADMIN_EMAIL', 'not-an-email'],
  ])('a bad %s is refused with a message naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrowError(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrowError(new RegExp(`${name}:`));
  });

  it('an admin password without an admin e-mail is refused', () => {
    expect(() => loadConfig({ ALLIANCE_ADMIN_PASSWORD: 'long enough password' })).toThrowError(
      /ALLIANCE_ADMIN_EMAIL/,
    );
  });

  it('ALLIANCE_DEMO=0 turns the demo off', () => {
    expect(loadConfig({ ALLIANCE_DEMO: '0' }).ALLIANCE_DEMO).toBe(false);
  });
});
