#!/usr/bin/env node
// Builds the files the pages load (docs/decisions/0009-static-assets.md), into OUT:
//   OUT/public/assets/…  fingerprinted (name.<hash>.ext), served for a year, immutable:
//                        pages.<hash>.css = the DSFR parts the templates use (core, scheme,
//                        the components owning their classes, with their dependencies), the
//                        icons they use, then static/css/examens.css; the fonts and SVGs
//                        these refer to; DSFR's scripts; every file of static/.
//   OUT/public/static/…  static/ as is, and OUT/public/dsfr/… the DSFR files templates name
//                        by URL (favicons, artwork): served for an hour with an ETag.
//   OUT/manifest.json    {"pages_css": "/assets/pages.<hash>.css", "theme_js": …,
//                        "marianne_bold_woff2": …}: the one place the portal takes asset
//                        URLs from (`{{assets.pages_css}}` in templates).
// It fails, naming the template and the class, when a template uses a class or an icon
// that the built stylesheet does not cover, or builds a class name from a value that is
// not listed in DYNAMIC_CLASSES below.
//
// usage: node scripts/build-assets.mjs OUT [--templates DIR] [--static DIR] [--dsfr DIR]
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

// Class names templates build from a value: each template spelling, and every value the
// code may give it. A new spelling fails the build until it is listed here.
export const DYNAMIC_CLASSES = {
  'fr-alert--{{type}}': ['success', 'info', 'warning', 'error'],  // portail::Alert::type
  'fr-badge--{{badge}}': ['new', 'error', 'success', 'info'],  // gestion: badge_pieces
};

class BuildError extends Error {}

function fail(message) { throw new BuildError(message); }

function parseArgs(argv) {
  const args = { out: null, templates: path.join(root, 'templates'), static: path.join(root, 'static'),
                 dsfr: path.join(root, 'node_modules/@gouvfr/dsfr') };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i].match(/^--(templates|static|dsfr)$/);
    if (flag) args[flag[1]] = path.resolve(argv[++i]);
    else if (!args.out) args.out = path.resolve(argv[i]);
    else fail(`unexpected argument ${argv[i]}`);
  }
  if (!args.out) fail('usage: build-assets.mjs OUT [--templates DIR] [--static DIR] [--dsfr DIR]');
  return args;
}

function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name.startsWith('.')) return [];
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : [full];
  });
}

const lineAt = (text, offset) => text.slice(0, offset).split('\n').length;

// ---- CSS: top-level blocks, selectors, url() -------------------------------------------

// Splits a stylesheet into its top-level blocks: {prelude, body} (body null for a
// statement such as @charset), comments dropped. Strings and comments may hold braces.
export function cssBlocks(css) {
  const blocks = [];
  let i = 0;
  const skip = (j) => {  // past a string or comment starting at j, or j + 1
    if (css[j] === '"' || css[j] === "'") {
      const quote = css[j];
      for (j++; j < css.length && css[j] !== quote; j++) if (css[j] === '\\') j++;
      return j + 1;
    }
    if (css.startsWith('/*', j)) return css.indexOf('*/', j + 2) + 2;
    return j + 1;
  };
  while (i < css.length) {
    if (css.startsWith('/*', i)) { i = skip(i); continue; }
    if (/\s/.test(css[i])) { i++; continue; }
    let j = i;
    while (j < css.length && css[j] !== '{' && css[j] !== ';') j = skip(j);
    const prelude = css.slice(i, j).trim();
    if (css[j] !== '{') { blocks.push({ prelude, body: null }); i = j + 1; continue; }
    let depth = 1, k = j + 1;
    while (k < css.length && depth > 0) {
      if (css[k] === '{') depth++;
      else if (css[k] === '}') depth--;
      k = depth > 0 ? skip(k) : k + 1;
    }
    blocks.push({ prelude, body: css.slice(j + 1, k - 1) });
    i = k;
  }
  return blocks;
}

const isGroup = (prelude) => /^@(media|supports|layer|container)\b/.test(prelude);

// Splits on `sep` outside parentheses, brackets and strings.
function splitTop(text, sep) {
  const parts = [];
  let depth = 0, start = 0, quote = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) { if (c === '\\') i++; else if (c === quote) quote = null; continue; }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === sep && depth === 0) { parts.push(text.slice(start, i)); start = i + 1; }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

