/** The dashboard: what the coordinator checks first. */
import { count, isNull } from 'drizzle-orm';
import type { Context } from 'hono';
import { devices, merchants, residents } from '../../db/schema/index.ts';
import type { RouteDeps } from '../../http/deps.ts';
import { t } from '../i18n.ts';
import { Layout } from '../layout.tsx';
import type { ConsoleEnv } from '../session.ts';

export async function dashboardPage(c: Context<ConsoleEnv>, deps: RouteDeps) {
  const w = t(c.get('lang'));
  const [r] = await deps.db.select({ n: count() }).from(residents);
  const [m] = await deps.db.select({ n: count() }).from(merchants);
  const [d] = await deps.db.select({ n: count() }).from(devices).where(isNull(devices.revokedAt));
  const stats = [
    [w.residentCount, r!.n],
    [w.merchantCount, m!.n],
    [w.deviceCount, d!.n],
  ] as const;
  return c.html(
    <Layout lang={c.get('lang')} title={w.dashboard} principal={c.get('principal')} path={c.req.path}>
      <h1>{w.dashboard}</h1>
      <div class="grid">
        {stats.map(([label, value]) => (
          <div class="card">
            <div class="muted">{label}</div>
            <div class="stat">{value}</div>
          </div>
        ))}
      </div>
    </Layout>,
  );
}
