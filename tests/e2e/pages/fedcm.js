// An app page that signs in through the browser's FedCM account chooser by
// itself (no SDK), the call Ave's own SDK makes, then exchanges the token
// at the issuer: what tests/e2e/fedcm-kit.test.mjs drives against the mock.

const config = await (await fetch("/config.json")).json();
window.config = config;

/**
 * navigator.credentials.get with one Ave provider; resolves to
 * `{token}` or to what the rejection carried: `{name, message, error,
 * code, url}` (an IdentityCredentialError has error/code and url).
 */
window.fedcmGet = async ({ issuer, clientId, nonce, scope = "openid profile email", state, redirectUri = `${location.origin}/callback`, mediation = "optional" }) => {
  try {
    const credential = await navigator.credentials.get({
      identity: {
        context: "signin",
        providers: [{
          configURL: `${issuer}/api/oauth/fedcm/config`,
          clientId,
          nonce,
          fields: ["name", "email", "picture"],
          params: { scope, redirectUri, state, nonce },
        }],
      },
      mediation,
    });
    return { token: credential.token, type: credential.type };
  } catch (e) {
    return { name: e?.name, message: e?.message, error: e?.error, code: e?.code, url: e?.url, isIdentityCredentialError: typeof IdentityCredentialError === "function" && e instanceof IdentityCredentialError };
  }
};

/** POST {assertion, clientId} to the issuer's FedCM exchange; resolves to {status, body}. */
window.fedcmExchange = async ({ issuer, assertion, clientId }) => {
  const response = await fetch(`${issuer}/api/oauth/fedcm/exchange`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ assertion, clientId }),
  });
  return { status: response.status, body: await response.json() };
};

/** The claims of a JWT (no check of its signature). */
window.jwtClaims = (jwt) => JSON.parse(atob(jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));

window.identityCredential = typeof IdentityCredential === "function";
window.__ready = true;
