/** @jsxImportSource preact */
import { render } from 'preact';
import { useState } from 'preact/hooks';

const words = {
  zh: { title: '文明积分 · 居民端', lang: 'English' },
  en: { title: 'Civilization points · Resident', lang: '中文' },
};

function App() {
  const [lang, setLang] = useState<'zh' | 'en'>('zh');
  const t = words[lang];
  return (
    <main
      style={{ font: '20px/1.5 system-ui, sans-serif', padding: '1rem', maxWidth: '40rem', margin: '0 auto' }}
    >
      <h1>{t.title}</h1>
      <button
        type="button"
        style={{ fontSize: '18px', minHeight: '48px' }}
        onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
      >
        {t.lang}
      </button>
    </main>
  );
}

render(<App />, document.getElementById('app')!);
