// A second issuer-origin frame on the app's page (an old widget, another
// flow): its button opens forge-opener.html as a popup, passing on its own
// fragment (the messages to forge).
document.getElementById("launch").addEventListener("click", () => {
  window.open(`/e2e/forge-opener.html${location.hash}`, "forger", "popup,width=320,height=240");
});
