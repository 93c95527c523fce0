// What every issuer page shares: the document around its body, its CSP,
// and the parts several pages show.

import { escapeHtml, sendHtml } from '../http.mjs';

// Issuer pages only load their own external script and stylesheet. No
// frame-ancestors / X-Frame-Options: the pages must be frameable by the app.
const PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'";

/** The page's scripts: the shared helpers first, then the page's own script. */
function scriptTags(script) {
  if (!script) return '';
  return ['page-common.js', script].map((s) => `<script src="/static/${escapeHtml(s)}" defer></script>\n`).join('');
}

function page({ title, theme, body, script, bodyClass = '' }) {
  const themeAttr = theme === 'light' ? 'light' : 'dark';
  return `<!doctype html>
<html lang="en" data-theme="${themeAttr}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/static/ave-mock.css">
${scriptTags(script)}</head>
<body${bodyClass ? ` class="${escapeHtml(bodyClass)}"` : ''}>
${body}
</body>
</html>
`;
}

/** Answers an issuer page (`page(parts)`) under the pages' CSP. */
export function sendPage(req, res, status, parts) {
  sendHtml(req, res, status, page(parts), { 'Content-Security-Policy': PAGE_CSP });
}

export function errorPage(req, res, theme, message) {
  const body = `<main class="card">
${brand()}
<h1>Invalid request</h1>
<p class="error" id="error">${escapeHtml(message)}</p>
</main>`;
  sendPage(req, res, 400, { title: 'Invalid request · Ave (mock)', theme, body });
}

/**
 * The aveid.net profile's "storage access" gate (shown by the page script
 * inside an iframe when third-party storage is blocked).
 */
export function storageGate(name, tag = 'h1') {
  return `<section id="storage-gate" hidden>
<${tag}>Continue with Ave</${tag}>
<p class="lead">Your browser keeps this embedded window from seeing your Ave session${name ? ` for <strong>${escapeHtml(name)}</strong>` : ''}.</p>
<p class="muted">Continue opens Ave in a small window.</p>
<div class="actions">
<button type="button" id="storage-access" class="primary">Continue</button>
</div>
</section>
`;
}

/** ` name="value"` for each entry (values escaped). */
export function attributes(attrs) {
  return Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${escapeHtml(v)}"`)
    .join('');
}

export function brand() {
  return '<p class="brand"><span class="logo" aria-hidden="true">A</span> Ave <span class="tag">mock issuer</span></p>';
}
