// Tests of scripts/build-assets.mjs on fixture templates: the stylesheet it builds holds the
// DSFR parts and icons used and no others, its url()s and the scripts' new URL()s point at
// fingerprinted files it wrote; and it fails, naming the template, the line and the class,
// on a class or an icon the stylesheet does not cover, or on a class built from a value
// whose values are not listed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const fixtures = path.join(root, 'tests/assets/fixtures');

function build(templates) {
  const out = mkdtempSync(path.join(tmpdir(), 'examens-assets-'));
  const run = spawnSync('node', [path.join(root, 'scripts/build-assets.mjs'), out,
    '--templates', path.join(fixtures, templates), '--static', path.join(fixtures, 'static')],
  { encoding: 'utf8' });
  return { out, status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function fails(templates, message) {
  const run = build(templates);
  try {
    assert.equal(run.status, 1, run.stdout);
    assert.match(run.stderr, message);
    assert.ok(!existsSync(path.join(run.out, 'manifest.json')));
  } finally {
    rmSync(run.out, { recursive: true, force: true });
  }
}

test('builds the stylesheet of the parts and icons the templates use', () => {
  const run = build('pages');
  try {
    assert.equal(run.status, 0, run.stderr);
    const manifest = JSON.parse(readFileSync(path.join(run.out, 'manifest.json'), 'utf8'));
    assert.match(manifest.pages_css, /^\/assets\/pages\.[0-9a-f]{10}\.css$/);
    const css = readFileSync(path.join(run.out, 'public', manifest.pages_css), 'utf8');
    for (const used of ['.fr-btn', '.fr-btn--secondary', '.fr-alert--success', '.fr-alert--error',
      '.fr-container', '.fr-icon-add-line'])
      assert.ok(css.includes(used), `${used} missing`);
    // Unused components and icons are left out.
    for (const unused of ['.fr-accordion', '.fr-tabs', '.fr-tile', '.fr-icon-delete-line'])
      assert.ok(!css.includes(unused), `${unused} included`);
    // DSFR's media queries come after all its plain rules, once each, as in dsfr.min.css.
    assert.equal(css.split('@media (min-width:48em){').length, 2);
    // Every url() names a fingerprinted file that was written.
    const urls = [...css.matchAll(/url\(([^)"']+)\)/g)].map((m) => m[1]).filter((u) => !u.startsWith('data:'));
    assert.ok(urls.some((u) => /^\/assets\/fonts\/Marianne-Regular\.[0-9a-f]{10}\.woff2$/.test(u)));
    assert.ok(urls.some((u) => /^\/assets\/icons\/system\/add-line\.[0-9a-f]{10}\.svg$/.test(u)));
    for (const u of urls) assert.ok(existsSync(path.join(run.out, 'public', u)), u);
    // Scripts: fingerprinted, their new URL() rewritten to the fingerprinted file; static/ as is.
    const script = readFileSync(path.join(run.out, 'public', manifest.menu_js), 'utf8');
    const target = script.match(/new URL\('([^']+)', import\.meta\.url\)/)[1];
    assert.match(target, /^\.\.\/css\/menu\.[0-9a-f]{10}\.css$/);
    assert.equal(path.posix.join(path.posix.dirname(manifest.menu_js), target), manifest.menu_css);
    assert.ok(existsSync(path.join(run.out, 'public/static/js/menu.js')));
    // DSFR files templates name by URL.
    assert.ok(existsSync(path.join(run.out, 'public/dsfr/favicon/favicon.svg')));
  } finally {
    rmSync(run.out, { recursive: true, force: true });
  }
});

test('fails on a class no DSFR stylesheet defines', () => {
  fails('unknown-class', /unknown-class\/page\.mustache:3: class "fr-bouton-inconnu" is not covered by the built stylesheet/);
});

test('fails on an icon DSFR does not have', () => {
  fails('unknown-icon', /unknown-icon\/page\.mustache:2: icon "fr-icon-licorne-line" is not covered/);
});

test('fails on a class built from a value whose values are not listed', () => {
  fails('dynamic-class', /dynamic-class\/page\.mustache:2: class "fr-badge--\{\{couleur\}\}" is built from a value: list the values/);
});
