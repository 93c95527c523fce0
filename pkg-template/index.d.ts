// Types of ave-embed-wasm, the drop-in replacement for @ave-id/embed 0.6.0.

/** Theme of the issuer's pages. Default `"dark"`. */
export type AveTheme = "dark" | "light" | (string & {});

/** Authorization mode of connector flows and the runtime. Default `"user_present"`. */
export type AveConnectorMode = "user_present" | "background";

/** Error codes raised by the SDK itself (the issuer may send others, e.g. `"access_denied"`). */
export type AveErrorCode =
  | "popup_blocked"
  | "invalid_redirect"
  | "state_mismatch"
  | "interaction_required"
  | "timeout"
  | "nonce_mismatch"
  | "token_exchange_failed"
  | "network_error"
  | "send_failed"
  | "issuer_error"
  | (string & {});

/** Payload of `onSuccess`: the issuer's redirect URL (already checked against `redirectUri` and `state`). */
export interface AveSuccessPayload {
  redirectUrl: string;
  [key: string]: unknown;
}

/** Payload of `onError`. */
export interface AveErrorPayload {
  error: AveErrorCode;
  message?: string;
  [key: string]: unknown;
}

/** Tokens passed to `onTokens` after the PKCE code exchange. */
export interface AveTokens {
  access_token?: string;
  id_token?: string;
  refresh_token?: string;
  token_type?: string;
  expires_in?: number;
  scope?: string;
  [key: string]: unknown;
}

/** Options common to every flow. */
export interface AveBaseOptions {
  /** Issuer URL. Default `"https://aveid.net"`. `https:` only (`http:` on localhost). */
  issuer?: string;
  /** Called once when the flow succeeds. */
  onSuccess?: (payload: AveSuccessPayload) => void;
  /** Called once when the flow fails. */
  onError?: (payload: AveErrorPayload) => void;
  /** Called once when the flow ends without a result (dismissed or `close()`). */
  onClose?: () => void;
}

/** Options of the sign-in functions. */
export interface AveAuthOptions extends AveBaseOptions {
  /** Your Ave client id. */
  clientId: string;
  /** OAuth redirect URI; its origin must be the page's origin. */
  redirectUri: string;
  /** Default `"openid profile email"`. */
  scope?: string;
  /** Default `"dark"`. */
  theme?: AveTheme;
  /** When given, the SDK runs PKCE itself and calls this with the tokens (instead of `onSuccess`). */
  onTokens?: (tokens: AveTokens) => void;
  /** Your own PKCE challenge (ignored when `onTokens` is given). */
  codeChallenge?: string;
  /** Method of `codeChallenge`. */
  codeChallengeMethod?: "S256" | "plain";
  /** Extra query parameters for the sign-in page. */
  extraParams?: Record<string, string>;
}

/** Options of `mountAveEmbed`. */
export interface AveEmbedOptions extends AveAuthOptions {
  /** Element the sign-in iframe is mounted in. */
  container: HTMLElement;
  /** Default `"100%"`. */
  width?: string | number;
  /** Default `720`. */
  height?: string | number;
}

/** Options of `openAvePopup`. */
export interface AvePopupOptions extends AveAuthOptions {
  /** Default `450`. */
  width?: number;
  /** Default `650`. */
  height?: number;
}

/** Options of `startAveAuth`: inline when `container` is given, else a sheet. */
export interface AveStartAuthOptions extends Omit<AveAuthOptions, "clientId"> {
  /** Default `"origin:" + origin of redirectUri`. */
  clientId?: string;
  container?: HTMLElement;
  width?: string | number;
  height?: string | number;
}

/** Options of `openAveConnectorSheet` and `openAveConnectorPopup`. */
export interface AveConnectorOptions extends AveBaseOptions {
  /** Your Ave client id. */
  clientId: string;
  /** Redirect URI; `onSuccess`'s `redirectUrl` must share its origin and path. */
  redirectUri: string;
  /** Target resource identifier, e.g. `"calendar:google"`. */
  resource: string;
  /** Resource scopes. Default `"resource.access"`. */
  scope?: string;
  /** Default `"user_present"`; `"background"` is silent and fails with `interaction_required`. */
  mode?: AveConnectorMode;
  /** Sent as `state` and checked in the redirect URL. Generated when absent. */
  state?: string;
  /** Background mode: give up after this many milliseconds (`timeout`). Default 15000. */
  timeoutMs?: number;
}

/** Options of `openAveConnectorPopup`. */
export interface AveConnectorPopupOptions extends AveConnectorOptions {}

