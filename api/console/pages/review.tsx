/**
 * Review (审核): the claims waiting, oldest first, filtered by category, rule and stage; each with
 * its photos large, the rule's words and points, and the resident's latest claims beside it.
 * A reviewer approves (picking the points within a range), refuses with a reason from a short
 * list plus words, or asks for more material; a claim waiting for its second approval says who
 * gave the first. Many claims can be approved at once, each still under the four-eyes rule.
 */
import { type Context, Hono } from 'hono';
import type { ClaimView } from '../../../shared/api/earning.ts';
import { problemWords } from '../../../shared/problems.ts';
import { approveMany, claimQueue, decide } from '../../application/earning.ts';
import { ClaimDecision } from '../../application/inputs.ts';
import { allianceSettings, communitiesOf } from '../../directory/queries.ts';
import { approvalsOf, latestClaimsOf } from '../../earning/queries.ts';
import { currentRules } from '../../earning/rules.ts';
import type { RouteDeps } from '../../http/deps.ts';
import { refusedFields } from '../form.ts';
import { formatTime, t } from '../i18n.ts';
import { REFUSE_REASONS_STORED } from '../i18n-earning.ts';
import { Layout } from '../layout.tsx';
import { ErrorNote, orBack } from '../problems.tsx';
import type { ConsoleEnv } from '../session.ts';
import { Photo, pointsInWords, posted, titleOf } from './earning-parts.tsx';

const BASE = '/console/review';
const STAGES = ['submitted', 'awaiting_second', 'needs_more'] as const;

/** The queue's filters, from the address or from a form that carried them. */
function filtersOf(get: (name: string) => string | undefined) {
  const status = STAGES.find((s) => s === get('status'));
  const category = (get('category') ?? '').trim().slice(0, 40);
  const rule = (get('rule') ?? '').trim().slice(0, 40);
  const community = (get('community') ?? '').trim().slice(0, 60);
  return {
    status,
    category: category || undefined,
    rule: rule || undefined,
    community: community || undefined,
  };
}

function queueHref(filters: ReturnType<typeof filtersOf>, extra: Record<string, string> = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  const s = q.toString();
  return s ? `${BASE}?${s}` : BASE;
}

function FilterFields({ filters }: { filters: ReturnType<typeof filtersOf> }) {
  return (
    <>{Object.entries(filters).map(([k, v]) => (v ? <input type="hidden" name={k} value={v} /> : null))}</>
  );
}

type Latest = Awaited<ReturnType<typeof latestClaimsOf>>;
type Approvals = Awaited<ReturnType<typeof approvalsOf>>;

