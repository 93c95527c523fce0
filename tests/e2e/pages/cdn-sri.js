// `?src=…&integrity=…`: inserts <script src integrity crossorigin="anonymous">
// and records in `window.__result` whether the browser ran it ("loaded",
// with AveEmbed defined) or refused it ("refused": the bytes do not match).
const query = new URLSearchParams(location.search);
const script = document.createElement("script");
script.src = query.get("src");
script.integrity = query.get("integrity");
script.crossOrigin = "anonymous";
script.onload = () => (window.__result = typeof AveEmbed === "object" ? "loaded" : "loaded without AveEmbed");
script.onerror = () => (window.__result = typeof AveEmbed === "undefined" ? "refused" : "refused but ran");
document.head.append(script);
