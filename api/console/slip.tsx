/** A printable enrollment slip: the QR opens the right app with the code filled in. */
import type { Context } from 'hono';
import { formatTime, t } from './i18n.ts';
import { Layout } from './layout.tsx';
import { qrSvg } from './qr.ts';
import type { ConsoleEnv } from './session.ts';

export interface Slip {
  /** Who or what enrolls, e.g. "张秀英" or "叶子发艺 #1001". */
  subject: string;
  app: 'resident' | 'merchant';
  code: string;
  expiresAt: Date;
  backHref: string;
}

export async function enrollmentSlipPage(c: Context<ConsoleEnv>, slip: Slip) {
  const w = t(c.get('lang'));
  const appUrl = `${c.get('origin')}/${slip.app}/#enroll=${slip.code.replace(/-/g, '')}`;
  return (
    <Layout
      lang={c.get('lang')}
      title={w.enrollmentSlip}
      principal={c.get('principal')}
      path={slip.app === 'resident' ? '/console/residents' : '/console/merchants'}
    >
      <div class="card" style="max-width:30rem">
        <h1>
          {w.enrollmentSlip} · {slip.subject}
        </h1>
        {await qrSvg(appUrl)}
        <p>
          {w.enrollmentCode}: <strong style="font-size:1.6rem;letter-spacing:.1em">{slip.code}</strong>
        </p>
        <p>
          {w.validUntil}: {formatTime(slip.expiresAt, c.get('alliance').timezone)}
        </p>
        <p class="muted">{slip.app === 'resident' ? w.slipHelp : w.deviceSlipHelp}</p>
        <p>
          {w.slipAddress}
          <br />
          <strong class="address" data-address>
            {`${c.get('origin')}/${slip.app}/`}
          </strong>
        </p>
        <p class="no-print">
          <button type="button" data-print>
            {w.print}
          </button>{' '}
          <a href={slip.backHref}>{w.back}</a>
        </p>
      </div>
    </Layout>
  );
}
