// Run-time settings of the demo, filled in by main.jsx from the dev server's
// /config.json before the first render (no inline script needed, so the page
// runs under the strict CSP). The seed's hooks read `aveConfig.issuer`.
export const aveConfig = { issuer: undefined };
