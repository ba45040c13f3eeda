/** @jsxImportSource preact */
/**
 * 我要申报: the rule (by category), the day it happened (today unless changed, never later), the
 * hours for a per-hour rule in half-hour steps, a note, up to three photos, whether to show it
 * in 好人好事, and 提交申报. The claim goes to the outbox first (outbox.ts), so a phone with no
 * network keeps it and sends it later. What is typed survives switching tabs.
 */
import { useEffect, useState } from 'preact/hooks';
import type { RuleView } from '../../../shared/api/earning.ts';
import {
  addDays,
  claimPoints,
  dayIn,
  dayWords,
  evidenceWords,
  hoursText,
  limitWords,
  MAX_HOURS,
  MIN_HOURS,
  ruleAmount,
  ruleTitle,
  stepHours,
} from '../claim-words.ts';
import type { Lang, Words } from '../i18n.ts';
import { type PendingClaim, queueClaim, removePending } from '../outbox.ts';
import { serverNow, setState, useAppState } from '../state.ts';
import { PhotoPicker } from './photo-picker.tsx';

export interface ClaimDraft {
  ruleCode?: string;
  day?: string;
  hours: number;
  note: string;
  photos: Blob[];
  public: boolean;
  /** The refused claim this one is a corrected copy of (removed once this is saved). */
  replaces?: string;
}

const EMPTY: ClaimDraft = { hours: 1, note: '', photos: [], public: true };

/** Kept while the app runs, so a tab switch never loses what was typed. */
let kept: ClaimDraft = EMPTY;

/** Opens the form with a claim the API refused, to change and send again. */
export function fileAgain(pending: PendingClaim): void {
  kept = {
    ruleCode: pending.request.ruleCode,
    day: pending.request.occurredOn,
    hours: pending.request.hours ?? 1,
    note: pending.request.note ?? '',
    photos: pending.photos,
    public: pending.request.public,
    replaces: pending.key,
  };
  setState({ screen: 'claim-new' });
}

function RuleChoice({ rule, t, lang, onPick }: { rule: RuleView; t: Words; lang: Lang; onPick: () => void }) {
  const limits = limitWords(rule.limits, t);
  return (
    <button type="button" class="rule-card" data-rule={rule.code} onClick={onPick}>
      <span class="rule-title">{ruleTitle(rule, lang)}</span>
      <span class="rule-amount">{ruleAmount(rule, t)}</span>
      <span class="rule-meta">
        {[evidenceWords(rule, t), ...limits, rule.activeTo ? t.ruleUntil(dayWords(rule.activeTo, lang)) : '']
          .filter(Boolean)
          .join(' · ')}
      </span>
    </button>
  );
}

/** The rules a resident can claim today: not yet started ones are left out. */
function claimable(rules: RuleView[], today: string): RuleView[] {
  return rules.filter((r) => !r.activeFrom || r.activeFrom <= today);
}

function RulePicker({
  t,
  lang,
  today,
  onPick,
}: {
  t: Words;
  lang: Lang;
  today: string;
  onPick: (code: string) => void;
}) {
  const { rules, online } = useAppState();
  const [category, setCategory] = useState<string>();
  const list = claimable(rules?.data.rules ?? [], today);
  if (!rules) return <p class="notice">{online ? t.loading : t.rulesOffline}</p>;
  if (list.length === 0) return <p class="muted">{t.rulesEmpty}</p>;
  const categories = [...new Set(list.map((r) => r.category))];
  const shown = category ? list.filter((r) => r.category === category) : list;
  return (
    <>
      <h2>{t.claimPickRule}</h2>
      {categories.length > 1 && (
        <div class="chips categories">
          {[undefined, ...categories].map((c) => (
            <button
              key={c ?? ''}
              type="button"
              class={c === category ? 'chip selected' : 'chip'}
              aria-pressed={c === category}
              onClick={() => setCategory(c)}
            >
              {c ?? t.claimCategoryAll}
            </button>
          ))}
        </div>
      )}
      {(category ? [category] : categories).map((c) => (
        <section key={c} class="rule-group">
          {categories.length > 1 && <h3>{c}</h3>}
          {shown
            .filter((r) => r.category === c)
            .map((r) => (
              <RuleChoice key={r.code} rule={r} t={t} lang={lang} onPick={() => onPick(r.code)} />
            ))}
        </section>
      ))}
    </>
  );
}