const CLASS = /\.(-?[_a-zA-Z][\w-]*)/g;

// A selector's first compound (before any combinator) with what is inside parentheses
// removed, and whether it is the whole selector: `.fr-btn:not(.fr-btn--close)` targets
// buttons, `.fr-header .fr-btn` styles buttons inside the header.
function leadingCompound(selector) {
  let depth = 0, flat = '';
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (depth === 0 && /[\s>+~]/.test(c)) return { compound: flat, alone: false };
    else if (depth === 0) flat += c;
  }
  return { compound: flat, alone: true };
}

// Every rule of a stylesheet as {selectors, group}, group being the enclosing @media.
function rules(blocks, group = null) {
  return blocks.flatMap((b) => {
    if (b.body === null || b.prelude.startsWith('@font-face') || b.prelude.startsWith('@keyframes')) return [];
    if (isGroup(b.prelude)) return rules(cssBlocks(b.body), b.prelude);
    return [{ selectors: splitTop(b.prelude, ','), body: b.body, group }];
  });
}

function mentionedClasses(blocks) {
  const found = new Set();
  for (const r of rules(blocks)) for (const s of r.selectors) for (const m of s.matchAll(CLASS)) found.add(m[1]);
  return found;
}

// Concatenates stylesheets as DSFR's own build does: every plain rule in order, then each
// @media group once, holding the rules of every part in the same order (DSFR's bundles
// hoist media queries this way, so a part's responsive rule still wins over a later
// part's base rule).
function mergeSheets(sheets) {
  const plain = [];
  const groups = new Map();
  for (const blocks of sheets) {
    for (const b of blocks) {
      if (b.body === null) { if (!b.prelude.startsWith('@charset')) plain.push(`${b.prelude};`); continue; }
      if (b.prelude.startsWith('@media')) {
        if (!groups.has(b.prelude)) groups.set(b.prelude, []);
        groups.get(b.prelude).push(b.body);
      } else {
        plain.push(`${b.prelude}{${b.body}}`);
      }
    }
  }
  return plain.join('') + [...groups].map(([media, bodies]) => `${media}{${bodies.join('')}}`).join('');
}

// ---- templates and scripts: the classes they use -----------------------------------------

