/**
 * Activities (活动) for organizers: publish one, see who signed up, sign up a resident without a
 * phone, show the check-in and check-out QR on the organizer's own phone (a page made for 360 px
 * that swaps in a new code every ten seconds: each is good for under a minute), tick attendees by
 * hand, and close the activity, confirming each attendee's hours, which files their claims for
 * review. Everything goes through application/activities.ts, as the JSON API does.
 */
import { type Context, Hono } from 'hono';
import { formatDay, parseDay } from '../../../shared/calendar.ts';
import {
  activityDetail,
  attend,
  checkinCode,
  close,
  listActivities,
  publish,
  signUpFor,
} from '../../application/activities.ts';
import { ActivityBody } from '../../application/inputs.ts';
import type { StaffPrincipal } from '../../auth/principal.ts';
import { hasRight } from '../../auth/rights.ts';
import { communitiesOf, residentsPage } from '../../directory/queries.ts';
import { currentRules } from '../../earning/rules.ts';
import type { RouteDeps } from '../../http/deps.ts';
import { localMidnight, localTime } from '../../local-time.ts';
import { refusedFields } from '../form.ts';
import { formatTime, t } from '../i18n.ts';
import { Layout } from '../layout.tsx';
import { ErrorNote, orBack } from '../problems.tsx';
import { qrSvg } from '../qr.ts';
import type { ConsoleEnv } from '../session.ts';
import { posted, titleOf } from './earning-parts.tsx';

const BASE = '/console/activities';
const UUID = '[0-9a-f-]{36}';
const HALF_HOUR = 1_800_000;

/** The organizer's phone: big buttons, one column, nothing wider than the screen. */
const STYLE = `
.act .facts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:0 0 1rem}
.act .facts dt{color:#555}.act .facts dd{margin:0}
.act .big{display:block;text-align:center;font-size:1.25rem;padding:1rem;margin:.5rem 0;min-height:3.5rem}
.act ul.people{list-style:none;padding:0;margin:0}
.act ul.people li{background:#fff;border:1px solid #ddd;border-radius:.5rem;padding:.75rem;margin:.5rem 0}
.act ul.people .who{font-size:1.2rem;font-weight:700}
.act ul.people form{display:inline-block;margin:.4rem .4rem 0 0}
.act ul.people button{min-height:3rem;min-width:6rem}
.act .times{color:#333}
.act input,.act select{max-width:100%}
.qr-page{text-align:center}
.qr-page h1{font-size:2.2rem;margin:.25rem 0}
.qr-page .qr img{width:min(92vw,26rem);height:auto;background:#fff;border:1px solid #ddd}
.qr-page .help{font-size:1.1rem;max-width:30rem;margin:.5rem auto}
.qr-page .big{display:block;font-size:1.2rem;padding:1rem;margin:.5rem auto;max-width:26rem;min-height:3.5rem}
`;

/** The QR page's own script, served as a file (the Content-Security-Policy runs no inline code). */
const QR_SCRIPT = `(function () {
  'use strict';
  var img = document.getElementById('checkin-qr');
  var stale = document.getElementById('qr-stale');
  if (!img || !stale) return;
  var src = img.getAttribute('data-src');
  function next() {
    var probe = new Image();
    probe.onload = function () { img.src = probe.src; stale.hidden = true; };
    probe.onerror = function () { stale.hidden = false; };
    probe.src = src + '&n=' + Date.now();
  }
  setInterval(next, 10000);
  document.addEventListener('visibilitychange', function () { if (!document.hidden) next(); });
  // Keep the organizer's screen on while residents scan.
  if (navigator.wakeLock) {
    var lock = function () { navigator.wakeLock.request('screen').catch(function () {}); };
    lock();
    document.addEventListener('visibilitychange', function () { if (!document.hidden) lock(); });
  }
})();`;

type Detail = Awaited<ReturnType<typeof activityDetail>>;

