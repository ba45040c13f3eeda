/** @jsxImportSource preact */
/**
 * The shell: header with the always-visible pending count, the four screens, and the one place
 * every scan arrives (camera, wedge scanner, paste) to be judged.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { buildKeyIndex } from '../../shared/jwks.ts';
import { warmQrDecoder } from './camera.tsx';
import { looksLikeCard, readCard } from './card.ts';
import { warmGoodPhotos } from './good-photos.ts';
import { words } from './i18n.ts';
import { flushOutbox, refreshCounts, startSyncTriggers } from './outbox.ts';
import { EnrollScreen, enrollmentCodeFrom } from './screens/enroll.tsx';
import { ScanScreen, type Step, stepAfterScan } from './screens/scan.tsx';
import { SettingsScreen } from './screens/settings.tsx';
import { StatementsScreen } from './screens/statements.tsx';
import { TodayScreen } from './screens/today.tsx';
import { loadSession, refreshConfig, serverNow, setLang } from './session.ts';
import { getState, setState, useAppState } from './state.ts';
import { judgeVoucher, type Verdict } from './verdict.ts';
import { listenForWedgeScanner } from './wedge.ts';

type Tab = 'scan' | 'today' | 'statements' | 'settings';
const CONFIG_REFRESH_MS = 10 * 60_000;
const emptyKeys = buildKeyIndex([]);

/** Synchronous from scan to verdict: the screen can show it in the very next frame. */
export function judge(text: string): Verdict {
  const { keys, config, device, taken } = getState();
  return judgeVoucher(text, {
    keys: keys ?? emptyKeys,
    merchantNumber: device?.merchantNumber ?? 0,
    skewSeconds: config?.config.alliance.skewSeconds ?? 120,
    nowMs: serverNow(),
    taken,
  });
}

async function whenEnrolled(): Promise<void> {
  await refreshCounts();
  await refreshConfig().catch(() => false);
  await flushOutbox();
}

export async function start(): Promise<void> {
  await loadSession();
  const { device } = getState();
  setState({ phase: device ? 'ready' : 'enroll' });
  document.documentElement.lang = getState().lang === 'zh' ? 'zh-CN' : 'en';
  startSyncTriggers();
  void warmQrDecoder();
  setInterval(() => {
    if (getState().device) void refreshConfig().catch(() => false);
  }, CONFIG_REFRESH_MS);
  if (device) await whenEnrolled();
  else await refreshCounts();
}

function Header() {
  const state = useAppState();
  const t = words[state.lang];
  const title = state.config?.config.merchant.name ?? t.appTitle;
  return (
    <header class="top">
      <div class="top-title">{title}</div>
      <span class={`net ${state.online ? 'on' : 'off'}`} id="net" data-online={String(state.online)}>
        {state.online ? t.online : t.offline}
      </span>
      <span
        class={`badge ${state.pending > 0 ? 'waiting' : ''}`}
        id="pending"
        data-count={state.pending}
        data-syncing={String(state.syncing)}
      >
        {t.pending(state.pending)}
      </span>
      <button
        type="button"
        class="lang"
        id="lang"
        onClick={() => void setLang(state.lang === 'zh' ? 'en' : 'zh')}
      >
        {t.switchLang}
      </button>
    </header>
  );
}

export function App() {
  const state = useAppState();
  const t = words[state.lang];
  const [tab, setTab] = useState<Tab>('scan');
  const [step, setStep] = useState<Step>({ kind: 'idle' });

  const onText = useCallback((text: string) => {
    if (getState().phase !== 'ready') return;
    setTab('scan');
    // A household card opens its own flow; a product's barcode while a basket is open adds the
    // good; anything else is judged as a code.
    const { keys, config } = getState();
    if (looksLikeCard(text)) {
      const card = readCard(text, keys ?? emptyKeys, config?.config);
      return setStep({ kind: 'card', card, at: performance.now() });
    }
    setStep((step) => stepAfterScan(step, text, config?.config.goods ?? [], judge));
  }, []);

  useEffect(() => listenForWedgeScanner(onText), [onText]);
  // The goods' pictures, while there is signal: the basket's tiles show them offline too.
  const goods = state.config?.config.goods;
  useEffect(() => {
    if (goods && state.online) warmGoodPhotos(goods);
  }, [goods, state.online]);

  if (state.phase === 'loading') return <div class="screen" />;
  if (state.phase === 'enroll') {
    return (
      <div class="app">
        <Header />
        <main>
          <EnrollScreen
            initialCode={enrollmentCodeFrom(location.hash)}
            onEnrolled={() => {
              history.replaceState(null, '', location.pathname);
              setState({ phase: 'ready' });
              void whenEnrolled();
            }}
          />
        </main>
      </div>
    );
  }
  const nav: [Tab, string, string][] = [
    ['scan', '▣', t.navScan],
    ['today', '☰', t.navToday],
    ['statements', '¥', t.navStatements],
    ['settings', '⚙', t.navSettings],
  ];
  return (
    <div class="app">
      <Header />
      <main>
        {tab === 'scan' && <ScanScreen step={step} setStep={setStep} onText={onText} />}
        {tab === 'today' && <TodayScreen />}
        {tab === 'statements' && <StatementsScreen />}
        {tab === 'settings' && <SettingsScreen />}
      </main>
      <nav class="tabs">
        {nav.map(([id, icon, label]) => (
          <button
            type="button"
            key={id}
            id={`tab-${id}`}
            class={tab === id ? 'active' : ''}
            aria-current={tab === id ? 'page' : undefined}
            onClick={() => setTab(id)}
          >
            <span aria-hidden="true">{icon}</span>
            {label}
          </button>
        ))}
      </nav>
    </div>
  );
}
