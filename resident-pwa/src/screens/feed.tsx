/** @jsxImportSource preact */
/**
 * 好人好事: approved good deeds their residents chose to show, newest first, names masked by the
 * API (王*兰), with their photos, and one 点赞 each (the button then says 已点赞).
 */
import { useEffect, useState } from 'preact/hooks';
import type { FeedItem } from '../../../shared/api/earning.ts';
import { dayIn, dayWords, ruleTitle } from '../claim-words.ts';
import { likeGoodDeed, refreshFeed } from '../earning.ts';
import type { Lang, Words } from '../i18n.ts';
import { serverNow, useAppState } from '../state.ts';
import { ServerPhoto } from './photo-picker.tsx';

function GoodDeed({ item, t, lang, today }: { item: FeedItem; t: Words; lang: Lang; today: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <li class="deed" data-testid="deed" data-claim-id={item.claimId}>
      <div class="deed-top">
        <span class="deed-name">{item.name}</span>
        <span class="deed-points">{t.feedPoints(item.points)}</span>
      </div>
      <p class="deed-title">{ruleTitle(item, lang)}</p>
      {item.note && <p class="claim-note">{item.note}</p>}
      <p class="claim-when">{dayWords(item.occurredOn, lang, today)}</p>
      {item.evidenceIds.length > 0 && (
        <ul class="deed-photos">
          {item.evidenceIds.map((id, i) => (
            <li key={id}>
              <ServerPhoto id={id} alt={t.photoAlt(i + 1)} />
            </li>
          ))}
        </ul>
      )}
      <div class="deed-likes">
        <button
          type="button"
          class={item.likedByMe ? 'like liked' : 'like'}
          aria-pressed={item.likedByMe}
          disabled={busy || item.likedByMe}
          onClick={() => {
            setBusy(true);
            void likeGoodDeed(item.claimId)
              .catch(() => {})
              .finally(() => setBusy(false));
          }}
        >
          {item.likedByMe ? `♥ ${t.liked}` : `♡ ${t.like}`}
        </button>
        <span class="like-count" data-testid="likes">
          {t.likes(item.likes)}
        </span>
      </div>
    </li>
  );
}

export function FeedScreen({ t, lang }: { t: Words; lang: Lang }) {
  const { feed, online, me } = useAppState();
  useEffect(() => {
    void refreshFeed().catch(() => {});
  }, []);
  const today = dayIn(me?.data.alliance.timezone ?? 'Asia/Shanghai', serverNow());
  return (
    <section class="feed">
      <h1>{t.feedTitle}</h1>
      {!online && <p class="notice">{t.feedOffline}</p>}
      {feed === undefined ? (
        online && <p class="muted">{t.feedLoading}</p>
      ) : feed.length === 0 ? (
        <p class="muted">{t.feedEmpty}</p>
      ) : (
        <ul class="deeds" data-testid="feed">
          {feed.map((item) => (
            <GoodDeed key={item.claimId} item={item} t={t} lang={lang} today={today} />
          ))}
        </ul>
      )}
    </section>
  );
}
