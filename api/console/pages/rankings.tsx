/**
 * Rankings in the console (排行榜, issue #17), for staff with the overview right: a day's, a
 * week's, a month's or a year's ranking of points earned, by residents or households, for the
 * whole alliance or one community, with full names. On an ended month or year the coordinator
 * records what was given (奖励: a form per row, or the top N at once) and sees the awards already
 * given with who gave them. The yearly 文明之家 list prints on A4: the year's top 50 households.
 */
import { Hono } from 'hono';
import { formatDay, parseDay } from '../../../shared/calendar.ts';
import { AwardBody, TopAwardsBody } from '../../application/inputs.ts';
import {
  certificateList,
  giveAward,
  giveTopAwards,
  RANKING_MAX_LIMIT,
  rankingBoard,
} from '../../application/rankings.ts';
import { hasRight } from '../../auth/rights.ts';
import type { RouteDeps } from '../../http/deps.ts';
import { localDate } from '../../rankings/queries.ts';
import { parseForm, refusedFields } from '../form.ts';
import { formatTime, t, type Words } from '../i18n.ts';
import { Layout } from '../layout.tsx';
import { ErrorNote, orBack } from '../problems.tsx';
import type { ConsoleEnv } from '../session.ts';

const PERIODS = ['day', 'week', 'month', 'year'] as const;
type Period = (typeof PERIODS)[number];
const SCOPES = ['residents', 'households'] as const;
type Scope = (typeof SCOPES)[number];

interface Choice {
  period: Period;
  at: string;
  scope: Scope;
  community: string;
}

const pick = <T extends string>(list: readonly T[], value: string | undefined, fallback: T): T =>
  list.includes(value as T) ? (value as T) : fallback;

/** The page's address for a choice, so a form goes back to the ranking it was sent from. */
const pageOf = (c: Choice, extra = '') =>
  `/console/rankings?${new URLSearchParams({
    period: c.period,
    at: c.at,
    scope: c.scope,
    ...(c.community ? { community: c.community } : {}),
  }).toString()}${extra ? `&${extra}` : ''}`;

/** Yuan as people type it ("200", "150.5") → fen; blank → undefined; anything else → NaN. */
export function yuanToFen(text: string): number | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return Number.NaN;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

const STYLE = `
.rank-filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end}.rank-filters label{margin:0}.rank-filters select,.rank-filters input{min-width:9rem}
td.award-cell form{display:flex;flex-wrap:wrap;gap:.3rem;align-items:center}td.award-cell input{min-width:0;width:9rem}td.award-cell input.value{width:6rem}
td.award-cell input{padding:.2rem .4rem}td.award-cell button{padding:.25rem .7rem}td.award-cell{padding:.25rem .5rem}
.cert{font-size:12pt}.cert h1{text-align:center;font-size:20pt;margin:.5rem 0}.cert .sub{text-align:center;margin:.2rem 0 1rem}
.cert table{font-size:11pt}.cert th,.cert td{padding:.2rem .45rem}.cert tr{break-inside:avoid}
.cert .signature{margin-top:2.5rem;display:flex;justify-content:space-between;gap:2rem}
@media print{.cert{font-size:11pt}.cert h1{font-size:18pt}.cert table{font-size:10pt}.cert th,.cert td{padding:1mm 2mm}thead{display:table-header-group}}
`;

