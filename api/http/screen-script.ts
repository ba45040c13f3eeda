/**
 * The public screen's only script (screen-page.tsx), served as a file from this origin. It reads
 * the link's token from the fragment, fetches `/v1/screen/{token}` at once and every minute,
 * keeps the last answer with its time in localStorage, and turns the panels every 15 seconds:
 * 今日前十, 本月前十, 好人好事, 近期活动, 本月积分, 联盟商家 (long lists over several pages).
 * When a fetch fails it keeps showing the last answer and says from when; when the server says
 * the link is revoked or unknown, it forgets the stored answer and shows only that the screen
 * was stopped. No inline code, no other origin.
 */
export const SCREEN_SCRIPT = `(function () {
  'use strict';
  var ROTATE_MS = 15000;
  var REFRESH_MS = 60000;
  var KEY = 'screen-last';
  var STOPPED = ['screen_link_revoked', 'screen_link_not_found'];
  var lang = document.documentElement.lang === 'en' ? 'en' : 'zh';
  var WORDS = {
    zh: {
      title: '一屏公示',
      alliance: '全联盟',
      today: '今日前十',
      month: '本月前十',
      deeds: '好人好事',
      activities: '近期活动',
      points: '本月积分',
      merchants: '联盟商家',
      pts: '分',
      noToday: '今天还没有人获得积分',
      noMonth: '本月还没有人获得积分',
      noDeeds: '还没有公开的好人好事',
      noActivities: '近期没有活动',
      noMerchants: '还没有联盟商家',
      earned: '本月居民获得积分',
      spent: '本月在联盟商户兑换积分',
      earnedSub: function (where) { return where + '：做好事、参加活动获得'; },
      spentSub: '全联盟商户：扣除撤销的交易',
      placesLeft: function (n) { return '余 ' + n + ' 个名额'; },
      full: '名额已满',
      plus: function (n) { return '+' + n + ' 积分'; },
      page: function (i, n) { return '（' + i + '/' + n + '）'; },
      updated: function (t) { return '数据更新于 ' + t; },
      offline: function (t) { return '网络中断，显示的是 ' + t + ' 的数据'; },
      waiting: '正在读取数据…',
      noData: '网络中断，暂时没有数据',
      stopped: '此公示屏链接已停用',
      noLink: '请用协调员控制台里的公示屏链接打开本页',
      sep: '、'
    },
    en: {
      title: 'Public screen',
      alliance: 'Whole alliance',
      today: 'Top ten today',
      month: 'Top ten this month',
      deeds: 'Good deeds',
      activities: 'Coming activities',
      points: 'Points this month',
      merchants: 'Alliance merchants',
      pts: 'pts',
      noToday: 'Nobody has earned points today yet',
      noMonth: 'Nobody has earned points this month yet',
      noDeeds: 'No good deeds are shown yet',
      noActivities: 'No activities coming',
      noMerchants: 'No merchants in the alliance yet',
      earned: 'Points residents earned',
      spent: 'Points spent at merchants',
      earnedSub: function (where) { return where + ': good deeds and activities'; },
      spentSub: 'All merchants, less reversed sales',
      placesLeft: function (n) { return n + ' places left'; },
      full: 'Full',
      plus: function (n) { return '+' + n + ' points'; },
      page: function (i, n) { return ' (' + i + '/' + n + ')'; },
      updated: function (t) { return 'Updated ' + t; },
      offline: function (t) { return 'Network down: showing the data of ' + t; },
      waiting: 'Loading…',
      noData: 'Network down: no data yet',
      stopped: 'This screen link has been stopped',
      noLink: 'Open this page with the screen link from the coordinator console',
      sep: ', '
    }
  };
  var W = WORDS[lang];
  var main = document.getElementById('screen-main');
  var dots = document.getElementById('screen-dots');
  var status = document.getElementById('screen-status');
  var where = document.getElementById('screen-where');
  var clock = document.getElementById('screen-clock');
  var title = document.getElementById('screen-title');
  var token = '';
  try { token = decodeURIComponent(location.hash.replace(/^#/, '')); } catch (e) { token = ''; }
  var state = { data: null, fetchedAt: 0, offline: false, pages: [], index: 0 };
  var timers = [];

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function add(parent) {
    for (var i = 1; i < arguments.length; i++) if (arguments[i]) parent.appendChild(arguments[i]);
    return parent;
  }
  function zone() { return (state.data && state.data.timezone) || 'Asia/Shanghai'; }
  function parts(at, opts) {
    var out = {};
    var o = { timeZone: zone(), hourCycle: 'h23' };
    for (var k in opts) o[k] = opts[k];
    new Intl.DateTimeFormat('en-GB', o).formatToParts(at).forEach(function (p) { out[p.type] = p.value; });
    return out;
  }
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  function day(at) {
    var p = parts(at, { month: 'numeric', day: 'numeric' });
    var d = Number(p.day), m = Number(p.month);
    return lang === 'en' ? d + ' ' + MONTHS[m - 1] : m + '月' + d + '日';
  }
  function time(at) {
    var p = parts(at, { hour: '2-digit', minute: '2-digit' });
    return p.hour + ':' + p.minute;
  }
  function dayTime(at) { return day(at) + ' ' + time(at); }
  function monthWords(ym) {
    var y = ym.slice(0, 4), m = Number(ym.slice(5, 7));
    return lang === 'en' ? MONTHS[m - 1] + ' ' + y : y + '年' + m + '月';
  }
  function chunks(list, size) {
    var out = [];
    for (var i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
    return out.length ? out : [[]];
  }

  function stop(words) {
    timers.forEach(function (t) { clearInterval(t); });
    timers = [];
    try { localStorage.removeItem(KEY); } catch (e) { /* nothing kept */ }
    state.data = null;
    document.body.textContent = '';
    var p = el('p', 'stopped', words);
    p.setAttribute('data-state', 'stopped');
    document.body.appendChild(p);
    document.title = words;
  }

  function panel(name, heading, sub) {
    var section = el('section', 'panel');
    section.setAttribute('data-panel', name);
    var h = el('h2', '', heading);
    if (sub) h.appendChild(el('small', '', sub));
    section.appendChild(h);
    return section;
  }
  function rankPanel(name, heading, sub, top, empty) {
    var section = panel(name, heading, sub);
    if (!top.length) return add(section, el('p', 'empty', empty));
    var list = el('ol', 'rank');
    top.forEach(function (r) {
      var pts = el('span', 'pts', r.points);
      pts.appendChild(el('small', '', W.pts));
      add(list, add(el('li'), el('span', 'no', r.rank), el('span', 'name', r.name), pts));
    });
    return add(section, list);
  }
  function deedPanel(deeds, i, n) {
    var section = panel('deeds', W.deeds + (n > 1 ? W.page(i + 1, n) : ''));
    if (!deeds.length) return add(section, el('p', 'empty', W.noDeeds));
    var grid = el('div', 'deeds');
    deeds.forEach(function (d) {
      var card = el('article', 'deed');
      var photos = el('div', 'photos');
      d.photos.forEach(function (src) {
        var img = el('img');
        img.alt = '';
        img.addEventListener('error', function () {
          img.remove();
          if (!photos.children.length) card.classList.add('nophoto');
        });
        img.src = src;
        photos.appendChild(img);
      });
      if (!d.photos.length) card.classList.add('nophoto');
      var text = add(el('div', 'text'), el('p', 'who', d.name), el('p', 'what', d.title),
        el('p', 'meta', W.plus(d.points) + ' · ' + day(new Date(d.approvedAt))));
      add(grid, add(card, photos, text));
    });
    return add(section, grid);
  }
  function activityPanel(acts, i, n) {
    var section = panel('activities', W.activities + (n > 1 ? W.page(i + 1, n) : ''));
    if (!acts.length) return add(section, el('p', 'empty', W.noActivities));
    var list = el('div', 'acts');
    acts.forEach(function (a) {
      var starts = new Date(a.startsAt), ends = new Date(a.endsAt);
      var left = el('span', a.placesLeft > 0 ? 'left' : 'left full', a.placesLeft > 0 ? W.placesLeft(a.placesLeft) : W.full);
      add(list, add(el('div', 'act'), el('span', 't', a.title), left,
        el('span', 'w', dayTime(starts) + '–' + time(ends) + ' · ' + a.place)));
    });
    return add(section, list);
  }
  function pointsPanel(d) {
    var section = panel('points', W.points, monthWords(d.points.month));
    var scope = d.screen.community || W.alliance;
    var stats = add(el('div', 'stats'),
      add(el('div', 'stat'), el('p', 'label', W.earned), el('p', 'value', d.points.earned.toLocaleString('zh-CN')), el('p', 'sub', W.earnedSub(scope))),
      add(el('div', 'stat'), el('p', 'label', W.spent), el('p', 'value', d.points.spentAtMerchants.toLocaleString('zh-CN')), el('p', 'sub', W.spentSub)));
    return add(section, stats);
  }
  function merchantPanel(shops, i, n) {
    var section = panel('merchants', W.merchants + (n > 1 ? W.page(i + 1, n) : ''));
    if (!shops.length) return add(section, el('p', 'empty', W.noMerchants));
    var grid = el('div', 'shops');
    shops.forEach(function (m) {
      add(grid, add(el('div', 'shop'), el('p', 'n', m.name), m.address ? el('p', 'a', m.address) : null,
        m.offers.length ? el('p', 'o', m.offers.join(W.sep)) : null));
    });
    return add(section, grid);
  }

  function build(d) {
    var scope = d.screen.community || W.alliance;
    var pages = [
      function () { return rankPanel('today', W.today, scope + ' · ' + day(new Date(d.generatedAt)), d.today.top, W.noToday); },
      function () { return rankPanel('month', W.month, scope + ' · ' + monthWords(d.month.month), d.month.top, W.noMonth); }
    ];
    var deeds = chunks(d.deeds, 3);
    deeds.forEach(function (c, i) { pages.push(function () { return deedPanel(c, i, deeds.length); }); });
    var acts = chunks(d.activities, 4);
    acts.forEach(function (c, i) { pages.push(function () { return activityPanel(c, i, acts.length); }); });
    pages.push(function () { return pointsPanel(d); });
    var shops = chunks(d.merchants, 6);
    shops.forEach(function (c, i) { pages.push(function () { return merchantPanel(c, i, shops.length); }); });
    return pages;
  }

  function renderStatus() {
    status.className = 'status';
    if (!state.data) {
      status.textContent = state.offline ? W.noData : W.waiting;
      status.setAttribute('data-state', state.offline ? 'offline' : 'waiting');
      if (state.offline) status.className = 'status warn';
      return;
    }
    var at = dayTime(new Date(state.fetchedAt));
    status.textContent = state.offline ? W.offline(at) : W.updated(at);
    status.setAttribute('data-state', state.offline ? 'offline' : 'live');
    if (state.offline) status.className = 'status warn';
  }
  function renderClock() {
    var now = new Date();
    clock.textContent = day(now) + ' ' + time(now);
  }
  function render() {
    renderStatus();
    renderClock();
    if (!state.data) return;
    var d = state.data;
    title.textContent = d.alliance + ' · ' + W.title;
    where.textContent = d.screen.community || W.alliance;
    if (!state.pages.length) return;
    state.index = state.index % state.pages.length;
    main.textContent = '';
    main.appendChild(state.pages[state.index]());
    dots.textContent = '';
    state.pages.forEach(function (_, i) { dots.appendChild(el('span', i === state.index ? 'dot on' : 'dot')); });
  }
  function show(data, fetchedAt, offline) {
    state.data = data;
    state.fetchedAt = fetchedAt;
    state.offline = offline;
    state.pages = build(data);
    render();
  }

  function load() {
    try {
      var kept = JSON.parse(localStorage.getItem(KEY) || 'null');
      if (kept && kept.token === token && kept.data) return kept;
    } catch (e) { /* nothing usable kept */ }
    return null;
  }
  function keep() {
    try {
      localStorage.setItem(KEY, JSON.stringify({ token: token, fetchedAt: state.fetchedAt, data: state.data }));
    } catch (e) { /* full: kept in memory only */ }
  }

  function refresh() {
    var url = '/v1/screen/' + encodeURIComponent(token);
    return fetch(url, { cache: 'no-store', headers: { accept: 'application/json' } })
      .then(function (res) {
        if (res.ok) return res.json().then(function (data) { return { data: data }; });
        return res.json().then(function (p) { return { problem: p }; }, function () { return { failed: true }; });
      })
      .then(function (answer) {
        if (answer.data) {
          show(answer.data, Date.now(), false);
          keep();
        } else if (answer.problem && STOPPED.indexOf(answer.problem.type) >= 0) {
          stop(W.stopped);
        } else {
          state.offline = true;
          renderStatus();
        }
      }, function () {
        state.offline = true;
        renderStatus();
      });
  }

  window.addEventListener('hashchange', function () { location.reload(); });
  if (!token) { stop(W.noLink); return; }
  var kept = load();
  if (kept) show(kept.data, kept.fetchedAt, false);
  else render();
  refresh();
  timers.push(setInterval(refresh, REFRESH_MS));
  timers.push(setInterval(function () {
    if (state.pages.length) state.index = (state.index + 1) % state.pages.length;
    render();
  }, ROTATE_MS));
})();
`;
