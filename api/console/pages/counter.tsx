/**
 * Claims filed at the counter (代为申报) for a resident without a phone: from the resident's
 * page, the rule, the day, hours for a per-hour rule, a note and photos uploaded from the
 * console. The photos are stored and the claim filed in one step, as the staff member, and the
 * form's nonce makes a double submit file once (application/earning.ts fileClaimAtCounter).
 */
import { type Context, Hono } from 'hono';
import { formatDay } from '../../../shared/calendar.ts';
import { fileClaimAtCounter } from '../../application/earning.ts';
import { residentDetail } from '../../directory/queries.ts';
import { currentRules } from '../../earning/rules.ts';
import { AppError } from '../../errors.ts';
import type { RouteDeps } from '../../http/deps.ts';
import { localTime } from '../../local-time.ts';
import { refusedFields } from '../form.ts';
import { t } from '../i18n.ts';
import { Layout } from '../layout.tsx';
import { ErrorNote, orBack } from '../problems.tsx';
import type { ConsoleEnv } from '../session.ts';
import { formNonce, pointsInWords, posted, titleOf } from './earning-parts.tsx';

const MAX_PHOTOS = 3;

async function residentOf(deps: RouteDeps, c: Context<ConsoleEnv>) {
  const found = await residentDetail(deps.db, c.get('principal').allianceId, c.req.param('id')!);
  if (!found) throw new AppError('resident_not_found');
  return found.resident;
}

export function counterPages(deps: RouteDeps) {
  const app = new Hono<ConsoleEnv>();

  app.get('/:id{[0-9a-f-]{36}}/claim', async (c) => {
    const lang = c.get('lang');
    const w = t(lang);
    const e = w.earn;
    const resident = await residentOf(deps, c);
    const today = formatDay(localTime(c.get('alliance').timezone, deps.clock.now()));
    const rules = (await currentRules(deps.db, resident.allianceId)).filter((r) => r.kind !== 'deduction');
    const back = `/console/residents/${resident.id}`;
    return c.html(
      <Layout
        lang={lang}
        title={e.fileClaimFor(resident.name)}
        principal={c.get('principal')}
        path={c.req.path}
      >
        <h1>{e.fileClaimFor(resident.name)}</h1>
        <p class="muted">{e.fileClaimHelp}</p>
        <ErrorNote c={c} />
        <form
          method="post"
          action={`${back}/claim`}
          enctype="multipart/form-data"
          class="card no-print"
          style="max-width:40rem"
        >
          <input type="hidden" name="nonce" value={formNonce()} />
          <label for="ruleCode">{e.rule}</label>
          <select id="ruleCode" name="ruleCode" required>
            {rules.map((r) => (
              <option value={r.code} data-kind={r.kind}>
                {r.category} · {titleOf(lang, r)} · {pointsInWords(r, e)} · {e.evidenceNeeds[r.evidence]}
              </option>
            ))}
          </select>
          <label for="occurredOn">{e.occurredOn}</label>
          <input id="occurredOn" name="occurredOn" type="date" required max={today} value={today} />
          <label for="hours">{e.hours}</label>
          <input
            id="hours"
            name="hours"
            type="number"
            min={0.5}
            max={24}
            step={0.5}
            placeholder={e.hoursHelp}
          />
          <label for="note">{e.note}</label>
          <textarea id="note" name="note" rows={3} maxlength={500} />
          <label for="photos">{e.photos}</label>
          <input id="photos" name="photos" type="file" accept="image/jpeg,image/png,image/webp" multiple />
          <p class="muted">{e.photosHelp}</p>
          <label class="choice">
            <input type="checkbox" name="public" value="yes" />
            {e.showPublic}
          </label>
          <p>
            <button type="submit">{e.fileClaim}</button> <a href={back}>{w.back}</a>
          </p>
        </form>
      </Layout>,
    );
  });

  app.post('/:id{[0-9a-f-]{36}}/claim', async (c) => {
    const id = c.req.param('id');
    const form = await posted(c);
    const back = `/console/residents/${id}/claim`;
    const nonce = form.text('nonce');
    const ruleCode = form.text('ruleCode');
    const occurredOn = form.text('occurredOn');
    const hoursText = form.text('hours');
    const hours = hoursText === '' ? undefined : Number(hoursText);
    const note = form.text('note');
    const photos = form.files('photos');
    const bad = [
      !/^[0-9a-f-]{36}$/.test(nonce) && 'nonce',
      !ruleCode && 'ruleCode',
      !/^\d{4}-\d{2}-\d{2}$/.test(occurredOn) && 'occurredOn',
      hours !== undefined && !Number.isFinite(hours) && 'hours',
      note.length > 500 && 'note',
      photos.length > MAX_PHOTOS && 'photos',
    ].filter((f): f is string => Boolean(f));
    if (bad.length) return c.redirect(`${back}?${refusedFields(bad)}`, 303);
    return orBack(c, back, async () => {
      await fileClaimAtCounter(
        deps,
        c.get('principal'),
        {
          residentId: id,
          ruleCode,
          occurredOn,
          hours,
          note: note || undefined,
          public: form.text('public') === 'yes',
        },
        await Promise.all(photos.map(async (p) => new Uint8Array(await p.arrayBuffer()))),
        nonce,
      );
      return c.redirect(`/console/residents/${id}?filed=1`, 303);
    });
  });

  return app;
}