export function rankingPages(deps: RouteDeps) {
  const app = new Hono<ConsoleEnv>();

  app.get('/', async (c) => {
    const lang = c.get('lang');
    const w = t(lang);
    const r = w.rank;
    const alliance = c.get('alliance');
    const principal = c.get('principal');
    const today = formatDay(localDate(alliance.timezone, deps.clock.now()));
    const atText = c.req.query('at') ?? '';
    const choice: Choice = {
      period: pick(PERIODS, c.req.query('period'), 'month'),
      at: parseDay(atText) ? atText : today,
      scope: pick(SCOPES, c.req.query('scope'), 'residents'),
      community: (c.req.query('community') ?? '').trim().slice(0, 60),
    };
    const board = await rankingBoard(deps, principal, {
      period: choice.period,
      at: choice.at,
      scope: choice.scope,
      communityId: choice.community || undefined,
      limit: RANKING_MAX_LIMIT,
    });
    const awardable = choice.period === 'month' || choice.period === 'year';
    const mayAward = hasRight(principal, 'awards');
    const canAwardNow = awardable && mayAward && board.ended;
    const given = new Map(
      board.awards.filter((a) => a.scope === choice.scope).map((a) => [a.holderId, a] as const),
    );
    const lastDay = formatDay(localDate(alliance.timezone, new Date(board.end.getTime() - 1)));
    const title = `${r.periodTitle(choice.period, board.day, lastDay)} · ${choice.scope === 'residents' ? r.residents : r.households} · ${choice.community || r.wholeAlliance}`;
    const result = c.req.query('result');
    const hidden = (
      <>
        <input type="hidden" name="period" value={choice.period} />
        <input type="hidden" name="at" value={choice.at} />
        <input type="hidden" name="scope" value={choice.scope} />
        {choice.community && <input type="hidden" name="communityId" value={choice.community} />}
      </>
    );
    return c.html(
      <Layout lang={lang} title={r.rankings} principal={principal} path={c.req.path}>
        <style>{STYLE}</style>
        <h1>{r.rankings}</h1>
        <ErrorNote c={c} />
        {result === 'recorded' && (
          <p class="ok" role="status" data-result="recorded">
            {r.recorded}
          </p>
        )}
        {result === 'already_recorded' && (
          <p class="notice" role="status" data-result="already_recorded">
            {r.alreadyRecorded}
          </p>
        )}
        {result === 'top' && (
          <p class="ok" role="status" data-result="top">
            {r.topRecorded(Number(c.req.query('n') ?? 0), Number(c.req.query('already') ?? 0))}
          </p>
        )}
        <form method="get" action="/console/rankings" class="card no-print rank-filters">
          <label>
            {r.period}
            <br />
            <select name="period">
              {PERIODS.map((p) => (
                <option value={p} selected={p === choice.period}>
                  {r.periods[p]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {r.day}
            <br />
            <input type="date" name="at" value={choice.at} required />
          </label>
          <label>
            {r.scope}
            <br />
            <select name="scope">
              {SCOPES.map((s) => (
                <option value={s} selected={s === choice.scope}>
                  {s === 'residents' ? r.residents : r.households}
                </option>
              ))}
            </select>
          </label>
          <label>
            {r.community}
            <br />
            <select name="community">
              <option value="">{r.wholeAlliance}</option>
              {board.communities.map((name) => (
                <option value={name} selected={name === choice.community}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{r.show}</button>
          <a
            class="button secondary"
            href={`/console/rankings/certificates?year=${board.day.year}${choice.community ? `&community=${encodeURIComponent(choice.community)}` : ''}`}
          >
            {r.certificatesLink(board.day.year)}
          </a>
        </form>
        <h2 data-heading="ranking">{title}</h2>
        <p class="muted">{r.explain}</p>
        {mayAward && awardable && !board.ended && (
          <p class="notice no-print" data-awards="not-over">
            {r.notOverYet(choice.period as 'month' | 'year')}
          </p>
        )}
        {mayAward && !awardable && (
          <p class="muted no-print" data-awards="month-or-year">
            {r.awardsOnlyMonthYear}
          </p>
        )}
        {canAwardNow && board.lines.length > 0 && (
          <form method="post" action="/console/rankings/awards/top" class="card no-print rank-filters">
            <strong style="flex-basis:100%">{r.giveTop}</strong>
            {hidden}
            <label>
              {r.topCount}
              <br />
              <input name="top" type="number" min={1} max={100} value="10" required />
            </label>
            <label>
              {r.gift}
              <br />
              <input name="gift" required maxlength={100} />
            </label>
            <label>
              {r.valueYuan}
              <br />
              <input name="valueYuan" inputmode="decimal" pattern="\d{1,7}(\.\d{1,2})?" />
            </label>
            <button type="submit">{r.giveTopButton}</button>
          </form>
        )}
        {board.lines.length === 0 ? (
          <p class="muted" data-empty="ranking">
            {r.empty}
          </p>
        ) : (
          <table data-table="ranking">
            <thead>
              <tr>
                <th class="num">{r.rank}</th>
                <th>{choice.scope === 'residents' ? r.name : r.householdName}</th>
                <th class="num">{r.points}</th>
                {awardable && <th>{r.award}</th>}
              </tr>
            </thead>
            <tbody>
              {board.lines.map((l) => {
                const award = given.get(l.holderId);
                return (
                  <tr data-holder={l.holderId}>
                    <td class="num">{l.rank}</td>
                    <td>{l.name}</td>
                    <td class="num">{l.points}</td>
                    {awardable && (
                      <td class="award-cell">
                        {award ? (
                          <span data-award={award.id}>
                            {award.gift}
                            {award.valueFen !== null && ` · ${r.yuan(award.valueFen)}`}
                          </span>
                        ) : canAwardNow ? (
                          <form method="post" action="/console/rankings/awards" class="no-print">
                            {hidden}
                            <input type="hidden" name="holderId" value={l.holderId} />
                            <input
                              name="gift"
                              required
                              maxlength={100}
                              aria-label={r.giftShort}
                              placeholder={r.giftShort}
                            />
                            <input
                              class="value"
                              name="valueYuan"
                              inputmode="decimal"
                              aria-label={r.valueShort}
                              placeholder={r.valueShort}
                            />
                            <button type="submit">{r.give}</button>
                          </form>
                        ) : null}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {awardable && <AwardsGiven w={w} awards={board.awards} timezone={alliance.timezone} />}
      </Layout>,
    );
  });

  const choiceOf = (body: Record<string, unknown>): Choice => ({
    period: pick(PERIODS, String(body.period ?? ''), 'month'),
    at: String(body.at ?? ''),
    scope: pick(SCOPES, String(body.scope ?? ''), 'residents'),
    community: String(body.communityId ?? '').trim(),
  });

  app.post('/awards', async (c) => {
    const body = await c.req.parseBody();
    const back = pageOf(choiceOf(body));
    const form = await parseForm(c, AwardBody, { valueFen: yuanToFen(String(body.valueYuan ?? '')) });
    if (!form.ok) return c.redirect(`${back}&${refusedFields(form.fields)}`, 303);
    return orBack(c, back, async () => {
      const r = await giveAward(deps, c.get('principal'), form.data);
      return c.redirect(`${back}&result=${r.outcome}`, 303);
    });
  });

  app.post('/awards/top', async (c) => {
    const body = await c.req.parseBody();
    const back = pageOf(choiceOf(body));
    const form = await parseForm(c, TopAwardsBody, {
      valueFen: yuanToFen(String(body.valueYuan ?? '')),
    });
    if (!form.ok) return c.redirect(`${back}&${refusedFields(form.fields)}`, 303);
    return orBack(c, back, async () => {
      const r = await giveTopAwards(deps, c.get('principal'), form.data);
      return c.redirect(`${back}&result=top&n=${r.recorded}&already=${r.already}`, 303);
    });
  });

  app.get('/certificates', async (c) => {
    const lang = c.get('lang');
    const w = t(lang);
    const r = w.rank;
    const alliance = c.get('alliance');
    const thisYear = localDate(alliance.timezone, deps.clock.now()).year;
    const asked = Number(c.req.query('year'));
    const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : thisYear;
    const community = (c.req.query('community') ?? '').trim().slice(0, 60);
    const list = await certificateList(deps, c.get('principal'), {
      year,
      communityId: community || undefined,
    });
    return c.html(
      <Layout
        lang={lang}
        title={r.certificateTitle(list.allianceName, year)}
        principal={c.get('principal')}
        path="/console/rankings"
      >
        <style>{STYLE}</style>
        <form method="get" action="/console/rankings/certificates" class="card no-print rank-filters">
          <label>
            {r.year}
            <br />
            <input name="year" type="number" min={2000} max={2100} value={String(year)} required />
          </label>
          <label>
            {r.community}
            <br />
            <input name="community" value={community} maxlength={60} placeholder={r.wholeAlliance} />
          </label>
          <button type="submit">{r.show}</button>
          <button type="button" class="secondary" data-print>
            {r.print}
          </button>
          <a href={`/console/rankings?period=year&at=${year}-01-01&scope=households`}>{r.rankings}</a>
        </form>
        <section class="cert" data-certificates>
          <h1>{r.certificateTitle(list.allianceName, year)}</h1>
          <p class="sub">
            {r.certificateScope(list.community)} · {r.certificateIntro(list.households.length || 50)}
          </p>
          {!list.ended && (
            <p class="notice" data-not-final>
              {r.notFinal}
            </p>
          )}
          {list.households.length === 0 ? (
            <p class="muted" data-empty="certificates">
              {r.noHouseholds}
            </p>
          ) : (
            <table data-table="certificates">
              <thead>
                <tr>
                  <th class="num">{r.rank}</th>
                  <th>{r.householdName}</th>
                  <th>{r.community}</th>
                  <th>{r.doorNumber}</th>
                  <th class="num">{r.points}</th>
                </tr>
              </thead>
              <tbody>
                {list.households.map((h) => (
                  <tr data-household={h.householdId}>
                    <td class="num">{h.rank}</td>
                    <td>{h.name}</td>
                    <td>{h.community ?? ''}</td>
                    <td>{h.doorNumber ?? ''}</td>
                    <td class="num">{h.points}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p class="signature">
            <span>
              {list.allianceName}（{r.seal}）
            </span>
            <span>{r.date}：________年____月____日</span>
          </p>
        </section>
      </Layout>,
    );
  });

  return app;
}

function AwardsGiven(props: {
  w: Words;
  awards: Awaited<ReturnType<typeof rankingBoard>>['awards'];
  timezone: string;
}) {
  const r = props.w.rank;
  return (
    <>
      <h2>{r.awardsTitle}</h2>
      {props.awards.length === 0 ? (
        <p class="muted" data-empty="awards">
          {r.noAwards}
        </p>
      ) : (
        <table data-table="awards">
          <thead>
            <tr>
              <th>{r.rankingOf}</th>
              <th class="num">{r.rank}</th>
              <th>{r.name}</th>
              <th class="num">{r.points}</th>
              <th>{r.giftShort}</th>
              <th class="num">{r.valueShort}</th>
              <th>{r.givenBy}</th>
              <th>{r.givenAt}</th>
            </tr>
          </thead>
          <tbody>
            {props.awards.map((a) => (
              <tr data-award-row={a.id}>
                <td>
                  {a.scope === 'residents' ? r.residents : r.households} · {a.community ?? r.wholeAlliance}
                </td>
                <td class="num">{a.rank}</td>
                <td>{a.holderName}</td>
                <td class="num">{a.points}</td>
                <td>{a.gift}</td>
                <td class="num">{a.valueFen === null ? '' : (a.valueFen / 100).toFixed(2)}</td>
                <td>{a.givenByName ?? ''}</td>
                <td>{formatTime(a.givenAt, props.timezone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
