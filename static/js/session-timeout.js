/*
 * examens — session expiry warning (RGAA 13.1: the user can extend a time limit).
 *
 * Reads <meta name="examens-session-timeout" content="SECONDS"> (the server's idle timeout,
 * counted from this page load) and, five minutes before it runs out, opens the DSFR modal
 * #session-expiration (templates/partials/session_modal.mustache) with the remaining time,
 * "Prolonger ma session" and "Me déconnecter".
 *
 * - "Prolonger ma session": POST /session/prolonger with the X-CSRF-Token header taken from
 *   <meta name="csrf-token">; on 2xx (the server answers 204) the modal closes and the timer
 *   restarts for the full timeout.
 * - "Me déconnecter" is a plain POST form to /deconnexion (works without this script).
 * - When the time is up: go to /connexion?expiree=1.
 * - Closed without extending: reopened once, one minute before the end.
 * - Several tabs: a later deadline (page loaded or session extended elsewhere) is shared
 *   through localStorage, so another tab's activity closes/postpones this tab's warning.
 *
 * Without JavaScript nothing happens: the server's idle timeout simply applies.
 * The modal is opened through the DSFR API (dsfr(el).modal.disclose()), which provides the
 * focus trap, Escape handling and focus restoration.
 */
(function () {
  'use strict';

  var WARNING_SECONDS = 300;
  var REMINDER_SECONDS = 60;
  var STORAGE_KEY = 'examens-session-echeance';
  var EXPIRED_URL = '/connexion?expiree=1';
  var EXTEND_URL = '/session/prolonger';

  var meta = document.querySelector('meta[name="examens-session-timeout"]');
  var modal = document.getElementById('session-expiration');
  if (!meta || !modal) return;
  var timeout = parseInt(meta.getAttribute('content'), 10);
  if (!(timeout > 0)) return;

  // Five minutes before the end; for (unusually) short timeouts, halfway through.
  var warnBefore = Math.min(WARNING_SECONDS, Math.floor(timeout / 2));
  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var remainingEl = modal.querySelector('[data-session-restant]');
  var announceEl = modal.querySelector('[data-session-annonce]');
  var errorEl = modal.querySelector('[data-session-erreur]');
  var extendBtn = modal.querySelector('[data-session-prolonger]');

  var deadline = 0;
  var warnTimer = null;
  var reminderTimer = null;
  var expireTimer = null;
  var tickTimer = null;
  var opening = null;
  var isOpen = false;
  var reminded = false;
  var busy = false;
  var lastAnnounced = null;

  function now() { return Date.now(); }
  function secondsLeft() { return Math.max(0, Math.ceil((deadline - now()) / 1000)); }

  function plural(n, word) { return n + ' ' + word + (n > 1 ? 's' : ''); }
  function formatDuration(sec) {
    var m = Math.floor(sec / 60);
    var s = sec % 60;
    if (m && s) return plural(m, 'minute') + ' et ' + plural(s, 'seconde');
    if (m) return plural(m, 'minute');
    return plural(s, 'seconde');
  }

  // --- localStorage, shared between tabs (best effort) ---------------------------------
  function share() {
    try { window.localStorage.setItem(STORAGE_KEY, String(deadline)); } catch (e) { /* ignore */ }
  }
  window.addEventListener('storage', function (ev) {
    if (ev.key !== STORAGE_KEY || !ev.newValue) return;
    var other = parseInt(ev.newValue, 10);
    if (other > deadline + 1000) {
      // Activity in another tab: the server-side session has been renewed.
      restart(other, false);
    }
  });

  // --- timers --------------------------------------------------------------------------
  function clearTimers() {
    clearTimeout(warnTimer);
    clearTimeout(reminderTimer);
    clearTimeout(expireTimer);
    clearInterval(tickTimer);
    clearTimeout(opening);
    warnTimer = reminderTimer = expireTimer = tickTimer = opening = null;
  }

  function restart(newDeadline, publish) {
    clearTimers();
    if (isOpen) close();
    deadline = newDeadline;
    reminded = false;
    if (publish) share();
    var ms = deadline - now();
    warnTimer = setTimeout(function () { open(0); }, Math.max(0, ms - warnBefore * 1000));
    expireTimer = setTimeout(expire, Math.max(0, ms));
  }

  function expire(force) {
    if (force !== true && now() < deadline - 500) {            // a timer fired early: re-arm
      clearTimeout(expireTimer);
      expireTimer = setTimeout(expire, deadline - now());
      return;
    }
    clearTimers();
    window.location.assign(EXPIRED_URL);
  }

  // Background tabs throttle timers: re-check when the tab becomes visible again.
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState !== 'visible' || !deadline) return;
    if (now() >= deadline) expire();
    else if (!isOpen && !opening && deadline - now() <= warnBefore * 1000 && !reminded) open(0);
  });

  // --- modal ---------------------------------------------------------------------------
  function update() {
    var sec = secondsLeft();
    if (remainingEl) remainingEl.textContent = formatDuration(sec);
    // Screen readers: announce each new minute, then 30 seconds before the end; not every
    // second. The first value is read with the dialog itself when it opens.
    var bucket = sec > 60 ? Math.ceil(sec / 60) : (sec > 30 ? 1 : 0);
    if (announceEl && bucket !== lastAnnounced) {
      if (lastAnnounced !== null && sec > 0) {
        announceEl.textContent = 'Votre session expire dans ' + formatDuration(sec) + '.';
      }
      lastAnnounced = bucket;
    }
    if (sec <= 0) expire(true);
  }

  function dsfrModal() {
    try {
      var api = window.dsfr;
      return api ? api(modal).modal : null;
    } catch (e) {
      return null;
    }
  }

  function open(attempt) {
    attempt = attempt || 0;
    var m = dsfrModal();
    if (!m) {
      // dsfr.module.js not started yet: try again shortly (about 10 s at most).
      if (attempt < 40) opening = setTimeout(function () { open(attempt + 1); }, 250);
      return;
    }
    if (errorEl) errorEl.hidden = true;
    lastAnnounced = null;
    update();
    clearInterval(tickTimer);
    tickTimer = setInterval(update, 1000);
    isOpen = true;
    m.disclose();
  }

  function close() {
    isOpen = false;
    clearInterval(tickTimer);
    tickTimer = null;
    var m = dsfrModal();
    if (m) m.conceal();
  }

  // Closed by the user (close button, Escape, click outside) without extending.
  modal.addEventListener('dsfr.conceal', function () {
    if (!isOpen) return;
    isOpen = false;
    clearInterval(tickTimer);
    tickTimer = null;
    var ms = deadline - now();
    if (!reminded && ms > REMINDER_SECONDS * 1000 + 1000) {
      reminded = true;
      clearTimeout(reminderTimer);
      reminderTimer = setTimeout(function () { open(0); }, ms - REMINDER_SECONDS * 1000);
    }
  });

  function extend() {
    if (busy) return;
    busy = true;
    extendBtn.setAttribute('aria-disabled', 'true');
    var headers = { 'X-CSRF-Token': csrfMeta ? csrfMeta.getAttribute('content') : '' };
    fetch(EXTEND_URL, { method: 'POST', headers: headers, credentials: 'same-origin', cache: 'no-store' })
      .then(function (res) {
        if (res.ok) {
          restart(now() + timeout * 1000, true);
        } else if (res.status === 401) {
          expire(true);             // the server already considers the session gone
        } else {
          throw new Error('HTTP ' + res.status);
        }
      })
      .catch(function () {
        if (errorEl) errorEl.hidden = false;
      })
      .then(function () {
        busy = false;
        extendBtn.removeAttribute('aria-disabled');
      });
  }

  if (extendBtn) extendBtn.addEventListener('click', extend);

  restart(now() + timeout * 1000, true);
})();
