// Commune de naissance: turns the text field into a WAI-ARIA 1.2 combobox listing the communes of
// the chosen département (GET /referentiel/communes); without JavaScript the form's button works.
//
// Expected server markup (ids and names are the contract with the form):
//   <select id="departement_naissance" name="departement_naissance">…</select>
//   <div class="fr-input-group">
//     <label class="fr-label" for="commune_naissance">Commune de naissance</label>
//     <input class="fr-input" type="text" id="commune_naissance" name="commune_naissance">
//     <input type="hidden" name="commune_naissance_code">
//     <button name="action" value="chercher-commune">Rechercher la commune</button>
//   </div>
// The endpoint answers [{"code":"35238","nom":"Rennes"}, …] (at most 20); `data-referentiel-url`
// on the text input overrides its path. Pattern followed: "Editable Combobox With List
// Autocomplete" of the ARIA Authoring Practices, DOM focus staying on the text input.

const MIN_CHARS = 2;
const DEBOUNCE_MS = 150;
const MAX_RESULTS = 20;
const DEFAULT_URL = '/referentiel/communes';
const STYLESHEET = new URL('../css/commune-autocomplete.css', import.meta.url);

// Folds case, accents, ligatures and separators like the server's refdata::search_key, so an
// exact name typed without choosing from the list ("saint etienne") still finds its commune.
export function foldName(text) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function countMessage(count) {
  if (count === 0) return 'Aucune commune trouvée.';
  if (count === 1) return '1 commune trouvée.';
  if (count >= MAX_RESULTS) {
    return `${count} communes trouvées, précisez la saisie pour voir les autres.`;
  }
  return `${count} communes trouvées.`;
}