export function ClaimFormScreen({ t, lang }: { t: Words; lang: Lang }) {
  const { rules, me } = useAppState();
  const [draft, setDraftState] = useState<ClaimDraft>(kept);
  const [problem, setProblem] = useState<string>();
  const [saving, setSaving] = useState(false);
  const setDraft = (patch: Partial<ClaimDraft>) =>
    setDraftState((d) => {
      kept = { ...d, ...patch };
      return kept;
    });
  useEffect(() => window.scrollTo(0, 0), [draft.ruleCode]);

  const timeZone = me?.data.alliance.timezone ?? 'Asia/Shanghai';
  const today = dayIn(timeZone, serverNow());
  const rule = rules?.data.rules.find((r) => r.code === draft.ruleCode);

  if (!rule) {
    return (
      <section class="claim-form">
        <h1>{t.claimNew}</h1>
        <RulePicker t={t} lang={lang} today={today} onPick={(ruleCode) => setDraft({ ruleCode })} />
      </section>
    );
  }

  const latest = rule.activeTo && rule.activeTo < today ? rule.activeTo : today;
  const earliest = rule.activeFrom ?? undefined;
  const day = draft.day && draft.day <= latest ? draft.day : latest;
  const points = claimPoints(rule, rule.kind === 'per_hour' ? draft.hours : undefined);
  const photoNeed = rule.evidence;

  async function submit(e: Event) {
    e.preventDefault();
    if (!rule) return;
    if (day > today || (earliest && day < earliest)) return setProblem(t.claimDayInvalid);
    if (photoNeed === 'required' && draft.photos.length === 0) return setProblem(t.claimNeedPhoto);
    setProblem(undefined);
    setSaving(true);
    try {
      const note = draft.note.trim();
      await queueClaim({
        request: {
          ruleCode: rule.code,
          occurredOn: day,
          ...(rule.kind === 'per_hour' ? { hours: draft.hours } : {}),
          ...(note ? { note } : {}),
          public: draft.public,
        },
        ruleTitleZh: rule.titleZh,
        ruleTitleEn: rule.titleEn,
        photos: photoNeed === 'none' ? [] : draft.photos,
      });
      if (draft.replaces) await removePending(draft.replaces);
      kept = EMPTY;
      // The list shows it at the top: 等待联网发送 until the API has it, then 待审核.
      setState({ screen: 'claims' });
    } finally {
      setSaving(false);
    }
  }

  return (
    <section class="claim-form">
      <h1>{t.claimNew}</h1>
      <div class="chosen-rule" data-testid="chosen-rule">
        <div>
          <p class="rule-title">{ruleTitle(rule, lang)}</p>
          <p class="rule-amount">{ruleAmount(rule, t)}</p>
          <p class="rule-meta">{[evidenceWords(rule, t), ...limitWords(rule.limits, t)].join(' · ')}</p>
        </div>
        <button type="button" class="secondary small" onClick={() => setDraft({ ruleCode: undefined })}>
          {t.claimChangeRule}
        </button>
      </div>
      <form onSubmit={(e) => void submit(e)} novalidate>
        <div class="field">
          <label for="claim-day">{t.claimDay}</label>
          <div class="chips">
            {[
              [today, t.claimToday],
              [addDays(today, -1), t.claimYesterday],
            ]
              .filter(([d]) => d! <= latest && (!earliest || d! >= earliest))
              .map(([d, label]) => (
                <button
                  key={d}
                  type="button"
                  class={d === day ? 'chip selected' : 'chip'}
                  aria-pressed={d === day}
                  onClick={() => setDraft({ day: d })}
                >
                  {label}
                </button>
              ))}
          </div>
          <input
            id="claim-day"
            class="day-input"
            type="date"
            required
            value={day}
            max={latest}
            min={earliest}
            onChange={(e) => {
              const value = e.currentTarget.value;
              if (value) setDraft({ day: value });
            }}
          />
          <p class="field-note">{dayWords(day, lang, today)}</p>
        </div>

        {rule.kind === 'per_hour' && (
          <fieldset class="field">
            <legend>{t.claimHours}</legend>
            <div class="stepper">
              <button
                type="button"
                aria-label={t.claimHoursLess}
                disabled={draft.hours <= MIN_HOURS}
                onClick={() => setDraft({ hours: stepHours(draft.hours, -1) })}
              >
                −
              </button>
              <output data-testid="hours" aria-live="polite">
                {t.hoursValue(hoursText(draft.hours))}
              </output>
              <button
                type="button"
                aria-label={t.claimHoursMore}
                disabled={draft.hours >= MAX_HOURS}
                onClick={() => setDraft({ hours: stepHours(draft.hours, 1) })}
              >
                +
              </button>
            </div>
          </fieldset>
        )}
        {points !== undefined ? (
          <p class="will-get" data-testid="will-get">
            {t.claimWillGet(points)}
          </p>
        ) : (
          <p class="field-note">{t.claimRangeNote}</p>
        )}

        <div class="field">
          <label for="claim-note">{t.claimNote}</label>
          <textarea
            id="claim-note"
            rows={3}
            maxLength={500}
            placeholder={t.claimNotePlaceholder}
            value={draft.note}
            onInput={(e) => setDraft({ note: e.currentTarget.value })}
          />
          <p class="field-note">{t.claimNoteCount(draft.note.length)}</p>
        </div>

        {photoNeed !== 'none' && (
          <PhotoPicker
            photos={draft.photos}
            onChange={(photos) => setDraft({ photos })}
            t={t}
            label={photoNeed === 'required' ? t.claimPhotosRequired : t.claimPhotos}
          />
        )}

        <label class="check">
          <input
            type="checkbox"
            checked={draft.public}
            onChange={(e) => setDraft({ public: e.currentTarget.checked })}
          />
          <span>{t.claimPublic}</span>
        </label>

        {problem && (
          <p class="notice error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" class="primary" disabled={saving}>
          {saving ? t.claimSaving : t.claimSubmit}
        </button>
      </form>
    </section>
  );
}
