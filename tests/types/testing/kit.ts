// ave-embed-wasm/testing as an app's Node test writes it (Node types, no DOM): every function and
// option of kit/index.d.ts, and what must not compile.
import { APP_KEY_VALUES, fedcmChooser, startMockIssuer, type FedCmChooser, type FedCmDialog, type MockFlow, type MockIssuer } from "ave-embed-wasm/testing";
import type { Page } from "playwright-core";

declare const playwrightPage: Page;
declare const page: { frames(): unknown[]; context(): { pages(): unknown[] }; waitForFunction(...args: any[]): Promise<unknown> };

export async function appTest(): Promise<void> {
  const issuer: MockIssuer = await startMockIssuer({ port: 0, host: "127.0.0.1", profile: "aveid.net", log: false });
  const basic = await startMockIssuer({ profile: "basic", routes: (_req, _res, target) => target.pathname === "/health" });
  const url: string = issuer.url;
  issuer.configure("my-app", { decision: "approve", delayMs: 500, silent: false, error: "", returning: true, storageBlocked: true, appKeys: "raw", tokenStatus: 503 });
  issuer.configure(null, { profile: "basic", signAuthRequired: true });
  issuer.configure("my-app", { storageBlocked: true, storageAccess: "refuse", session: false, emailVerified: false });
  issuer.configure(null, { runtimeListenerDelayMs: 600 });
  issuer.configure(null, { runtimeListenerDelayMs: "never" });
  const flow: MockFlow = await issuer.nextFlow({ kind: "signin", clientId: "my-app", timeoutMs: 2000 });
  flow.decide("approve");
  issuer.decide(flow.id, "cancel");
  const nonce: string | undefined = flow.query.nonce;
  const exchanged: boolean | undefined = issuer.codes({ clientId: "my-app" })[0]?.exchanged;
  const posted: unknown = issuer.messages({ direction: "posted", type: "ave:success" })[0]?.data;
  const paths: string[] = issuer.requests().map((r) => r.path);
  issuer.runtime({ events: [{ type: "token", content: "Hi" }] });
  issuer.runtime({ error: { status: 429, error: "rate_limited" } });
  issuer.runtime(null);
  await issuer.approve(page);
  await issuer.approve(playwrightPage, { timeoutMs: 5000 }); // a real Playwright Page fits
  await issuer.deny(page, { timeoutMs: 100 });
  await issuer.cancel(page);
  await issuer.allowStorageAccess(page);
  await issuer.signInAtIssuer(page);
  const key: string = APP_KEY_VALUES.app_key;
  issuer.reset("my-app");
  issuer.reset();
  void [url, nonce, exchanged, posted, paths, key];

  // FedCM: the switches, the records, the session and the chooser on a real Playwright Page.
  issuer.configure("my-app", { fedcm: "error", fedcmError: "temporarily_unavailable" });
  issuer.configure("my-app", { fedcm: "approve" });
  const dest: string | null = issuer.requests({ path: "/api/oauth/fedcm/assertion" })[0]?.secFetchDest ?? null;
  const params: string | undefined = issuer.requests()[0]?.form?.params;
  const viaFedcm: boolean | undefined = issuer.codes({ clientId: "my-app" })[0]?.fedcm;
  await issuer.fedcmLogin(playwrightPage);
  await issuer.fedcmLogout(playwrightPage);
  const chooser: FedCmChooser = await fedcmChooser(playwrightPage);
  const same: FedCmChooser = await issuer.fedcmChooser(playwrightPage, { disableRejectionDelay: false });
  const dialog: FedCmDialog = await chooser.nextDialog({ timeoutMs: 5000 });
  const type: "AccountChooser" | "AutoReauthn" | "ConfirmIdpLogin" | "Error" = dialog.dialogType;
  const email: string | undefined = dialog.accounts[0]?.email;
  await chooser.selectAccount();
  await chooser.selectAccount(1);
  await chooser.dismiss();
  await chooser.clickButton("ErrorGotIt");
  await chooser.resetCooldown();
  const closed: boolean | undefined = chooser.dialogs()[0]?.closed;
  await chooser.close();
  void [dest, params, viaFedcm, same, type, email, closed];

  // @ts-expect-error: an unknown profile
  await startMockIssuer({ profile: "auth0" });
  // @ts-expect-error: an unknown decision
  flow.decide("maybe");
  // @ts-expect-error: per-client switches are not global
  issuer.configure(null, { storageBlocked: true });
  // @ts-expect-error: storage access is granted or refused
  issuer.configure("my-app", { storageAccess: "prompt" });
  // @ts-expect-error: the runtime page has no client: its listener delay is global
  issuer.configure("my-app", { runtimeListenerDelayMs: 600 });
  // @ts-expect-error: a runtime script is events or an error
  issuer.runtime({ events: "Hi" });
  // @ts-expect-error: the FedCM assertion approves or fails
  issuer.configure("my-app", { fedcm: "deny" });
  // @ts-expect-error: FedCM switches are per client
  issuer.configure(null, { fedcm: "error" });
  // @ts-expect-error: the chooser needs a page whose context opens CDP sessions
  await fedcmChooser(page);
  await basic.close();
  await issuer.close();
}
