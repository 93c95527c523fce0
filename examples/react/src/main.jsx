import React from "react";
import { createRoot } from "react-dom/client";
import { aveConfig } from "./aveConfig.js";
import App from "./App.jsx";

// The issuer origin is only known at run time (the dev server picks ports):
// read it from the app origin's /config.json, then render.
fetch("/config.json")
  .then((res) => {
    if (!res.ok) throw new Error(`/config.json: HTTP ${res.status}`);
    return res.json();
  })
  .then((config) => {
    aveConfig.issuer = config.issuerOrigin;
    createRoot(document.getElementById("root")).render(
      <React.StrictMode>
        <App />
      </React.StrictMode>
    );
  })
  .catch((err) => {
    document.getElementById("root").textContent = `Could not start: ${err.message}`;
    console.error(err);
  });
