/**
 * Logs never carry what people typed: a database error on the server logs the statement, the
 * SQLSTATE and the constraint, not the parameters (names, phone numbers) nor values quoted in
 * PostgreSQL's own message.
 */
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { enrollmentCodes } from '../../api/db/schema/index.ts';
import { legacyEnrollmentCodeHash } from '../../api/directory/enrollment.ts';
import { createTestApi, type TestApi } from '../helpers/api.ts';

describe('what the logs keep', () => {
  let api: TestApi;
  const lines: string[] = [];
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    api = await createTestApi();
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    app = createApp({
      db: api.database.db,
      allianceId: api.allianceId,
      masterKey: api.masterKey,
      clock: api.clock,
      logger: pino({ level: 'info' }, sink),
    });
  });
  afterAll(() => api.close());

  it('a failing statement is logged without its parameters or the values in the driver’s message', async () => {
    const token = await api.login();
    // A rule the application does not know, so the database refuses what the schema let through.
    await api.database.db.execute(
      sql.raw(`alter table residents add constraint no_secret_names check (name not like '%秘密%')`),
    );
    const res = await app.request('/v1/residents', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: '秘密的王秀兰', phone: '13912345678' }),
    });
    expect(res.status).toBe(500);
    const logged = lines.join('\n');
    const entry = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'unhandled error');
    expect(entry.err).toMatchObject({ code: '23514', constraint: 'no_secret_names', table: 'residents' });
    expect(entry.err.query).toMatch(/^insert into "residents"/);
    expect(logged).not.toContain('王秀兰');
    expect(logged).not.toContain('13912345678');
    await api.database.db.execute(sql.raw('alter table residents drop constraint no_secret_names'));
  });

  it('an enrollment code issued before codes were keyed still enrolls until it expires', async () => {
    const token = await api.login();
    const created = await (
      await api.call('POST', '/v1/residents', { token, body: { name: '老码居民' } })
    ).json();
    await api.database.db.insert(enrollmentCodes).values({
      codeHash: legacyEnrollmentCodeHash('1111-2222-3333'),
      allianceId: api.allianceId,
      kind: 'resident',
      subjectId: created.id,
      expiresAt: new Date(api.clock.now().getTime() + 3600_000),
    });
    const res = await api.call('POST', '/v1/enroll/resident', { body: { code: '1111-2222-3333' } });
    expect(res.status).toBe(200);
  });
});