// {name, file, line} of every DSFR class in class="…" attributes; sections
// ({{#x}} fr-a{{/x}}) are read as if shown. A class built from a value expands to the
// values of DYNAMIC_CLASSES, or fails.
export function templateClasses(file, text, display) {
  const found = [];
  const source = text.replace(/\{\{![\s\S]*?\}\}/g, (c) => c.replace(/[^\n]/g, ' '));
  for (const m of source.matchAll(/\bclass\s*=\s*("([^"]*)"|'([^']*)')/g)) {
    const line = lineAt(source, m.index);
    const value = (m[2] ?? m[3]).replace(/\{\{[#/^][^}]*\}\}/g, ' ');
    for (const token of value.split(/\s+/).filter(Boolean)) {
      if (token.includes('{{')) {
        if (!token.startsWith('fr-') && !token.startsWith('{{')) continue;  // our own classes
        const variants = DYNAMIC_CLASSES[token];
        if (!variants)
          fail(`${display}:${line}: class "${token}" is built from a value: list the values it may take ` +
               'in DYNAMIC_CLASSES (scripts/build-assets.mjs) so that the stylesheet covers each');
        for (const v of variants) found.push({ name: token.replace(/\{\{[^}]*\}\}/, v), file: display, line });
      } else if (token.startsWith('fr-')) {
        found.push({ name: token, file: display, line });
      }
    }
  }
  return found;
}

// DSFR classes named in a script's string literals: "fr-x", ".fr-x" in selectors, and
// lists such as "fr-a fr-b" (but not attributes such as "data-fr-theme").
export function scriptClasses(file, text, display) {
  const found = [];
  for (const m of text.matchAll(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g)) {
    for (const c of m[0].matchAll(/(?:^|[\s.'"`])(fr-[a-z0-9_-]*[a-z0-9])/g))
      found.push({ name: c[1], file: display, line: lineAt(text, m.index) });
  }
  return found;
}

const isIcon = (name) => /^fr-(icon|fi)-[a-z0-9]/.test(name);

// ---- DSFR: its parts, their dependencies and order ---------------------------------------

// A DSFR part's stylesheet without its IE 11 rules: x.main.min.css (or x.min.css when it has
// no variants) and x.print.min.css. (x.legacy.min.css holds only rules inside IE's
// -ms-high-contrast media queries, and copies of main rules: measured on DSFR 1.15.3.)
function sheet(stem) {
  const main = existsSync(`${stem}.main.min.css`) ? `${stem}.main.min.css` : `${stem}.min.css`;
  const print = `${stem}.print.min.css`;
  const text = readFileSync(main, 'utf8') + (existsSync(print) ? readFileSync(print, 'utf8') : '');
  return [main, cssBlocks(text)];
}

function dsfrParts(dsfr) {
  const dist = path.join(dsfr, 'dist');
  const order = [...readFileSync(path.join(dsfr, 'src/dsfr/component/main.scss'), 'utf8')
    .matchAll(/@import '([a-z-]+)\/main'/g)].map((m) => m[1]);
  const styleDeps = (id) => {
    const yml = path.join(dsfr, 'src/dsfr', id, '.package.yml');
    if (!existsSync(yml)) return [];
    const top = readFileSync(yml, 'utf8').match(/^style:\n((?:[ \t]+-.*\n?)*)/m);
    return top ? [...top[1].matchAll(/-\s*([\w-]+)/g)].map((m) => m[1]) : [];
  };
  const parts = [['core', 'core/core'], ['scheme', 'scheme/scheme'], ...order.map((c) => [c, `component/${c}/${c}`])];
  return parts.map(([id, stem]) => {
    const [css, blocks] = sheet(path.join(dist, stem));
    const owned = new Set(), leading = new Set();
    for (const r of rules(blocks)) {
      for (const s of r.selectors) {
        const { compound, alone } = leadingCompound(s);
        for (const m of compound.matchAll(CLASS)) (alone ? owned : leading).add(m[1]);
      }
    }
    return { id, css, blocks, owned, leading, mentioned: mentionedClasses(blocks),
             deps: styleDeps(id === 'core' || id === 'scheme' ? id : `component/${id}`) };
  });
}

// Classes of DSFR's own example markup: some carry no style (fr-footer__content-item), and
// those shown only in its examples of deprecated markup are reported.
function exampleClasses(dsfr) {
  const classes = new Map();  // class -> shown outside deprecated examples
  for (const f of walk(path.join(dsfr, 'example')).filter((f) => f.endsWith('.html'))) {
    const current = !f.split(path.sep).includes('deprecated');
    for (const m of readFileSync(f, 'utf8').matchAll(/\bclass="([^"]*)"/g))
      for (const c of m[1].split(/\s+/)) if (c.startsWith('fr-')) classes.set(c, classes.get(c) || current);
  }
  return classes;
}

function iconSheets(dsfr) {
  const dir = path.join(dsfr, 'dist/utility/icons');
  return readdirSync(dir).filter((d) => d.startsWith('icons-')).sort().map((d) => {
    const [css, blocks] = sheet(path.join(dir, d, d));
    return { css, blocks };
  });
}

// The rules of an icon sheet for the icons used only, selectors of other icons removed.
function iconSubset(blocks, used) {
  const keep = (selector) => [...selector.matchAll(CLASS)].every((m) => !isIcon(m[1]) || used.has(m[1])) &&
    [...selector.matchAll(CLASS)].some((m) => used.has(m[1]));
  return blocks.flatMap((b) => {
    if (b.body === null) return [];
    if (isGroup(b.prelude)) {
      const inner = iconSubset(cssBlocks(b.body), used);
      return inner.length ? [{ prelude: b.prelude, body: inner.map((r) => `${r.prelude}{${r.body}}`).join('') }] : [];
    }
    const selectors = splitTop(b.prelude, ',').filter(keep);
    return selectors.length ? [{ prelude: selectors.join(','), body: b.body }] : [];
  });
}

// ---- output: fingerprints and URL rewriting ------------------------------------------------

class Output {
  constructor(out) {
    this.public = path.join(out, 'public');
    this.fingerprinted = new Map();  // source file -> URL path
  }
  write(urlPath, content) {
    const file = path.join(this.public, urlPath);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    return `/${urlPath}`;
  }
  // assets/<dir>/<stem>.<hash><ext>, once per source file.
  fingerprint(dir, name, content, source) {
    if (source && this.fingerprinted.has(source)) return this.fingerprinted.get(source);
    const hash = createHash('sha256').update(content).digest('hex').slice(0, 10);
    const ext = name.match(/(\.min)?\.[a-z0-9]+$/)?.[0] ?? '';
    const url = this.write(path.posix.join('assets', dir, `${name.slice(0, name.length - ext.length)}.${hash}${ext}`), content);
    if (source) this.fingerprinted.set(source, url);
    return url;
  }
}

// Copies each relative url() of a part to assets/ (fingerprinted, the folder below `base`
// kept) and points the url() at the copy.
function rewriteUrls(blocks, cssFile, base, output, describe) {
  const fix = (text) => text.replace(/url\((['"]?)([^'")]+)\1\)/g, (whole, quote, ref) => {
    if (/^(data:|https?:|\/|#)/.test(ref)) return whole;
    const target = path.resolve(path.dirname(cssFile), ref.replace(/[?#].*$/, ''));
    if (!existsSync(target)) fail(`${describe}: url(${ref}) names a missing file`);
    const dir = path.relative(base, path.dirname(target)).split(path.sep).join('/');
    return `url(${output.fingerprint(dir, path.basename(target), readFileSync(target), target)})`;
  });
  return blocks.map((b) => ({ prelude: b.prelude, body: b.body === null ? null : fix(b.body) }));
}

// ---- the build ---------------------------------------------------------------------------

export function build(args) {
  const uses = [];
  const templates = walk(args.templates).filter((f) => f.endsWith('.mustache'));
  for (const f of templates)
    uses.push(...templateClasses(f, readFileSync(f, 'utf8'), path.relative(root, f)));
  const scripts = walk(args.static).filter((f) => /\.m?js$/.test(f));
  for (const f of scripts) uses.push(...scriptClasses(f, readFileSync(f, 'utf8'), path.relative(root, f)));

  const parts = dsfrParts(args.dsfr);
  const byId = new Map(parts.map((p) => [p.id, p]));
  const icons = new Set(uses.filter((u) => isIcon(u.name)).map((u) => u.name));

  // The parts owning each class (a rule of theirs targets it alone, or failing that, starts
  // with it), with their dependencies.
  const chosen = new Set(['core', 'scheme']);
  const add = (id) => {
    if (chosen.has(id) || !byId.has(id)) return;
    chosen.add(id);
    byId.get(id).deps.forEach(add);
  };
  for (const u of uses) {
    if (isIcon(u.name)) continue;
    let owners = parts.filter((p) => p.owned.has(u.name));
    if (!owners.length) owners = parts.filter((p) => p.leading.has(u.name));
    owners.forEach((p) => add(p.id));
  }
  const included = parts.filter((p) => chosen.has(p.id));

  const output = new Output(args.out);
  const dist = path.join(args.dsfr, 'dist');
  const dsfrCss = mergeSheets(included.map((p) => rewriteUrls(p.blocks, p.css, dist, output, p.css)));
  const iconCss = mergeSheets(iconSheets(args.dsfr).map((s) =>
    rewriteUrls(iconSubset(s.blocks, icons), s.css, dist, output, s.css)));

  // Nothing silently unstyled: every class and icon used is in the built stylesheet.
  const covered = mentionedClasses(cssBlocks(dsfrCss + iconCss));
  const known = new Set(parts.flatMap((p) => [...p.mentioned]));
  const examples = exampleClasses(args.dsfr);
  const uncovered = [];
  for (const u of uses) {
    if (covered.has(u.name)) continue;
    if (examples.has(u.name) && !isIcon(u.name)) {
      if (!examples.get(u.name))
        process.stderr.write(`build-assets: warning: ${u.file}:${u.line}: "${u.name}" is deprecated DSFR markup (no style)\n`);
      continue;
    }
    const what = isIcon(u.name) ? 'icon' : 'class';
    const why = isIcon(u.name) ? 'no DSFR icon has this name'
      : known.has(u.name) ? 'DSFR styles it only inside a component the pages do not use'
        : 'no DSFR stylesheet defines it';
    uncovered.push(`${u.file}:${u.line}: ${what} "${u.name}" is not covered by the built stylesheet (${why})`);
  }
  if (uncovered.length) fail(uncovered.join('\nbuild-assets: '));

  // static/: as is under /static/, and fingerprinted; a script's `new URL('x', import.meta.url)`
  // points at the fingerprinted x.
  const manifest = {};
  const staticFiles = walk(args.static);
  const fingerprintStatic = (file) => {
    const rel = path.relative(args.static, file).split(path.sep).join('/');
    let content = readFileSync(file);
    if (/\.m?js$/.test(file)) {
      content = content.toString('utf8').replace(/new URL\((['"])([^'"]+)\1,\s*import\.meta\.url\)/g, (whole, q, ref) => {
        const target = path.resolve(path.dirname(file), ref);
        if (!staticFiles.includes(target)) fail(`${path.relative(root, file)}: new URL('${ref}') names a missing file`);
        const url = fingerprintStatic(target);
        const from = path.posix.join('/assets', path.posix.dirname(rel));
        return `new URL(${q}${path.posix.relative(from, url).replace(/^(?!\.)/, './')}${q}, import.meta.url)`;
      });
    }
    return output.fingerprint(path.posix.dirname(rel), path.basename(rel), content, file);
  };
  for (const f of staticFiles) {
    const rel = path.relative(args.static, f).split(path.sep).join('/');
    output.write(`static/${rel}`, readFileSync(f));
    const key = path.basename(rel).replace(/[^a-zA-Z0-9]+/g, '_');
    if (manifest[key]) fail(`static/${rel}: another file of static/ has the manifest name ${key}`);
    manifest[key] = fingerprintStatic(f);
  }

  const examens = path.join(args.static, 'css/examens.css');
  const ownCss = existsSync(examens)
    ? mergeSheets([rewriteUrls(cssBlocks(readFileSync(examens, 'utf8')), examens, args.static, output, examens)])
    : '';
  const banner = readFileSync(included[0].css, 'utf8').match(/^\/\*![\s\S]*?\*\//)?.[0] ?? '';
  manifest.pages_css = output.fingerprint('', 'pages.css', `@charset "UTF-8";${banner}\n${dsfrCss}${iconCss}${ownCss}`);
  for (const [key, name] of [['dsfr_module_js', 'dsfr.module.min.js'], ['dsfr_nomodule_js', 'dsfr.nomodule.min.js']])
    manifest[key] = output.fingerprint('dsfr', name, readFileSync(path.join(dist, name)));
  // The fonts, for the layout to preload those of every page (marianne_regular_woff2).
  for (const [source, url] of output.fingerprinted)
    if (source.endsWith('.woff2')) manifest[path.basename(source).replace(/[^a-zA-Z0-9]+/g, '_').toLowerCase()] = url;

  // DSFR files templates name by URL (/dsfr/…), and the favicons the web manifest lists.
  for (const f of walk(path.join(dist, 'favicon'))) output.write(`dsfr/favicon/${path.basename(f)}`, readFileSync(f));
  for (const f of templates) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/["'](\/dsfr\/[^"'#?\s]+)/g)) {
      const source = path.join(dist, m[1].slice('/dsfr/'.length));
      if (!existsSync(source) || !statSync(source).isFile() || m[1].includes('..'))
        fail(`${path.relative(root, f)}:${lineAt(text, m.index)}: ${m[1]} is not a file of DSFR's dist/`);
      output.write(m[1].slice(1), readFileSync(source));
    }
    for (const m of text.matchAll(/\{\{\{?\s*assets\.([\w]+)\s*\}?\}\}/g))
      if (!(m[1] in manifest))
        fail(`${path.relative(root, f)}:${lineAt(text, m.index)}: assets.${m[1]} is not a built file ` +
             `(known: ${Object.keys(manifest).sort().join(', ')})`);
  }

  writeFileSync(path.join(args.out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { included: included.map((p) => p.id), icons: [...icons].sort(), css: manifest.pages_css };
}

function main() {
  try {
    const args = parseArgs(process.argv.slice(2));
    rmSync(path.join(args.out, 'public'), { recursive: true, force: true });
    rmSync(path.join(args.out, 'manifest.json'), { force: true });
    mkdirSync(args.out, { recursive: true });
    const result = build(args);
    const size = statSync(path.join(args.out, 'public', result.css)).size;
    process.stdout.write(`build-assets: ${result.css} (${Math.round(size / 1024)} KB before compression): ` +
      `${result.included.join(', ')}; icons ${result.icons.join(', ')}\n`);
  } catch (e) {
    if (!(e instanceof BuildError)) throw e;
    process.stderr.write(`build-assets: ${e.message}\n`);
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
