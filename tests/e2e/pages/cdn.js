// Uses only the global build: AveEmbed.openAveConnectorSheet.
window.calls = [];
fetch("/config.json").then((r) => r.json()).then((config) => {
  document.getElementById("connect").addEventListener("click", () => {
    AveEmbed.openAveConnectorSheet({
      clientId: "cdn-page",
      redirectUri: `${location.origin}/connector/callback`,
      issuer: config.issuerOrigin,
      resource: "calendar:google",
      scope: "calendar.read calendar.write",
      onSuccess: (p) => window.calls.push(["onSuccess", p]),
      onError: (p) => window.calls.push(["onError", p]),
      onClose: () => window.calls.push(["onClose"]),
    });
  });
  window.__ready = true;
});
