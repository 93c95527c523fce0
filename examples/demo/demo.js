// The seed's "Connect Google Calendar" example, against the mock issuer.
import { openAveConnectorPopup, openAveConnectorRuntime, openAveConnectorSheet } from "/pkg/index.js";

// The dev server tells where the mock issuer runs (another origin).
const { issuerOrigin: issuer } = await (await fetch("/config.json")).json();
const clientId = "demo-app";
const redirectUri = `${location.origin}/connector/callback`;
const $ = (id) => document.getElementById(id);

$("issuer-origin").textContent = issuer;

function log(name, value) {
  const li = document.createElement("li");
  li.textContent = value === undefined ? `${name}()` : `${name}(${JSON.stringify(value)})`;
  $("log").append(li);
}

function showRedirect(redirectUrl) {
  $("redirect-url").textContent = redirectUrl;
  const list = $("redirect-params");
  list.replaceChildren();
  for (const [k, v] of new URL(redirectUrl).searchParams) {
    const dt = document.createElement("dt");
    dt.textContent = k;
    const dd = document.createElement("dd");
    dd.textContent = v;
    dd.dataset.param = k;
    list.append(dt, dd);
  }
}

const base = (mode, extra = {}) => ({
  clientId,
  redirectUri,
  issuer,
  resource: "calendar:google",
  scope: "calendar.read calendar.write",
  mode,
  onSuccess: ({ redirectUrl }) => {
    log(`${mode} onSuccess`, { redirectUrl });
    // A real app would now do: window.location.href = redirectUrl;
    showRedirect(redirectUrl);
  },
  onError: (error) => log(`${mode} onError`, error),
  onClose: () => log(`${mode} onClose`),
  ...extra,
});

$("connect-sheet").addEventListener("click", () => openAveConnectorSheet(base("user_present")));

$("connect-popup").addEventListener("click", () => openAveConnectorPopup(base("user_present")));

// Background first; the seed advises falling back to user_present on error.
$("connect-background").addEventListener("click", () =>
  openAveConnectorSheet(
    base("background", {
      onError: (error) => {
        log("background onError", error);
        openAveConnectorSheet(base("user_present"));
      },
    }),
  ),
);

$("auth-required").addEventListener("change", async (e) => {
  await fetch(`${issuer}/__mock/config?client_id=${clientId}&authRequired=${e.target.checked ? 1 : 0}`);
  log("mock authRequired", e.target.checked);
});

$("reset").addEventListener("click", async () => {
  await fetch(`${issuer}/__mock/reset?client_id=${clientId}`);
  $("auth-required").checked = false;
  log("mock reset");
});

// The seed's "AI Inference Runtime" example: the answer streams in as it arrives.
function displayAIResponse(chunk) {
  $("answer").textContent += chunk;
}

function handleError(error) {
  log("runtime onError", error);
}

function createAIRuntime(delegatedToken) {
  const runtime = openAveConnectorRuntime({
    delegatedToken,
    issuer,
    target: "iris",
    targetOrigin: "https://irischat.app",
    mode: "user_present",
    onReady: () => log("runtime onReady"),
    onEvent: (event) => {
      if (event.type === "response") {
        displayAIResponse(event.data);
      } else if (event.type === "error") {
        handleError(event.error);
      } else if (event.type === "complete") {
        log("runtime complete", { id: event.id });
      }
    },
    onError: handleError,
  });
  return {
    ask: (prompt) => {
      runtime.send({ op: "infer", payload: { prompt } });
    },
  };
}

let ai = null;
$("ask-form").addEventListener("submit", (e) => {
  e.preventDefault();
  // A demo token: the mock runtime accepts any non-empty one.
  ai ??= createAIRuntime("demo-delegated-token");
  $("answer").textContent = "";
  ai.ask($("prompt").value);
});
