// Types of ave-embed-wasm/testing (./index.mjs): the mock Ave issuer
// for an app's own end-to-end tests. Node only.

export type MockIssuerProfile = "aveid.net" | "basic";

export interface MockIssuerOptions {
  /** Port on `host`; 0 (the default) picks a free one. A port in use rejects. */
  port?: number;
  /** Default "127.0.0.1". */
  host?: string;
  /** How the pages behave: "aveid.net" (the default, as the live issuer) or "basic" (one click per flow). */
  profile?: MockIssuerProfile;
  /**
   * Extra routes served first on the issuer origin (req, res: Node's
   * IncomingMessage and ServerResponse); return true when the request was answered.
   */
  routes?: (req: any, res: any, target: { pathname: string; segments: string[]; query: URLSearchParams; search: string }) => boolean | Promise<boolean>;
  /** Print method, path and status of each request (never the query). */
  log?: boolean;
}

/** Per-client switches (`configure(clientId, …)`; ./README.md "Switches"). */
export interface MockClientSwitches {
  /** What the client's pages decide by themselves, without a click ("" = the user decides). A sign-in page has no "deny". */
  decision?: "approve" | "deny" | "cancel" | "";
  /** A slow page: it loads for this long first (0..60000). */
  delayMs?: number;
  /** A page that never answers (for timeouts). */
  silent?: boolean;
  /** An issuer error: the page posts `ave:error {error, message}` at once ("" = off). */
  error?: string;
  errorMessage?: string;
  /** aveid.net: the user authorized this client before: silent sign-in. */
  returning?: boolean;
  /** aveid.net: third-party storage blocked: embedded pages cannot see the session and show the storage-access gate; /login inside a frame answers 401. */
  storageBlocked?: boolean;
  /** aveid.net, storage blocked: what the gate's `requestStorageAccess()` gets (default "grant": the gate's own popup opens; "refuse": the click's activation is spent, no popup, the frame goes to the non-embedded page). */
  storageAccess?: "grant" | "refuse";
  /** aveid.net: signed in at the issuer (default true); signed out, embedded pages show the gate, popups post `ave:auth_required` and go to /login, /connect posts it twice. */
  session?: boolean;
  /** aveid.net: the account's email is verified (default true); unverified, /connect shows "Verify your email" and posts nothing. */
  emailVerified?: boolean;
  /** basic: embedded pages post `ave:auth_required`. */
  authRequired?: boolean;
  /** App keys in the success redirect's fragment: true (as the live issuer), "raw" (unescaped base64), false. */
  appKeys?: boolean | "raw" | 1 | 0;
  /** The token endpoint fails: 500 (OAuth error), 503 (text body), 0 (connection dropped). */
  tokenStatus?: 200 | 500 | 503 | 0;
  /** The id_token carries a wrong nonce. */
  tamperNonce?: boolean;
  /** A compromised page: the redirectUrl on another origin, path, or with a wrong state. */
  tamper?: "origin" | "path" | "state" | "";
  /** /signin hands out the client's previous code again. */
  replayCode?: boolean;
  /** This client's own profile. */
  profile?: MockIssuerProfile;
  /** FedCM: what the assertion endpoint answers a signed-in user: a token (default "approve") or `{error: {code, url}}`. */
  fedcm?: "approve" | "error";
  /** FedCM: the code of `fedcm: "error"` ([a-z0-9_], at most 64; "" = "server_error"). */
  fedcmError?: string;
}

/** Global switches (`configure(null, …)`). */
export interface MockGlobalSwitches {
  profile?: MockIssuerProfile;
  /** basic: an embedded /sign posts `ave:auth_required`. */
  signAuthRequired?: boolean;
  /** When the runtime page adds its listener: ms after its `load`, "never", or "" (the profile's default: aveid.net 300 ms, as the real page after hydration; basic at once). */
  runtimeListenerDelayMs?: number | "never" | "";
}

export type MockFlowKind = "signin" | "connect" | "sign" | "runtime";
export type MockDecision = "approve" | "deny" | "cancel";

export interface MockFlowFilter {
  kind?: MockFlowKind;
  clientId?: string;
}

