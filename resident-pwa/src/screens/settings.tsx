/** @jsxImportSource preact */
/** Language, large text, high contrast, the household card (PIN, lost), and signing out (with a plain confirmation). */
import { useState } from 'preact/hooks';
import type { Words } from '../i18n.ts';
import { signOut, updateSettings } from '../session.ts';
import { useAppState } from '../state.ts';
import { CardSection } from './card.tsx';

function Toggle({
  label,
  on,
  t,
  onChange,
}: {
  label: string;
  on: boolean;
  t: Words;
  onChange: (on: boolean) => void;
}) {
  return (
    <button type="button" class="toggle" role="switch" aria-checked={on} onClick={() => onChange(!on)}>
      <span>{label}</span>
      <span class={on ? 'state on' : 'state'}>{on ? t.on : t.off}</span>
    </button>
  );
}

export function SettingsScreen({ t }: { t: Words }) {
  const { settings, me, outbox, online } = useAppState();
  const [confirming, setConfirming] = useState(false);
  return (
    <section class="settings">
      <h1>{t.settingsTitle}</h1>
      {me && (
        <p class="muted">
          {me.data.resident.name} · {me.data.alliance.name}
        </p>
      )}
      <div class="setting">
        <p>{t.language}</p>
        <div class="segmented">
          <button
            type="button"
            aria-pressed={settings.lang === 'zh'}
            onClick={() => void updateSettings({ lang: 'zh' })}
            lang="zh-CN"
          >
            中文
          </button>
          <button
            type="button"
            aria-pressed={settings.lang === 'en'}
            onClick={() => void updateSettings({ lang: 'en' })}
            lang="en"
          >
            English
          </button>
        </div>
      </div>
      <Toggle
        label={t.largeText}
        on={settings.largeText}
        t={t}
        onChange={(largeText) => void updateSettings({ largeText })}
      />
      <Toggle
        label={t.highContrast}
        on={settings.highContrast}
        t={t}
        onChange={(highContrast) => void updateSettings({ highContrast })}
      />
      <CardSection t={t} online={online} />
      {confirming ? (
        <div class="notice warn" role="alertdialog">
          <p>{t.signOutConfirm}</p>
          {outbox.length > 0 && <p>{t.signOutPending(outbox.length)}</p>}
          <button type="button" class="danger" onClick={() => void signOut()}>
            {t.signOutYes}
          </button>
          <button type="button" class="secondary" onClick={() => setConfirming(false)}>
            {t.cancel}
          </button>
        </div>
      ) : (
        <button type="button" class="secondary sign-out" onClick={() => setConfirming(true)}>
          {t.signOut}
        </button>
      )}
    </section>
  );
}