/** "2026-11-22 09:00–11:00" in the alliance's time zone. */
function span(a: { startsAt: string; endsAt: string }, tz: string) {
  const from = formatTime(new Date(a.startsAt), tz);
  const to = formatTime(new Date(a.endsAt), tz);
  return from.slice(0, 10) === to.slice(0, 10) ? `${from}–${to.slice(11)}` : `${from}–${to}`;
}

/** The instant a local date and time ("2026-11-22", "09:30") names in the time zone, or undefined. */
function localInstant(tz: string, day: string, time: string): Date | undefined {
  const d = parseDay(day);
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !m || Number(m[1]) > 23 || Number(m[2]) > 59) return undefined;
  const midnight = localMidnight(tz, d.year, d.month, d.day);
  return new Date(midnight.getTime() + (Number(m[1]) * 60 + Number(m[2])) * 60_000);
}

function Facts({ c, a }: { c: Context<ConsoleEnv>; a: Detail }) {
  const w = t(c.get('lang'));
  const x = w.act;
  const tz = c.get('alliance').timezone;
  return (
    <dl class="facts" data-activity={a.id}>
      <dt>{x.when}</dt>
      <dd>{span(a, tz)}</dd>
      <dt>{x.place}</dt>
      <dd>{a.place}</dd>
      <dt>{x.rule}</dt>
      <dd>
        {a.ruleTitle} · {a.kind === 'per_hour' ? x.perHour(a.pointsPerHour ?? 0) : x.fixed(a.points ?? 0)}
      </dd>
      <dt>{x.places}</dt>
      <dd data-places>
        {x.signedUpOf(a.signedUp, a.capacity)}
        {a.waitlisted > 0 ? ` · ${x.waiting} ${a.waitlisted}` : ''}
      </dd>
      <dt>{x.openTo}</dt>
      <dd>{a.communities.length ? a.communities.join('、') : x.everyone}</dd>
      {a.team && (
        <>
          <dt>{x.team.replace(/（.*）|\s*\(.*\)/, '')}</dt>
          <dd>{a.team}</dd>
        </>
      )}
      <dt>{x.status}</dt>
      <dd data-status={a.status}>
        {x.statuses[a.status]}
        {a.attendanceRate !== null ? ` · ${x.rate} ${a.attendanceRate}%` : ''}
      </dd>
    </dl>
  );
}

