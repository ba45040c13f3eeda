/** @jsxImportSource preact */
/**
 * The shell: a header with the resident's name and whether the phone is online, the screen, and
 * a bottom bar of five large tabs (首页, 申报, 排行, 商家, 设置), always in view (the page is padded
 * above it). The code screen is loaded on demand (it carries the QR encoder), prefetched once
 * home is showing. A check-in link opened where no one is signed in shows why it cannot check in.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { takeCheckinLink } from './activities.ts';
import { SignedOutError } from './api.ts';
import { type Words, words } from './i18n.ts';
import { ActivitiesScreen } from './screens/activities.tsx';
import { CheckinScreen, NoSessionCheckin } from './screens/checkin.tsx';
import { ClaimFormScreen } from './screens/claim-form.tsx';
import { ClaimsScreen } from './screens/claims.tsx';
import { CouponsScreen } from './screens/coupons.tsx';
import { EnrollScreen } from './screens/enroll.tsx';
import { FeedScreen } from './screens/feed.tsx';
import { HomeScreen } from './screens/home.tsx';
import { HouseholdScreen } from './screens/household.tsx';
import { MerchantsScreen } from './screens/merchants.tsx';
import { NoticeScreen } from './screens/notice.tsx';
import { RankingScreen } from './screens/ranking.tsx';
import { ScanScreen } from './screens/scan.tsx';
import { SettingsScreen } from './screens/settings.tsx';
import { loadSession, refreshAll, takeEnrollmentLink } from './session.ts';
import { type Screen, setState, useAppState } from './state.ts';

type CodeScreenType = ComponentType<{ t: Words }>;
let codeScreen: Promise<CodeScreenType> | undefined;
const loadCodeScreen = () => {
  codeScreen ??= import('./screens/code.tsx').then((m) => m.default);
  return codeScreen;
};

function LazyCodeScreen({ t }: { t: Words }) {
  const [Loaded, setLoaded] = useState<CodeScreenType>();
  useEffect(() => {
    void loadCodeScreen().then((c) => setLoaded(() => c));
  }, []);
  return Loaded ? <Loaded t={t} /> : <p class="muted center">{t.codeFetching}</p>;
}

const REFRESH_EVERY_MS = 60_000;

/** Reads the phone's store, then the API; again when the network returns or the app is shown. */
export async function start(): Promise<void> {
  await loadSession();
  const refresh = () =>
    refreshAll().catch((e) => {
      if (!(e instanceof SignedOutError)) console.warn(e);
    });
  void refresh();
  window.addEventListener('online', () => void refresh());
  window.addEventListener('hashchange', takeEnrollmentLink);
  window.addEventListener('hashchange', takeCheckinLink);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void refresh();
  });
  setInterval(() => {
    if (document.visibilityState === 'visible') void refresh();
  }, REFRESH_EVERY_MS);
}

/**
 * The tab a screen belongs to: the claim form under 申报; good deeds, 我家评分, 月度公示, activities,
 * 扫一扫 and the check-in result under 首页.
 */
const TAB_OF: Partial<Record<Screen, Screen>> = {
  'claim-new': 'claims',
  activities: 'home',
  scan: 'home',
  checkin: 'home',
  feed: 'home',
  household: 'home',
  notice: 'home',
  coupons: 'merchants',
};

function Tab({ screen, current, label }: { screen: Screen; current: Screen; label: string }) {
  const active = (TAB_OF[current] ?? current) === screen;
  return (
    <button
      type="button"
      class={active ? 'tab active' : 'tab'}
      aria-current={active ? 'page' : undefined}
      onClick={() => {
        setState({ screen });
        // A tap on 首页 or 申报 also asks what changed (a claim decided, points arrived).
        if (screen === 'home' || screen === 'claims') void refreshAll().catch(() => {});
      }}
    >
      {label}
    </button>
  );
}

export function App() {
  const state = useAppState();
  const t = words(state.settings.lang);
  useEffect(() => {
    document.title = t.appTitle;
  }, [t]);
  useEffect(() => {
    // Warm the code screen while the resident reads the home screen, so the tap only waits
    // for the API.
    if (state.phase === 'ready') setTimeout(() => void loadCodeScreen(), 300);
  }, [state.phase]);

  if (state.phase === 'loading') return <p class="muted center">{t.loading}</p>;
  if (state.phase === 'enroll') {
    return (
      <main class="page">
        {state.checkin?.step === 'no-session' ? <NoSessionCheckin t={t} /> : <EnrollScreen t={t} />}
      </main>
    );
  }
  return (
    <>
      <header class="top">
        <span class="app-name">{t.appTitle}</span>
        {state.me && <span class="who">{t.hello(state.me.data.resident.name)}</span>}
        {!state.online && (
          <span class="offline-badge" data-testid="offline-badge">
            {t.offline}
          </span>
        )}
      </header>
      <main class="page">
        {state.screen === 'home' && <HomeScreen t={t} />}
        {state.screen === 'code' && <LazyCodeScreen t={t} />}
        {state.screen === 'merchants' && <MerchantsScreen t={t} lang={state.settings.lang} />}
        {state.screen === 'settings' && <SettingsScreen t={t} />}
        {state.screen === 'claims' && <ClaimsScreen t={t} lang={state.settings.lang} />}
        {state.screen === 'claim-new' && <ClaimFormScreen t={t} lang={state.settings.lang} />}
        {state.screen === 'feed' && <FeedScreen t={t} lang={state.settings.lang} />}
        {state.screen === 'household' && <HouseholdScreen t={t} lang={state.settings.lang} />}
        {state.screen === 'notice' && <NoticeScreen t={t} />}
        {state.screen === 'activities' && <ActivitiesScreen t={t} lang={state.settings.lang} />}
        {state.screen === 'checkin' && <CheckinScreen t={t} />}
        {state.screen === 'scan' && <ScanScreen t={t} />}
        {state.screen === 'ranking' && <RankingScreen t={t} />}
        {state.screen === 'coupons' && <CouponsScreen t={t} lang={state.settings.lang} />}
      </main>
      <nav class="tabs" data-testid="tabs">
        <Tab screen="home" current={state.screen} label={t.navHome} />
        <Tab screen="claims" current={state.screen} label={t.navClaims} />
        <Tab screen="ranking" current={state.screen} label={t.navRanking} />
        <Tab screen="merchants" current={state.screen} label={t.navMerchants} />
        <Tab screen="settings" current={state.screen} label={t.navSettings} />
      </nav>
    </>
  );
}
