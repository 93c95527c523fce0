// A page that loads its sign-in code on demand: a click imports
// states-lazy.js, the page's first import of the package, which calls the
// SDK while it evaluates (state=module).
document.getElementById("go").addEventListener("click", () => {
  import("/e2e/states-lazy.js").catch((e) => {
    window.callError = { name: e.name, message: e.message };
  });
});
window.__ready = true;
