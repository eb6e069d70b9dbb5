// guidepost serve: live reload. Injected into every page the dev server
// serves (never into a built site). It listens to /_guidepost/events and
//   - reload: reloads this page when it changed, keeping the scroll
//     position (sessionStorage) and the URL fragment, which holds the
//     decision tool's answers;
//   - css: swaps changed stylesheets without reloading;
//   - error: shows every file:line: message of a failed build in an
//     overlay (role=alert; Escape or the button dismisses it);
//   - ok: removes the overlay.
// The browser reconnects by itself when the server restarts; the server
// then sends a reload if this page changed meanwhile (data-v is the
// version of the page this tab got).
(function () {
  'use strict';
  var script = document.currentScript;
  var version = script ? script.getAttribute('data-v') || '' : '';
  var errorPage = script ? script.hasAttribute('data-error') : false;
  var scrollKey = 'guidepost-serve:scroll';
  var overlayId = 'guidepost-serve-overlay';

  function here() {
    var p = location.pathname.replace(/index\.html$/, '');
    try { return decodeURI(p); } catch (e) { return p; }
  }

  // Restore the scroll position saved before a reload of this page.
  try {
    var saved = JSON.parse(sessionStorage.getItem(scrollKey) || 'null');
    if (saved && saved.path === here()) {
      sessionStorage.removeItem(scrollKey);
      var restore = function () { window.scrollTo(saved.x, saved.y); };
      restore();
      if (document.readyState !== 'complete') {
        window.addEventListener('load', restore, { once: true });
      }
    }
  } catch (e) { /* storage disabled: reload without restoring */ }

  function reload() {
    try {
      sessionStorage.setItem(scrollKey, JSON.stringify({ path: here(), x: window.scrollX, y: window.scrollY }));
    } catch (e) { /* storage disabled */ }
    location.reload();
  }

  // A fingerprinted stylesheet URL without its hash: /css/site.1a2b3c4d5e.css → /css/site.css
  function stem(u) {
    return u.replace(/\.[0-9a-f]{10}(\.css)$/, '$1');
  }

  function swapStyles(changes) {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    changes.forEach(function (c) {
      Array.prototype.forEach.call(links, function (link) {
        var path = new URL(link.href, location.href).pathname;
        if (path !== c.old && stem(path) !== stem(c.new)) {
          return;
        }
        // Load the new sheet before dropping the old one, so nothing flashes unstyled.
        var next = link.cloneNode();
        next.href = c.new;
        next.addEventListener('load', function () { link.remove(); }, { once: true });
        next.addEventListener('error', function () { link.remove(); }, { once: true });
        link.after(next);
      });
    });
  }

  function ensureStyle() {
    if (document.querySelector('link[data-guidepost-serve]')) {
      return;
    }
    var l = document.createElement('link');
    l.rel = 'stylesheet';
    l.href = '/_guidepost/client.css';
    l.setAttribute('data-guidepost-serve', '');
    document.head.appendChild(l);
  }

  function hideOverlay() {
    var o = document.getElementById(overlayId);
    if (o) {
      o.remove();
    }
  }

  function showOverlay(diags) {
    ensureStyle();
    hideOverlay();
    var o = document.createElement('section');
    o.id = overlayId;
    o.setAttribute('role', 'alert');
    o.setAttribute('aria-labelledby', overlayId + '-title');
    var h = document.createElement('h2');
    h.id = overlayId + '-title';
    h.textContent = diags.length === 1 ? 'The site does not build: 1 problem' : 'The site does not build: ' + diags.length + ' problems';
    var p = document.createElement('p');
    p.textContent = errorPage ?
      'The site has not built yet, so no page is served until it does. This page reloads by itself when the problems are fixed.' :
      'Showing the last good build. This message goes away when the problems are fixed.';
    var ul = document.createElement('ul');
    diags.forEach(function (d) {
      var li = document.createElement('li');
      var code = document.createElement('code');
      code.textContent = d.text;
      li.appendChild(code);
      ul.appendChild(li);
    });
    var close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Dismiss';
    close.setAttribute('aria-keyshortcuts', 'Escape');
    close.addEventListener('click', hideOverlay);
    o.append(h, p, ul, close);
    document.body.appendChild(o);
  }

  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && document.getElementById(overlayId)) {
      hideOverlay();
    }
  });

  var source;
  function connect() {
    var url = '/_guidepost/events?path=' + encodeURIComponent(here()) + '&v=' + encodeURIComponent(version);
    source = new EventSource(url);
    source.addEventListener('reload', function (e) {
      var d = JSON.parse(e.data);
      if (d.all || (d.paths || []).indexOf(here()) >= 0) {
        reload();
      }
    });
    source.addEventListener('css', function (e) {
      swapStyles(JSON.parse(e.data).changes || []);
    });
    source.addEventListener('ok', function () {
      if (errorPage) {
        reload();
        return;
      }
      hideOverlay();
    });
    // A build error is an "error" event with data; a lost connection is
    // an "error" event without.
    source.addEventListener('error', function (e) {
      if (typeof e.data === 'string') {
        showOverlay(JSON.parse(e.data).diagnostics || []);
        return;
      }
      if (source.readyState === EventSource.CLOSED) {
        // The browser gave up (the server answered something else): try again.
        setTimeout(connect, 2000);
      }
    });
  }
  connect();
})();
