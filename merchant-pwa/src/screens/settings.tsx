/** @jsxImportSource preact */
/** Who this phone is, how fresh its offers and keys are, and the language. */
import { useState } from 'preact/hooks';
import { words } from '../i18n.ts';
import { refreshConfig, setLang } from '../session.ts';
import { useAppState } from '../state.ts';

export function SettingsScreen() {
  const state = useAppState();
  const t = words[state.lang];
  const [busy, setBusy] = useState(false);
  const config = state.config?.config;
  const when = (ms: number) =>
    new Intl.DateTimeFormat(state.lang === 'zh' ? 'zh-CN' : 'en-GB', {
      dateStyle: 'short',
      timeStyle: 'short',
      timeZone: config?.alliance.timezone,
    }).format(new Date(ms));
  return (
    <div class="screen settings-screen">
      <h1>{t.settingsTitle}</h1>
      {config && <p class="big-line">{t.merchantLine(config.merchant.name, config.merchant.number)}</p>}
      {state.device?.name && <p id="device-line">{t.deviceLine(state.device.name)}</p>}
      {config && <p>{config.alliance.name}</p>}
      {state.config && <p class="note">{t.configAge(when(state.config.fetchedAt))}</p>}
      <button
        type="button"
        class="secondary wide"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void refreshConfig()
            .catch(() => false)
            .finally(() => setBusy(false));
        }}
      >
        {t.refreshConfig}
      </button>
      <button
        type="button"
        class="secondary wide"
        id="lang-switch"
        onClick={() => void setLang(state.lang === 'zh' ? 'en' : 'zh')}
      >
        {t.switchLang}
      </button>
    </div>
  );
}
