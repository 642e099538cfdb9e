/*
 * examens — theme bootstrap.
 *
 * The DSFR README asks for a small inline <script> in <head> that applies the dark theme
 * before the first paint (otherwise pages flash white in dark mode until dsfr.module.js
 * starts). The portal's CSP forbids inline scripts (script-src 'self'), so the same logic
 * lives here and is loaded as a blocking classic script from <head>.
 *
 * It also marks <html> with data-examens-js so that static/css/examens.css can tell the
 * "no JavaScript" case apart without a flash (see the header fallback there).
 */
(function () {
  'use strict';
  var root = document.documentElement;
  root.setAttribute('data-examens-js', '');

  if (!root.hasAttribute('data-fr-theme') && !root.hasAttribute('data-fr-scheme')) return;

  function dark() {
    root.setAttribute('data-fr-theme', 'dark');
    root.style.colorScheme = 'dark';
  }
  function system() {
    if (window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches) dark();
  }

  var stored = '';
  try {
    if ('localStorage' in window && window.localStorage !== null) {
      stored = window.localStorage.getItem('scheme') || '';
    }
  } catch (e) {
    stored = '';
  }
  var scheme = root.getAttribute('data-fr-scheme');

  if (stored === 'dark') dark();
  else if (stored === 'light') return;
  else if (stored === 'system') system();
  else if (scheme === 'dark') dark();
  else if (scheme === 'system') system();
})();