/** Options of `openAveConnectorRuntime`. */
export interface AveRuntimeOptions {
  /** Delegated access token; sent only to the issuer origin inside the init message. */
  delegatedToken: string;
  /** Target application identifier. Default `"resource"`. */
  target?: string;
  /** Bare origin of the target application, e.g. `"https://irischat.app"`. */
  targetOrigin?: string;
  /** Default `"user_present"`. */
  mode?: AveConnectorMode;
  /** Issuer URL. Default `"https://aveid.net"`. */
  issuer?: string;
  /** Show the runtime frame in this element (hidden otherwise). */
  container?: HTMLElement;
  /** Default `"100%"`. */
  width?: string | number;
  /** Default `640`. */
  height?: string | number;
  /** No `ready` within this many milliseconds → `onError({ error: "timeout" })`. Default 15000. */
  timeoutMs?: number;
  /** The runtime frame is ready. */
  onReady?: () => void;
  /** A runtime event (always a plain object). */
  onEvent?: (event: AveRuntimeEvent) => void;
  /** A runtime error. */
  onError?: (payload: AveErrorPayload) => void;
}

/** Options of `openIrisDelegatedRuntime` (`target: "iris"`, `targetOrigin` default `"https://irischat.app"`). */
export interface AveIrisRuntimeOptions extends Omit<AveRuntimeOptions, "target"> {}

/** An event streamed by the runtime. */
export interface AveRuntimeEvent {
  id?: string;
  type?: "response" | "error" | "complete" | "token" | "done" | "result" | (string & {});
  data?: unknown;
  error?: unknown;
  [key: string]: unknown;
}

/** A message sent to the runtime. */
export interface AveRuntimeMessage {
  id?: string;
  op?: string;
  payload?: unknown;
  [key: string]: unknown;
}

/** Options of `openAveSigningSheet` / `openAveSigningPopup`. */
export interface AveSigningOptions {
  /** The signing request id. */
  requestId: string;
  /** Issuer URL. Default `"https://aveid.net"`. */
  issuer?: string;
  /** The request was signed. */
  onSigned?: (payload: Record<string, unknown>) => void;
  /** The request was denied (or, for popups, `{ error: "popup_blocked" }`). */
  onDenied?: (payload: Record<string, unknown>) => void;
  /** Closed without a result. */
  onClose?: () => void;
}

/** Handle of an inline sign-in iframe. */
export interface AveEmbedHandle {
  iframe: HTMLIFrameElement;
  /** Removes the iframe. Idempotent. */
  destroy: () => void;
  /** Posts to the issuer page (issuer origin only). */
  postMessage: (payload: unknown) => void;
}

/** Handle of a sheet. */
export interface AveSheetHandle {
  /** Closes the sheet (`onClose` fires unless the flow already ended). Idempotent. */
  close: () => void;
  iframe: HTMLIFrameElement;
}

/** Handle of a popup. */
export interface AvePopupHandle {
  popup: Window;
  /** Closes the popup (`onClose` fires unless the flow already ended). Idempotent. */
  close: () => void;
}

/** Handle of a runtime. */
export interface AveRuntimeHandle {
  iframe: HTMLIFrameElement;
  /** Sends a request (queued until ready); returns its `id`. Throws after `destroy()`. */
  send: (message: AveRuntimeMessage) => string;
  /** Removes the frame and its listener. Idempotent. */
  destroy: () => void;
}

/** Mounts the sign-in page in an inline iframe inside `options.container`. */
export function mountAveEmbed(options: AveEmbedOptions): Promise<AveEmbedHandle>;
/** Opens the sign-in bottom sheet. */
export function openAveSheet(options: AveAuthOptions): Promise<AveSheetHandle>;
/** Opens the sign-in popup; `null` when the browser blocked it. */
export function openAvePopup(options: AvePopupOptions): Promise<AvePopupHandle | null>;
/** Inline when `container` is given, else a sheet. */
export function startAveAuth(options: AveStartAuthOptions): Promise<AveEmbedHandle | AveSheetHandle>;
/** Opens the connector authorization sheet (silent hidden frame in `"background"` mode). */
export function openAveConnectorSheet(options: AveConnectorOptions): AveSheetHandle;
/** Opens the connector authorization popup; `null` when blocked (after `onError({ error: "popup_blocked" })`). */
export function openAveConnectorPopup(options: AveConnectorPopupOptions): AvePopupHandle | null;
/** Opens the protected connector runtime. */
export function openAveConnectorRuntime(options: AveRuntimeOptions): AveRuntimeHandle;
/** Opens the Iris delegated runtime. */
export function openIrisDelegatedRuntime(options: AveIrisRuntimeOptions): AveRuntimeHandle;
/** Opens the signing request sheet. */
export function openAveSigningSheet(options: AveSigningOptions): AveSheetHandle;
/** Opens the signing request popup; `null` when blocked (after `onDenied({ error: "popup_blocked" })`). */
export function openAveSigningPopup(options: AveSigningOptions): AvePopupHandle | null;