/** An issuer page that was rendered (a sheet's or popup's sign-in, a consent, a signing request, a runtime frame). */
export interface MockFlow {
  id: string;
  kind: MockFlowKind;
  /** The client (for a signing page: the requestId; null for the runtime). */
  clientId: string | null;
  /** The page's query parameters. */
  query: Record<string, string>;
  openedAt: number;
  /** The test's decision, if any (as of this snapshot). */
  decision: MockDecision | null;
  /** `issuer.decide(this.id, decision)`. */
  decide(decision: MockDecision): void;
  /** The messages of this page (`issuer.messages({ flowId })`). */
  messages(filter?: MockMessageFilter): MockMessage[];
}

export interface MockRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The request's `Sec-Fetch-Dest` header ("webidentity" for FedCM's fetches, "document", "empty", …), or null. */
  secFetchDest: string | null;
  /** FedCM assertion requests: the form fields (account_id, client_id, nonce, params, disclosure_text_shown, is_auto_selected, …). */
  form?: Record<string, string>;
  at: number;
}

export interface MockMessage {
  flowId: string;
  kind: MockFlowKind;
  clientId: string | null;
  /** "received": a message the page got (origin: its sender); "posted": a result the page sent (origin: its target). */
  direction: "received" | "posted";
  origin: string;
  /** The message (a runtime init's delegatedToken is replaced by its length). */
  data: unknown;
  at: number;
}

export interface MockMessageFilter {
  flowId?: string;
  kind?: MockFlowKind;
  clientId?: string | null;
  direction?: "received" | "posted";
  /** The message's `type`, e.g. "ave:connector:init". */
  type?: string;
}

export interface MockCode {
  kind: "signin" | "connector";
  code: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  issuedAt: number;
  /** Sign-in codes: the nonce they were issued with, and whether (when) the one exchange happened. */
  nonce?: string;
  /** Sign-in codes: issued by the FedCM assertion endpoint. */
  fedcm?: boolean;
  exchanged?: boolean;
  exchangedAt?: number;
  /** Connector codes. */
  resource?: string;
  approved?: boolean;
}

export type MockRuntimeScript =
  | { events: Record<string, unknown>[] }
  | { error: { status: number; error?: string; message?: string } };

export interface UserActionOptions {
  /** How long to look for the button (default 10 000 ms). */
  timeoutMs?: number;
}

/** A Playwright `Page` (playwright or playwright-core): the app's page, whose frames and popups the helpers search. */
export interface PlaywrightPageLike {
  frames(): unknown[];
  context(): { pages(): unknown[] };
  waitForFunction(...args: any[]): Promise<unknown>;
}

/** A Playwright `Page` of Chromium whose context opens CDP sessions (`fedcmChooser`). */
export interface PlaywrightCdpPageLike {
  context(): { newCDPSession(page: any): Promise<{ send(method: string, params?: Record<string, unknown>): Promise<any>; on(event: string, listener: (params: any) => void): unknown; detach(): Promise<void> }> };
}

/** A Playwright `Page` whose context opens pages (`fedcmLogin`, `fedcmLogout`). */
export interface PlaywrightContextPageLike {
  context(): { newPage(): Promise<{ goto(url: string): Promise<{ status(): number } | null>; close(): Promise<void> }> };
}

export type FedCmDialogType = "AccountChooser" | "AutoReauthn" | "ConfirmIdpLogin" | "Error";

/** An account of a FedCM dialog, as Chromium reports it (`FedCm.Account`). */
export interface FedCmDialogAccount {
  accountId: string;
  email: string;
  name: string;
  givenName: string;
  pictureUrl: string;
  idpConfigUrl: string;
  idpLoginUrl: string;
  loginState: "SignIn" | "SignUp";
  termsOfServiceUrl?: string;
  privacyPolicyUrl?: string;
}

export interface FedCmDialog {
  dialogId: string;
  dialogType: FedCmDialogType;
  accounts: FedCmDialogAccount[];
  title: string;
  subtitle?: string;
}

export interface FedCmChooserOptions {
  /** `FedCm.enable`'s `disableRejectionDelay` (default true: a dismissed or failed call rejects at once). */
  disableRejectionDelay?: boolean;
}

