/**
 * The inspector's page's own script, served as a file from the console's origin (the
 * Content-Security-Policy runs no inline code): the page works without it, as a plain form post;
 * with it, a check saved on a weak signal is never lost. On 保存 it scales each photo of an item
 * marked 差 (longest side 1600 px, JPEG, as the resident app does), keeps the whole form on the
 * phone (localStorage, per door plate) and posts it to the page's own address with fetch, again
 * and again with a growing pause (at once when the phone says it is back online), until the
 * server answers. The form carries the nonce made when the page was opened: however often it is
 * sent, the server records one check. A check still waiting when the page is opened again is
 * sent again. 已保存 shows only once the server has answered.
 */
export const INSPECT_SCRIPT = `(function () {
  'use strict';
  var form = document.getElementById('inspect-form');
  var box = document.getElementById('inspect-status');
  if (!form || !box || !window.fetch || !window.FormData || !window.localStorage) return;
  var button = form.querySelector('button[type=submit]');
  var key = 'inspect-pending:' + form.getAttribute('data-plate');
  var delay = 2000;
  var timer = null;
  var sending = false;
  var current = null;

  function say(state, words) {
    box.hidden = false;
    box.setAttribute('data-state', state);
    box.className = state === 'saved' ? 'ok' : state === 'refused' ? 'error' : 'notice';
    box.textContent = words;
  }
  function word(name) { return box.getAttribute('data-' + name) || ''; }
  function load() {
    try { return JSON.parse(localStorage.getItem(key) || 'null'); } catch (e) { return null; }
  }
  function keep(p) {
    try { localStorage.setItem(key, JSON.stringify(p)); } catch (e) { /* full: kept in memory only */ }
  }
  function drop() {
    try { localStorage.removeItem(key); } catch (e) { /* nothing kept */ }
  }

  function toDataUrl(blob) {
    return new Promise(function (resolve, reject) {
      var r = new FileReader();
      r.onload = function () { resolve(r.result); };
      r.onerror = function () { reject(r.error); };
      r.readAsDataURL(blob);
    });
  }
  function toBlob(dataUrl) {
    var comma = dataUrl.indexOf(',');
    var type = dataUrl.slice(5, dataUrl.indexOf(';'));
    var text = atob(dataUrl.slice(comma + 1));
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return new Blob([bytes], { type: type || 'image/jpeg' });
  }
  function viaImage(file) {
    return new Promise(function (resolve, reject) {
      var url = URL.createObjectURL(file);
      var img = new Image();
      img.onload = function () { URL.revokeObjectURL(url); resolve(img); };
      img.onerror = function () { URL.revokeObjectURL(url); reject(new Error('not an image')); };
      img.src = url;
    });
  }
  function decode(file) {
    if (!window.createImageBitmap) return viaImage(file);
    return createImageBitmap(file, { imageOrientation: 'from-image' }).catch(function () { return viaImage(file); });
  }
  /** Longest side 1600 px, JPEG at about 300 KB; the canvas keeps no EXIF (no place, no phone). */
  function scale(file) {
    return decode(file).then(function (image) {
      var s = Math.min(1, 1600 / Math.max(image.width, image.height));
      var width = Math.max(1, Math.round(image.width * s));
      var height = Math.max(1, Math.round(image.height * s));
      var canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      var ctx = canvas.getContext('2d');
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, width, height);
      ctx.drawImage(image, 0, 0, width, height);
      if (image.close) image.close();
      var qualities = [0.85, 0.75, 0.65, 0.55, 0.45];
      var i = 0;
      function next() {
        return new Promise(function (resolve) { canvas.toBlob(resolve, 'image/jpeg', qualities[i]); })
          .then(function (blob) {
            if (!blob) throw new Error('no JPEG');
            if (blob.size > 300 * 1024 && i < qualities.length - 1) { i++; return next(); }
            return blob;
          });
      }
      return next();
    }).then(toDataUrl);
  }

  /** The form as it is now: its fields, and the scaled photos of the items marked 差. */
  function capture() {
    var fields = [];
    var photos = [];
    var waits = [];
    new FormData(form).forEach(function (value, name) {
      if (typeof value === 'string') { fields.push([name, value]); return; }
      if (!value || !value.size) return;
      var code = name.slice('photo-'.length);
      var bad = form.querySelector('input[type=radio][value=bad][name="item-' + (window.CSS && CSS.escape ? CSS.escape(code) : code) + '"]');
      if (bad && !bad.checked) return;
      waits.push(scale(value).catch(function () { return toDataUrl(value); }).then(function (url) {
        photos.push([name, url]);
      }));
    });
    return Promise.all(waits).then(function () { return { fields: fields, photos: photos }; });
  }

  function later(pending) {
    say('waiting', word('waiting'));
    clearTimeout(timer);
    timer = setTimeout(function () { send(pending); }, delay);
    delay = Math.min(delay * 2, 30000);
  }

  function refused(res) {
    drop();
    current = null;
    return res.text().then(function (html) {
      var doc = new DOMParser().parseFromString(html, 'text/html');
      var alert = doc.querySelector('[role=alert]');
      say('refused', word('refused') + (alert ? alert.textContent.trim() : res.status));
      if (button) button.disabled = false;
    });
  }

  function send(pending) {
    if (sending) return;
    sending = true;
    clearTimeout(timer);
    say('sending', word('sending'));
    var body = new FormData();
    pending.fields.forEach(function (f) { body.append(f[0], f[1]); });
    pending.photos.forEach(function (p) { body.append(p[0], toBlob(p[1]), 'photo.jpg'); });
    fetch(form.action, { method: 'POST', body: body, credentials: 'same-origin' }).then(function (res) {
      sending = false;
      var url = new URL(res.url);
      if (res.status >= 500 || res.status === 408 || res.status === 429) return later(pending);
      if (url.pathname.indexOf('/console/login') === 0) {
        say('waiting', word('signin'));
        location.assign(res.url);
        return;
      }
      if (res.status >= 400) return refused(res);
      if (url.searchParams.get('saved')) {
        drop();
        current = null;
        say('saved', word('saved'));
        location.replace(res.url);
        return;
      }
      if (url.searchParams.get('error')) {
        drop();
        current = null;
        location.replace(res.url);
        return;
      }
      later(pending);
    }, function () {
      sending = false;
      later(pending);
    });
  }

  // With the script, a photo is one large tap that says when a photo was taken, and shows it.
  form.classList.add('js');
  form.addEventListener('change', function (e) {
    var input = e.target;
    if (!input || input.type !== 'file') return;
    var label = form.querySelector('label[for="' + input.id + '"]');
    var preview = input.parentNode.querySelector('img.preview');
    var file = input.files && input.files[0];
    if (label) {
      if (!label.getAttribute('data-words')) label.setAttribute('data-words', label.textContent);
      label.textContent = file ? word('chosen') : label.getAttribute('data-words');
      if (file) label.setAttribute('data-chosen', ''); else label.removeAttribute('data-chosen');
    }
    if (preview) {
      if (preview.src) URL.revokeObjectURL(preview.src);
      if (file) { preview.src = URL.createObjectURL(file); preview.hidden = false; }
      else { preview.removeAttribute('src'); preview.hidden = true; }
    }
  });

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    if (current || sending) return;
    if (button) button.disabled = true;
    say('sending', word('sending'));
    capture().then(function (pending) {
      current = pending;
      keep(pending);
      delay = 2000;
      send(pending);
    }).catch(function () {
      // Not kept on the phone (a photo that cannot be read): the plain form post still works.
      form.submit();
    });
  });
  window.addEventListener('online', function () {
    if (current && !sending) { delay = 2000; send(current); }
  });

  var before = load();
  if (before && before.fields) {
    current = before;
    if (button) button.disabled = true;
    say('waiting', word('pending'));
    send(before);
  }
})();
`;