export function activityPages(deps: RouteDeps) {
  const app = new Hono<ConsoleEnv>();

  app.get('/qr.js', (c) =>
    c.body(QR_SCRIPT, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'private, max-age=3600',
    }),
  );

  app.get('/', async (c) => {
    const lang = c.get('lang');
    const w = t(lang);
    const x = w.act;
    const actor = c.get('principal') as StaffPrincipal;
    const tz = c.get('alliance').timezone;
    const all = await listActivities(deps, actor);
    const rules = (await currentRules(deps.db, actor.allianceId)).filter(
      (r) => (r.kind === 'fixed' || r.kind === 'per_hour') && r.evidence !== 'required',
    );
    const communities = await communitiesOf(deps.db, actor.allianceId);
    const today = formatDay(localTime(tz, deps.clock.now()));
    const open = all.filter((a) => a.status === 'open').sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    const closed = all
      .filter((a) => a.status === 'closed')
      .sort((a, b) => b.startsAt.localeCompare(a.startsAt));
    const rows = (list: typeof all) => (
      <table data-table="activities">
        <thead>
          <tr>
            <th>{x.title}</th>
            <th>{x.when}</th>
            <th>{x.place}</th>
            <th class="num">{x.places}</th>
            <th class="num">{x.waiting}</th>
            <th class="num">{x.rate}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((a) => (
            <tr data-activity={a.id}>
              <td>
                <a href={`${BASE}/${a.id}`}>{a.title}</a>
              </td>
              <td>{span(a, tz)}</td>
              <td>{a.place}</td>
              <td class="num">{x.signedUpOf(a.signedUp, a.capacity)}</td>
              <td class="num">{a.waitlisted}</td>
              <td class="num">{a.attendanceRate === null ? '' : `${a.attendanceRate}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
    return c.html(
      <Layout lang={lang} title={x.activities} principal={actor} path={c.req.path}>
        <style>{STYLE}</style>
        <div class="act">
          <h1>{x.activities}</h1>
          <ErrorNote c={c} />
          <h2>{x.upcoming}</h2>
          {open.length ? rows(open) : <p class="muted">{x.none}</p>}
          <form method="post" action={BASE} class="card no-print" style="max-width:40rem" data-form="publish">
            <h2>{x.publish}</h2>
            <p class="muted">{x.publishHelp}</p>
            {rules.length === 0 ? (
              <p class="error">{x.noRules}</p>
            ) : (
              <>
                <label for="title">{x.title}</label>
                <input id="title" name="title" required maxlength={80} />
                <label for="ruleCode">{x.rule}</label>
                <select id="ruleCode" name="ruleCode" required>
                  {rules.map((r) => (
                    <option value={r.code}>
                      {titleOf(lang, r)} ·{' '}
                      {r.kind === 'per_hour' ? x.perHour(r.pointsPerHour ?? 0) : x.fixed(r.points ?? 0)}
                    </option>
                  ))}
                </select>
                <p class="muted">{x.ruleHelp}</p>
                <label for="place">{x.place}</label>
                <input id="place" name="place" required maxlength={120} />
                <label for="day">{x.day}</label>
                <input id="day" name="day" type="date" required min={today} value={today} />
                <label for="starts">{x.starts}</label>
                <input id="starts" name="starts" type="time" required value="09:00" />
                <label for="ends">{x.ends}</label>
                <input id="ends" name="ends" type="time" required value="11:00" />
                <label for="capacity">{x.capacity}</label>
                <input id="capacity" name="capacity" type="number" min={1} max={1000} required value="20" />
                <label for="waitlist">{x.waitlist}</label>
                <input id="waitlist" name="waitlist" type="number" min={0} max={100} value="5" />
                <fieldset>
                  <legend>{x.deadline}</legend>
                  <label for="deadlineDay">{x.deadlineDay}</label>
                  <input id="deadlineDay" name="deadlineDay" type="date" />
                  <label for="deadlineTime">{x.deadlineTime}</label>
                  <input id="deadlineTime" name="deadlineTime" type="time" />
                </fieldset>
                {communities.length > 0 && (
                  <fieldset>
                    <legend>{x.communities}</legend>
                    {communities.map((name) => (
                      <label class="choice">
                        <input type="checkbox" name="communities" value={name} /> {name}
                      </label>
                    ))}
                  </fieldset>
                )}
                <label for="team">{x.team}</label>
                <input id="team" name="team" maxlength={60} />
                <p>
                  <button type="submit">{x.publish}</button>
                </p>
              </>
            )}
          </form>
          <h2>{x.closedOnes}</h2>
          {closed.length ? rows(closed) : <p class="muted">{x.none}</p>}
        </div>
      </Layout>,
    );
  });

  app.post('/', async (c) => {
    const actor = c.get('principal') as StaffPrincipal;
    const tz = c.get('alliance').timezone;
    const form = await posted(c);
    const day = form.text('day');
    const startsAt = localInstant(tz, day, form.text('starts'));
    const endsAt = localInstant(tz, day, form.text('ends'));
    const deadlineDay = form.text('deadlineDay');
    const deadlineTime = form.text('deadlineTime');
    const deadline =
      deadlineDay || deadlineTime ? localInstant(tz, deadlineDay || day, deadlineTime || '00:00') : null;
    const body = {
      title: form.text('title'),
      ruleCode: form.text('ruleCode'),
      place: form.text('place'),
      startsAt: startsAt?.toISOString(),
      endsAt: endsAt?.toISOString(),
      capacity: form.number('capacity'),
      waitlist: form.number('waitlist'),
      ...(deadline ? { signupDeadline: deadline.toISOString() } : {}),
      communities: form.all('communities'),
      team: form.text('team') || undefined,
    };
    const parsed = ActivityBody.safeParse(body);
    const bad = [
      !startsAt && 'starts',
      !endsAt && 'ends',
      deadline === undefined && 'deadlineTime',
      ...(parsed.success ? [] : parsed.error.issues.map((i) => String(i.path[0] ?? ''))),
    ].filter((f): f is string => Boolean(f));
    if (bad.length || !parsed.success) return c.redirect(`${BASE}?${refusedFields([...new Set(bad)])}`, 303);
    return orBack(c, BASE, async () => {
      const view = await publish(deps, actor, parsed.data);
      return c.redirect(`${BASE}/${view.id}?published=1`, 303);
    });
  });

  app.get(`/:id{${UUID}}`, async (c) => {
    const lang = c.get('lang');
    const w = t(lang);
    const x = w.act;
    const actor = c.get('principal') as StaffPrincipal;
    const tz = c.get('alliance').timezone;
    const id = c.req.param('id');
    const a = await activityDetail(deps, actor, id);
    const signups = (a.signups ?? []).filter((s) => s.status !== 'cancelled' || s.checkedInAt);
    const q = (c.req.query('q') ?? '').trim().slice(0, 60);
    const found = q
      ? (await residentsPage(deps.db, { allianceId: actor.allianceId, q, limit: 10, offset: 0 })).rows
      : [];
    const listed = new Set(signups.map((s) => s.residentId));
    const started = deps.clock.now().getTime() >= Date.parse(a.startsAt);
    const attendees = signups.filter((s) => s.checkedInAt);
    const halves = (s: (typeof signups)[number]) => {
      const from = Date.parse(s.checkedInAt ?? a.startsAt);
      const to = Date.parse(s.checkedOutAt ?? a.endsAt);
      const length = Date.parse(a.endsAt) - Date.parse(a.startsAt);
      const ms = Math.min(Math.max(0, to - from), length);
      return Math.min(Math.round(ms / HALF_HOUR), Math.floor(length / HALF_HOUR));
    };
    const maxHours = Math.floor((Date.parse(a.endsAt) - Date.parse(a.startsAt)) / HALF_HOUR) / 2;
    const path = `${BASE}/${id}`;
    return c.html(
      <Layout lang={lang} title={a.title} principal={actor} path={path}>
        <style>{STYLE}</style>
        <div class="act">
          <h1>{a.title}</h1>
          <ErrorNote c={c} />
          {c.req.query('published') && <p class="ok">{x.published}</p>}
          {c.req.query('closed') && a.status === 'closed' && (
            <p class="ok" data-closed>
              {x.closedResult(Number(c.req.query('claims') ?? 0), a.attendanceRate ?? 0)}{' '}
              {hasRight(actor, 'review') && <a href="/console/review">{x.toReview}</a>}
            </p>
          )}
          <Facts c={c} a={a} />
          {a.status === 'open' && (
            <p>
              <a class="button big" href={`${path}/qr?direction=in`} data-show="in">
                {x.showIn}
              </a>
              <a class="button big secondary" href={`${path}/qr?direction=out`} data-show="out">
                {x.showOut}
              </a>
            </p>
          )}
          <h2>{x.signupList}</h2>
          {signups.length === 0 ? (
            <p class="muted">{x.noSignups}</p>
          ) : (
            <ul class="people" data-list="signups">
              {signups.map((s) => (
                <li data-resident={s.residentId} data-state={s.status}>
                  <div class="who">{s.name}</div>
                  <div>
                    {s.status === 'waitlisted' ? x.waitingNo(s.position) : x.signupStates[s.status]}
                    {s.addedByStaff ? ` · ${x.addedByStaff}` : ''}
                  </div>
                  <div class="times">
                    {x.checkedIn}{' '}
                    {s.checkedInAt ? formatTime(new Date(s.checkedInAt), tz).slice(11) : x.notYet}
                    {' · '}
                    {x.checkedOut}{' '}
                    {s.checkedOutAt ? formatTime(new Date(s.checkedOutAt), tz).slice(11) : x.notYet}
                  </div>
                  {a.status === 'open' && (
                    <>
                      {!s.checkedInAt && (
                        <form method="post" action={`${path}/attendance`}>
                          <input type="hidden" name="residentId" value={s.residentId} />
                          <input type="hidden" name="direction" value="in" />
                          <button type="submit" data-tick="in">
                            {x.tickIn}
                          </button>
                        </form>
                      )}
                      {s.checkedInAt && !s.checkedOutAt && (
                        <form method="post" action={`${path}/attendance`}>
                          <input type="hidden" name="residentId" value={s.residentId} />
                          <input type="hidden" name="direction" value="out" />
                          <button type="submit" class="secondary" data-tick="out">
                            {x.tickOut}
                          </button>
                        </form>
                      )}
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
          {a.status === 'open' && (
            <>
              <form method="get" action={path} class="card no-print" data-form="find">
                <h2>{x.addResident}</h2>
                <label for="q">{x.addHelp}</label>
                <input id="q" name="q" value={q} maxlength={60} />
                <p>
                  <button type="submit">{x.search}</button>
                </p>
                {q && found.length === 0 && <p class="muted">{x.noMatch}</p>}
              </form>
              {found.length > 0 && (
                <ul class="people" data-list="found">
                  {found.map((r) => (
                    <li data-resident={r.resident.id}>
                      <div class="who">{r.resident.name}</div>
                      {r.householdName && <div class="muted">{r.householdName}</div>}
                      {listed.has(r.resident.id) ? (
                        <div>{x.alreadyListed}</div>
                      ) : (
                        <form method="post" action={`${path}/signups`}>
                          <input type="hidden" name="residentId" value={r.resident.id} />
                          <button type="submit" data-add={r.resident.id}>
                            {x.signUpThis}
                          </button>
                        </form>
                      )}
                    </li>
                  ))}
                </ul>
              )}
              <form method="post" action={`${path}/close`} class="card no-print" data-form="close">
                <h2>{x.close}</h2>
                <p class="muted">{x.closeHelp}</p>
                {!started && <p class="notice">{x.notStarted}</p>}
                {a.kind === 'per_hour' &&
                  attendees.map((s) => (
                    <>
                      <label for={`hours-${s.residentId}`}>
                        {s.name} · {x.hours}
                      </label>
                      <input
                        id={`hours-${s.residentId}`}
                        name={`hours:${s.residentId}`}
                        type="number"
                        min={0}
                        max={maxHours}
                        step="0.5"
                        value={String(halves(s) / 2)}
                        required
                      />
                    </>
                  ))}
                <p>
                  <button type="submit" disabled={!started}>
                    {x.closeNow}
                  </button>
                </p>
              </form>
            </>
          )}
          <p>
            <a href={BASE}>{w.back}</a>
          </p>
        </div>
      </Layout>,
    );
  });

  app.post(`/:id{${UUID}}/signups`, async (c) => {
    const actor = c.get('principal') as StaffPrincipal;
    const path = `${BASE}/${c.req.param('id')}`;
    const residentId = (await posted(c)).text('residentId');
    if (!/^[0-9a-f-]{36}$/.test(residentId))
      return c.redirect(`${path}?${refusedFields(['residentId'])}`, 303);
    return orBack(c, path, async () => {
      await signUpFor(deps, actor, c.req.param('id'), { residentId });
      return c.redirect(path, 303);
    });
  });

  app.post(`/:id{${UUID}}/attendance`, async (c) => {
    const actor = c.get('principal') as StaffPrincipal;
    const path = `${BASE}/${c.req.param('id')}`;
    const form = await posted(c);
    const residentId = form.text('residentId');
    const direction = form.text('direction');
    if (!/^[0-9a-f-]{36}$/.test(residentId) || (direction !== 'in' && direction !== 'out')) {
      return c.redirect(`${path}?${refusedFields(['residentId'])}`, 303);
    }
    return orBack(c, path, async () => {
      await attend(deps, actor, c.req.param('id'), { residentId, direction });
      return c.redirect(path, 303);
    });
  });

  app.post(`/:id{${UUID}}/close`, async (c) => {
    const actor = c.get('principal') as StaffPrincipal;
    const id = c.req.param('id');
    const path = `${BASE}/${id}`;
    const body = (await c.req.parseBody()) as Record<string, unknown>;
    const attendees: { residentId: string; hours: number }[] = [];
    const bad: string[] = [];
    for (const [name, value] of Object.entries(body)) {
      const m = /^hours:([0-9a-f-]{36})$/.exec(name);
      if (!m) continue;
      const hours = Number(String(value).trim());
      if (!Number.isFinite(hours) || String(value).trim() === '') bad.push(`hours-${m[1]}`);
      else attendees.push({ residentId: m[1]!, hours });
    }
    if (bad.length) return c.redirect(`${path}?${refusedFields(bad)}`, 303);
    return orBack(c, path, async () => {
      const detail = await activityDetail(deps, actor, id);
      // Fixed rules need no hours: the check-ins decide who gets the points.
      const result = await close(deps, actor, id, detail.kind === 'per_hour' ? { attendees } : {});
      return c.redirect(`${path}?closed=1&claims=${result.claims.length}`, 303);
    });
  });

  app.get(`/:id{${UUID}}/qr`, async (c) => {
    const lang = c.get('lang');
    const w = t(lang);
    const x = w.act;
    const actor = c.get('principal') as StaffPrincipal;
    const id = c.req.param('id');
    const direction = c.req.query('direction') === 'out' ? 'out' : 'in';
    const a = await activityDetail(deps, actor, id);
    const code = await checkinCode(deps, actor, id, direction, c.get('origin'));
    const path = `${BASE}/${id}`;
    const src = `${path}/qr.svg?direction=${direction}`;
    return c.html(
      <Layout
        lang={lang}
        title={`${a.title} · ${direction === 'in' ? x.qrIn : x.qrOut}`}
        principal={actor}
        path={path}
      >
        <style>{STYLE}</style>
        <div class="qr-page" data-direction={direction}>
          <h1>{direction === 'in' ? x.qrIn : x.qrOut}</h1>
          <p class="help">
            <strong>{a.title}</strong> · {a.place}
          </p>
          <div class="qr">
            <img
              id="checkin-qr"
              src={`${src}&n=0`}
              data-src={src}
              data-url={code.url}
              alt={direction === 'in' ? x.qrIn : x.qrOut}
              width={416}
              height={416}
            />
          </div>
          <p class="help">{x.qrHelp}</p>
          <p id="qr-stale" class="error" role="alert" hidden>
            {x.qrStale}
          </p>
          <a class="button big secondary" href={`${path}/qr?direction=${direction === 'in' ? 'out' : 'in'}`}>
            {direction === 'in' ? x.switchToOut : x.switchToIn}
          </a>
          <a class="button big secondary" href={path}>
            {x.backToActivity}
          </a>
        </div>
        <script src={`${BASE}/qr.js`} defer />
      </Layout>,
    );
  });

  /** The code as it is now: an SVG image the QR page swaps in; never cached. */
  app.get(`/:id{${UUID}}/qr.svg`, async (c) => {
    const actor = c.get('principal') as StaffPrincipal;
    const direction = c.req.query('direction') === 'out' ? 'out' : 'in';
    const code = await checkinCode(deps, actor, c.req.param('id'), direction, c.get('origin'));
    const svg = String(await qrSvg(code.url, 416));
    return c.body(svg, 200, {
      'content-type': 'image/svg+xml; charset=utf-8',
      'cache-control': 'no-store',
      'x-checkin-expires': code.expiresAt,
    });
  });

  return app;
}