/** Answers headless Chromium's FedCM dialogs of one page over CDP (`fedcmChooser`). */
export interface FedCmChooser {
  /** The oldest dialog shown that no earlier call returned; rejects after timeoutMs (default 10 000). */
  nextDialog(options?: { timeoutMs?: number }): Promise<FedCmDialog>;
  /** Picks an account (default 0) in the last dialog nextDialog() returned, or the next one shown. */
  selectAccount(index?: number): Promise<void>;
  /** Closes the dialog as the user would, without a cool-down (the call rejects with NetworkError). */
  dismiss(): Promise<void>;
  clickButton(name: "ConfirmIdpLoginContinue" | "ErrorGotIt" | "ErrorMoreDetails" | (string & {})): Promise<void>;
  /** Ends the cool-down after dismissed dialogs. */
  resetCooldown(): Promise<void>;
  /** Every dialog shown so far (`closed`: the browser closed it). */
  dialogs(): Array<FedCmDialog & { closed: boolean }>;
  /** Disables the FedCm domain and detaches; pending nextDialog() calls reject. */
  close(): Promise<void>;
}

export interface MockIssuer {
  /** The origin to pass as the SDK's `issuer` option, e.g. "http://127.0.0.1:41234". */
  readonly url: string;
  readonly origin: string;
  readonly host: string;
  readonly port: number;
  readonly profile: MockIssuerProfile;
  close(): Promise<void>;
  /** Forget one client, or everything (records and flows included). */
  reset(clientId?: string): void;
  configure(clientId: string, switches: MockClientSwitches): void;
  configure(clientId: null, switches: MockGlobalSwitches): void;
  state(clientId: string): Record<string, unknown>;
  /** Decide for the user of an open page; throws for a flow that does not exist. */
  decide(flowId: string, decision: MockDecision): void;
  flows(filter?: MockFlowFilter): MockFlow[];
  /** The oldest matching flow not returned before; rejects after timeoutMs (default 10 000). */
  nextFlow(filter?: MockFlowFilter & { timeoutMs?: number }): Promise<MockFlow>;
  /** How the runtime answers requests of the live shape from its next load on (null: the default answers). */
  runtime(script: MockRuntimeScript | null): void;
  requests(filter?: { path?: string }): MockRequest[];
  messages(filter?: MockMessageFilter): MockMessage[];
  codes(filter?: { clientId?: string; kind?: "signin" | "connector" }): MockCode[];
  /** Clicks Continue / Approve / Sign in whichever issuer page (frame or popup) of `page` shows it. */
  approve(page: PlaywrightPageLike, options?: UserActionOptions): Promise<void>;
  deny(page: PlaywrightPageLike, options?: UserActionOptions): Promise<void>;
  cancel(page: PlaywrightPageLike, options?: UserActionOptions): Promise<void>;
  /** The storage-access gate's Continue (its click opens the issuer's own popup). */
  allowStorageAccess(page: PlaywrightPageLike, options?: UserActionOptions): Promise<void>;
  /** The issuer's own sign-in (/login) of a signed-out user. */
  signInAtIssuer(page: PlaywrightPageLike, options?: UserActionOptions): Promise<void>;
  /** FedCM: signs the page's browser context in at the issuer (the session cookie, `Set-Login: logged-in`). */
  fedcmLogin(page: PlaywrightContextPageLike): Promise<void>;
  /** FedCM: signs it out (`Set-Login: logged-out`). */
  fedcmLogout(page: PlaywrightContextPageLike): Promise<void>;
  /** `fedcmChooser(page, options)`. */
  fedcmChooser(page: PlaywrightCdpPageLike, options?: FedCmChooserOptions): Promise<FedCmChooser>;
}

export function startMockIssuer(options?: MockIssuerOptions): Promise<MockIssuer>;

/** Answers the FedCM dialogs of Playwright `page` (Chromium) over CDP; make it before the page's call. */
export function fedcmChooser(page: PlaywrightCdpPageLike, options?: FedCmChooserOptions): Promise<FedCmChooser>;

/** The fixed app-key values of the `appKeys` switch. */
export const APP_KEY_VALUES: Readonly<Record<"app_key" | "app_public_key" | "app_private_key" | "app_key_old" | "app_public_key_old" | "app_private_key_old", string>>;
