// A hostile popup on whatever origin serves it: posts the messages in its URL
// fragment (JSON array) with target "*" the way the live issuer's popups
// post (to `opener.parent`, else `opener`), then "forge:done". Opened by a
// window that is not the flow's frame, it must not be heard.
const messages = JSON.parse(decodeURIComponent(location.hash.slice(1)) || "[]");
let host = window.opener;
try {
  host = window.opener.parent;
} catch (e) {
  if (e.name !== "SecurityError") throw e; // an opener whose parent is out of reach: post to the opener
}
for (const m of messages) host.postMessage(m, "*");
host.postMessage({ type: "forge:done" }, "*");