function ClaimCard(props: {
  c: Context<ConsoleEnv>;
  claim: ClaimView;
  approvals: Approvals;
  latest: Latest;
  threshold: number;
  filters: ReturnType<typeof filtersOf>;
}) {
  const { c, claim, filters } = props;
  const lang = c.get('lang');
  const w = t(lang);
  const e = w.earn;
  const tz = c.get('alliance').timezone;
  const me = c.get('principal').subjectId;
  const approvals = props.approvals.get(claim.id) ?? [];
  const first = approvals[0];
  const action = `${BASE}/${claim.id}/decide`;
  const recent = props.latest.get(claim.residentId) ?? [];
  const pickPoints = claim.kind === 'range';
  return (
    <article class="card claim" id={`claim-${claim.id}`} data-claim={claim.id} data-status={claim.status}>
      <div class="claim-grid">
        <div class="photos">
          {claim.evidenceIds.length === 0 ? (
            <p class="muted">{e.noPhotos}</p>
          ) : (
            claim.evidenceIds.map((id, i) => (
              <Photo id={id} alt={e.photoOf(claim.residentName, i + 1)} large />
            ))
          )}
        </div>
        <div>
          <h2>
            <label class="choice no-print">
              <input type="checkbox" name="ids" value={claim.id} form="bulk" aria-label={e.select} />
              <a href={`/console/residents/${claim.residentId}`}>{claim.residentName}</a>
            </label>
          </h2>
          <p>
            <strong>{titleOf(lang, claim)}</strong> <span class="muted">· {claim.category}</span>
          </p>
          <table class="facts">
            <tbody>
              <tr>
                <th scope="row">{w.state}</th>
                <td data-claim-status={claim.status}>{e.statuses[claim.status]}</td>
              </tr>
              <tr>
                <th scope="row">{w.points}</th>
                <td data-points={claim.points ?? ''}>
                  {claim.points !== null
                    ? claim.points
                    : pointsInWords({ ...claim, pointsPerHour: null, points: null }, e)}
                </td>
              </tr>
              <tr>
                <th scope="row">{e.occurredOn}</th>
                <td>{claim.occurredOn}</td>
              </tr>
              {claim.hours !== null && (
                <tr>
                  <th scope="row">{e.hours}</th>
                  <td>{e.hoursN(claim.hours)}</td>
                </tr>
              )}
              <tr>
                <th scope="row">{e.note}</th>
                <td class="note">{claim.note ?? '—'}</td>
              </tr>
              <tr>
                <th scope="row">{e.filedAt}</th>
                <td>{formatTime(new Date(claim.createdAt), tz)}</td>
              </tr>
              {claim.reason && (
                <tr>
                  <th scope="row">{w.reason}</th>
                  <td>{claim.reason}</td>
                </tr>
              )}
            </tbody>
          </table>
          {claim.approvalsNeeded > 1 && !first && <p class="muted">{e.fourEyesNeeded(props.threshold)}</p>}
          {claim.approvalsNeeded === 1 && pickPoints && (
            <p class="muted">{e.rangeFourEyes(props.threshold)}</p>
          )}
          {first && (
            <p class="notice" data-first-reviewer={first.reviewerId}>
              {e.firstApproved(first.reviewerName, first.points)}
              {first.reviewerId === me && (
                <>
                  <br />
                  <strong>{e.youApprovedFirst}</strong>
                </>
              )}
            </p>
          )}
          <div class="decide no-print">
            <form method="post" action={action} class="approve">
              <input type="hidden" name="decision" value="approve" />
              <FilterFields filters={filters} />
              {pickPoints && (
                <>
                  <label for={`points-${claim.id}`}>{e.pointsPick(claim.min ?? 1, claim.max ?? 1)}</label>
                  <input
                    id={`points-${claim.id}`}
                    name="points"
                    type="number"
                    min={claim.min ?? 1}
                    max={claim.max ?? 1}
                    step={1}
                    required
                    value={first?.points === null || first?.points === undefined ? '' : String(first.points)}
                  />
                </>
              )}
              <p>
                <button type="submit">{e.approve}</button>
              </p>
            </form>
            <form method="post" action={action} class="refuse">
              <input type="hidden" name="decision" value="refuse" />
              <FilterFields filters={filters} />
              <label for={`preset-${claim.id}`}>{e.refuseReason}</label>
              <select id={`preset-${claim.id}`} name="preset">
                {e.refuseReasons.map((words, i) => (
                  <option value={String(i)}>{words}</option>
                ))}
              </select>
              <label for={`refuse-${claim.id}`}>{e.moreWords}</label>
              <input id={`refuse-${claim.id}`} name="reason" maxlength={400} />
              <p>
                <button type="submit" class="secondary">
                  {e.refuse}
                </button>
              </p>
            </form>
            <form method="post" action={action} class="ask-more">
              <input type="hidden" name="decision" value="ask_more" />
              <FilterFields filters={filters} />
              <label for={`more-${claim.id}`}>{e.askMoreWords}</label>
              <input id={`more-${claim.id}`} name="reason" required maxlength={500} />
              <p>
                <button type="submit" class="secondary">
                  {e.askMore}
                </button>
              </p>
            </form>
          </div>
        </div>
      </div>
      {recent.length > 0 && (
        <details class="recent" open>
          <summary>{e.recentClaims}</summary>
          <table>
            <tbody>
              {recent.map(({ claim: r, rule }) => (
                <tr data-recent={r.id}>
                  <td>{r.occurredOn}</td>
                  <td>
                    {titleOf(lang, rule)}
                    {r.id === claim.id && <span class="muted">{e.thisClaim}</span>}
                  </td>
                  <td>{e.statuses[r.status]}</td>
                  <td class="num">{r.awardedPoints ?? r.points ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </article>
  );
}

export function reviewPages(deps: RouteDeps) {
  const app = new Hono<ConsoleEnv>();

  app.get('/', async (c) => {
    const w = t(c.get('lang'));
    const e = w.earn;
    const lang = c.get('lang');
    const principal = c.get('principal');
    const filters = filtersOf((n) => c.req.query(n));
    const alliance = await allianceSettings(deps.db, principal.allianceId);
    const rules = (await currentRules(deps.db, principal.allianceId)).filter((r) => r.kind !== 'deduction');
    const categories = [...new Set(rules.map((r) => r.category))];
    const claims = await claimQueue(deps, principal, {
      status: filters.status,
      category: filters.category,
      ruleCode: filters.rule,
      community: filters.community,
      limit: 50,
    });
    const communities = await communitiesOf(deps.db, principal.allianceId);
    const approvals = await approvalsOf(
      deps.db,
      claims.map((x) => x.id),
    );
    const latest = await latestClaimsOf(deps.db, {
      allianceId: principal.allianceId,
      residentIds: claims.map((x) => x.residentId),
      each: 5,
    });
    const decided = c.req.query('decided');
    return c.html(
      <Layout lang={lang} title={e.review} principal={principal} path={c.req.path}>
        <h1>{e.reviewQueue}</h1>
        {decided && e.decided[decided] && (
          <p class="ok" data-decided={decided}>
            {e.decided[decided]}
          </p>
        )}
        <ErrorNote c={c} />
        <form method="get" action={BASE} class="no-print filters">
          <select name="status" aria-label={w.state}>
            {(['waiting', ...STAGES] as const).map((s) => (
              <option value={s === 'waiting' ? '' : s} selected={(filters.status ?? 'waiting') === s}>
                {e.statusFilter[s]}
              </option>
            ))}
          </select>{' '}
          <select name="category" aria-label={e.category}>
            <option value="">{e.allCategories}</option>
            {categories.map((cat) => (
              <option value={cat} selected={filters.category === cat}>
                {cat}
              </option>
            ))}
          </select>{' '}
          <select name="rule" aria-label={e.rule}>
            <option value="">{e.allRules}</option>
            {rules.map((r) => (
              <option value={r.code} selected={filters.rule === r.code}>
                {titleOf(lang, r)}
              </option>
            ))}
          </select>{' '}
          {communities.length > 0 && (
            <>
              <select name="community" aria-label={e.community}>
                <option value="">{e.allCommunities}</option>
                {communities.map((name) => (
                  <option value={name} selected={filters.community === name}>
                    {name}
                  </option>
                ))}
              </select>{' '}
            </>
          )}
          <button type="submit">{e.filter}</button>
        </form>
        <p class="muted">{e.oldestFirst}</p>
        {claims.length === 0 ? (
          <p class="muted" data-empty="queue">
            {e.noClaims}
          </p>
        ) : (
          <>
            <form id="bulk" method="post" action={`${BASE}/bulk`} class="no-print card">
              <button type="submit">{e.bulkApprove}</button> <span class="muted">{e.bulkHelp}</span>
            </form>
            {claims.map((claim) => (
              <ClaimCard
                c={c}
                claim={claim}
                approvals={approvals}
                latest={latest}
                threshold={alliance.fourEyesThreshold}
                filters={filters}
              />
            ))}
          </>
        )}
      </Layout>,
    );
  });

  app.post('/:id{[0-9a-f-]{36}}/decide', async (c) => {
    const form = await posted(c);
    const filters = filtersOf((n) => form.text(n));
    const back = queueHref(filters);
    const decision = form.text('decision');
    let reason: string | undefined = form.text('reason') || undefined;
    if (decision === 'refuse') {
      const preset = REFUSE_REASONS_STORED[Number(form.text('preset'))];
      reason = [preset, reason].filter(Boolean).join('：') || undefined;
    }
    const parsed = ClaimDecision.safeParse({
      decision: decision || undefined,
      points: decision === 'approve' ? form.number('points') : undefined,
      reason,
    });
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')))];
      return c.redirect(`${back}${back.includes('?') ? '&' : '?'}${refusedFields(fields)}`, 303);
    }
    return orBack(c, back, async () => {
      const view = await decide(deps, c.get('principal'), c.req.param('id'), parsed.data);
      return c.redirect(queueHref(filters, { decided: view.status }), 303);
    });
  });

  app.post('/bulk', async (c) => {
    const form = await posted(c);
    const lang = c.get('lang');
    const w = t(lang);
    const e = w.earn;
    const ids = form.all('ids').filter((id) => /^[0-9a-f-]{36}$/.test(id));
    const outcomes = ids.length ? await approveMany(deps, c.get('principal'), ids) : [];
    return c.html(
      <Layout lang={lang} title={e.bulkDone} principal={c.get('principal')} path={BASE}>
        <h1>{e.bulkDone}</h1>
        {outcomes.length === 0 ? (
          <p class="muted">{e.bulkNothing}</p>
        ) : (
          <table data-table="bulk">
            <thead>
              <tr>
                <th>{w.resident}</th>
                <th>{w.state}</th>
              </tr>
            </thead>
            <tbody>
              {outcomes.map((o) => (
                <tr
                  data-claim={o.claimId}
                  data-outcome={o.outcome === 'decided' ? o.status : o.code}
                  class={o.outcome === 'refused' ? 'problem' : undefined}
                >
                  <td>{o.residentName}</td>
                  <td>{o.outcome === 'decided' ? e.decided[o.status] : problemWords(o.code, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p class="no-print">
          <a href={BASE}>{e.backToQueue}</a>
        </p>
      </Layout>,
    );
  });

  return app;
}