function element(tag, attributes = {}, text = '') {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

// The page may not link the stylesheet; without it the listbox would sit in the page flow.
function ensureStylesheet() {
  const linked = [...document.querySelectorAll('link[rel="stylesheet"]')].some(
    (link) => link.href === STYLESHEET.href,
  );
  if (!linked) document.head.append(element('link', { rel: 'stylesheet', href: STYLESHEET.href }));
}

class CommuneCombobox {
  constructor(input, select, hidden, fallbackButton) {
    this.input = input;
    this.select = select;
    this.hidden = hidden;
    this.fallbackButton = fallbackButton;
    this.url = input.dataset.referentielUrl || DEFAULT_URL;
    this.results = [];
    this.active = -1;
    this.timer = 0;
    this.controller = null;
    this.sequence = 0;
    this.build();
    this.listen();
  }

  build() {
    const { input } = this;
    const id = input.id;
    const hadFocus = document.activeElement === input;

    this.listbox = element('ul', {
      id: `${id}-listbox`,
      role: 'listbox',
      class: 'fr-raw-list examens-combobox__listbox',
    });
    this.listbox.hidden = true;
    const label = input.labels && input.labels[0];
    if (label) {
      if (!label.id) label.id = `${id}-label`;
      this.listbox.setAttribute('aria-labelledby', label.id);
    } else {
      this.listbox.setAttribute('aria-label', 'Communes');
    }

    // Seen, not heard: the live region below already says the same to screen readers.
    this.note = element('p', { class: 'fr-message examens-combobox__note', 'aria-hidden': 'true' });
    this.note.hidden = true;
    this.status = element('p', {
      id: `${id}-status`,
      class: 'fr-sr-only',
      role: 'status',
      'aria-live': 'polite',
      'aria-atomic': 'true',
    });
    const hint = element(
      'p',
      { id: `${id}-combobox-hint`, class: 'fr-sr-only' },
      'Saisissez au moins 2 caractères, puis choisissez la commune dans la liste ' +
        'avec les flèches haut et bas et la touche Entrée.',
    );

    const wrapper = element('div', { class: 'examens-combobox' });
    input.before(wrapper);
    wrapper.append(input, this.listbox, this.note);
    wrapper.after(this.status, hint);

    const describedBy = (input.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
    input.setAttribute('aria-describedby', [...describedBy, hint.id].join(' '));
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', this.listbox.id);
    input.setAttribute('autocomplete', 'off');
    input.setAttribute('spellcheck', 'false');

    if (this.fallbackButton) this.showFallback(false);
    if (hadFocus) input.focus();
  }

  listen() {
    this.input.addEventListener('input', () => this.onInput());
    this.input.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.input.addEventListener('blur', () => this.onBlur());
    // Keeps DOM focus on the text input while an option is clicked.
    this.listbox.addEventListener('mousedown', (event) => event.preventDefault());
    this.listbox.addEventListener('click', (event) => {
      const option = event.target.closest('[role="option"]');
      if (option) this.choose(Number(option.dataset.index));
    });
    this.select.addEventListener('change', () => this.onDepartementChange());
  }

  showFallback(visible) {
    this.fallbackButton.hidden = !visible;
    // DSFR's .fr-btn sets display and would override the hidden attribute alone.
    this.fallbackButton.classList.toggle('fr-hidden', !visible);
  }

  onInput() {
    this.hidden.value = '';
    this.cancel();
    const query = this.input.value.trim();
    if ([...query].length < MIN_CHARS) {
      this.setResults([]);
      this.showNote('');
      return;
    }
    if (!this.select.value) {
      this.setResults([]);
      const message = 'Choisissez d’abord le département de naissance.';
      this.showNote(message, 'info');
      this.announce(message);
      return;
    }
    const departement = this.select.value;
    this.timer = window.setTimeout(() => this.search(query, departement), DEBOUNCE_MS);
  }

  cancel() {
    window.clearTimeout(this.timer);
    if (this.controller) this.controller.abort();
    this.controller = null;
  }

  async search(query, departement) {
    const sequence = ++this.sequence;
    this.controller = new AbortController();
    const url = new URL(this.url, document.baseURI);
    url.searchParams.set('departement', departement);
    url.searchParams.set('q', query);
    try {
      const response = await fetch(url, {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
        signal: this.controller.signal,
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const data = await response.json();
      if (sequence !== this.sequence) return;
      const results = (Array.isArray(data) ? data : [])
        .filter((r) => r && typeof r.code === 'string' && typeof r.nom === 'string')
        .slice(0, MAX_RESULTS);
      this.setResults(results);
      this.showNote(results.length === 0 ? countMessage(0) : '', 'info');
      this.announce(countMessage(results.length));
      if (this.fallbackButton) this.showFallback(false);
      if (results.length > 0 && document.activeElement === this.input) this.open();
    } catch (error) {
      if (error.name === 'AbortError' || sequence !== this.sequence) return;
      this.setResults([]);
      const message = this.fallbackButton
        ? 'La recherche de communes n’a pas abouti : utilisez le bouton « Rechercher la commune ».'
        : 'La recherche de communes n’a pas abouti. Réessayez dans un instant.';
      this.showNote(message, 'warning');
      this.announce(message);
      // The server-side search still works when the JSON endpoint does not.
      if (this.fallbackButton) this.showFallback(true);
    }
  }

  setResults(results) {
    this.close();
    this.results = results;
    const names = new Map();
    for (const r of results) names.set(r.nom, (names.get(r.nom) || 0) + 1);
    this.listbox.replaceChildren(
      ...results.map((r, index) => {
        const option = element('li', {
          id: `${this.input.id}-option-${index}`,
          role: 'option',
          'aria-selected': 'false',
          class: 'examens-combobox__option',
          'data-index': String(index),
        });
        option.textContent = r.nom;
        // Two communes of one département may share a name (a commune nouvelle and a former
        // commune): the INSEE code tells them apart.
        if (names.get(r.nom) > 1) {
          option.append(' ', element('span', { class: 'examens-combobox__code' }, `(${r.code})`));
        }
        return option;
      }),
    );
  }

  isOpen() {
    return !this.listbox.hidden;
  }

  open() {
    if (this.results.length === 0) return;
    this.listbox.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
  }

  close() {
    this.setActive(-1);
    this.listbox.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
  }

  setActive(index) {
    const previous = this.listbox.children[this.active];
    if (previous) previous.setAttribute('aria-selected', 'false');
    this.active = index;
    const option = this.listbox.children[index];
    if (option) {
      option.setAttribute('aria-selected', 'true');
      this.input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    } else {
      this.input.removeAttribute('aria-activedescendant');
    }
  }

  choose(index) {
    const commune = this.results[index];
    if (!commune) return;
    this.input.value = commune.nom;
    this.hidden.value = commune.code;
    this.close();
    this.showNote('');
  }

  onKeyDown(event) {
    const count = this.results.length;
    switch (event.key) {
      case 'ArrowDown':
        if (count === 0) return;
        if (event.altKey) {
          this.open();
        } else if (!this.isOpen()) {
          this.open();
          this.setActive(0);
        } else {
          this.setActive((this.active + 1) % count);
        }
        break;
      case 'ArrowUp':
        if (count === 0) return;
        if (!this.isOpen()) {
          this.open();
          this.setActive(count - 1);
        } else {
          this.setActive(this.active <= 0 ? count - 1 : this.active - 1);
        }
        break;
      case 'Enter':
        // Without a highlighted option, Enter keeps its usual meaning: submit the form.
        if (!this.isOpen() || this.active < 0) return;
        this.choose(this.active);
        break;
      case 'Escape':
        if (this.isOpen()) {
          this.close();
        } else if (this.input.value !== '') {
          this.cancel();
          this.input.value = '';
          this.hidden.value = '';
          this.setResults([]);
          this.showNote('');
        } else {
          return;
        }
        break;
      case 'Home':
      case 'End':
        // While an option is highlighted they move within the list; otherwise they move the
        // caret in the text, as in any text field.
        if (!this.isOpen() || this.active < 0) return;
        this.setActive(event.key === 'Home' ? 0 : count - 1);
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  onBlur() {
    this.close();
    if (this.hidden.value) return;
    const typed = foldName(this.input.value);
    if (!typed) return;
    const matches = this.results.filter((r) => foldName(r.nom) === typed);
    if (matches.length === 1) {
      this.input.value = matches[0].nom;
      this.hidden.value = matches[0].code;
    }
  }

  onDepartementChange() {
    this.cancel();
    this.sequence += 1;
    this.input.value = '';
    this.hidden.value = '';
    this.setResults([]);
    this.showNote('');
  }

  // kind: 'info' or 'warning', DSFR's message variants.
  showNote(message, kind = 'info') {
    this.note.textContent = message;
    this.note.hidden = message === '';
    this.note.classList.toggle('fr-message--info', kind === 'info');
    this.note.classList.toggle('fr-message--warning', kind === 'warning');
  }

  announce(message) {
    // A repeated message would not be read again unless the text changes.
    this.status.textContent = this.status.textContent === message ? `${message}\u00a0` : message;
  }
}

// Enhances the commune field under `root` once; returns the combobox, or null when the page has
// no such field.
export function enhanceCommuneField(root = document) {
  const input = root.querySelector('#commune_naissance');
  const select = root.querySelector('#departement_naissance');
  if (!input || !select || input.dataset.examensCombobox === 'on') return null;
  const scope = input.form || root;
  let hidden = scope.querySelector('input[name="commune_naissance_code"]');
  if (!hidden) {
    hidden = element('input', { type: 'hidden', name: 'commune_naissance_code' });
    input.after(hidden);
  }
  const fallbackButton = scope.querySelector('button[name="action"][value="chercher-commune"]');
  ensureStylesheet();
  input.dataset.examensCombobox = 'on';
  return new CommuneCombobox(input, select, hidden, fallbackButton);
}

// Module scripts run after parsing, so the form is there; the guard lets Node import foldName.
if (typeof document !== 'undefined') enhanceCommuneField();
