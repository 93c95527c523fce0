// A hostile page on another origin that frames the app (`?app=` its URL: a
// query, not a fragment, so that each test's URL loads a new page) and can
// navigate the app's own frames: the flow frame is the app's only iframe, so
// frames[0].frames[0] from here.
const app = document.createElement("iframe");
app.id = "app";
app.src = new URLSearchParams(location.search).get("app");
app.style.cssText = "width: 900px; height: 800px; border: 0";
document.body.append(app);

/** How many frames the app page has (readable across origins). */
window.appFrames = () => frames[0].length;

/** Sends the app's flow frame to `href` (a code of this page's choosing). */
window.attack = (href) => {
  frames[0].frames[0].location.href = href;
  return true;
};
window.__ready = true;
