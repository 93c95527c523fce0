// Types of ave-embed-wasm, the drop-in replacement for @ave-id/embed 0.6.0.
//
// Every type name that 0.6.0's `embed.d.ts` exports is exported here too
// (`AveTheme`, `AveAuthSuccessPayload`, `AveAuthErrorPayload`, `AveTokenResponse`,
// `AveSigningSignedPayload`, `AveSigningDeniedPayload`, `MountAveEmbedOptions`,
// `OpenAveSheetOptions`, `OpenAvePopupOptions`, `StartAveAuthOptions`,
// `OpenAveConnectorOptions`, `OpenAveConnectorRuntimeOptions`,
// `OpenIrisDelegatedRuntimeOptions`, `OpenAveSigningSheetOptions`,
// `OpenAveSigningPopupOptions`), and code written against 0.6.0's declarations
// compiles unchanged against these: every option type accepts every value
// 0.6.0's accepts, and every value we return or pass to a callback is
// assignable to 0.6.0's type for it (checked by tests/types/compat-0.6.0.ts).
// As in 0.6.0, object types are `type` aliases, not interfaces, so an options
// object, payload or token response is assignable to `Record<string, unknown>`.
//
// Additions of this package (all optional, none breaks 0.6.0 callers): the
// names `AveConnectorMode`, `AveErrorCode`, `AveSuccessPayload`,
// `AveErrorPayload`, `AveTokens`, `AveTokenUser`, `AveBaseOptions`,
// `AveAuthOptions`, `AveEmbedOptions`, `AvePopupOptions`, `AveStartAuthOptions`,
// `AveConnectorOptions`, `AveConnectorPopupOptions`, `AveRuntimeOptions`,
// `AveIrisRuntimeOptions`, `AveRuntimeEvent`, `AveRuntimeMessage`,
// `AveSigningOptions`, `AveSigningPopupOptions` and the handle types
// `AveEmbedHandle`, `AveSheetHandle`, `AvePopupHandle`, `AveRuntimeHandle`;
// literal unions (next to `string`) for editor completion; the options
// `state` and `timeoutMs`; `onTokens`' end-to-end-encryption keys;
// `runtime.send()` returning the message id. Where richer means different
// when read back (rare; pinned in section (i) of the test): `send` returns a
// string, not `void`; the runtime's `onEvent` / `onError` are declared with
// the object types they receive, not `unknown`; mount and runtime `width`
// also take a number.

/** Theme of the issuer's pages. Default `"dark"`. Any string is accepted (0.6.0: `string`). */
export type AveTheme = "dark" | "light" | (string & {});

/** Authorization mode of connector flows and the runtime. Default `"user_present"`. */
export type AveConnectorMode = "user_present" | "background";

/** Error codes raised by the SDK itself (the issuer may send others, e.g. `"access_denied"`). Any string. */
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
export type AveSuccessPayload = {
  redirectUrl: string;
  [key: string]: unknown;
};

/** Payload of `onError`. `error` is any string; the SDK's own codes are listed in {@link AveErrorCode}. */
export type AveErrorPayload = {
  error: AveErrorCode;
  message?: string;
  [key: string]: unknown;
};

/** 0.6.0's name of {@link AveSuccessPayload}. */
export type AveAuthSuccessPayload = AveSuccessPayload;

/** 0.6.0's name of {@link AveErrorPayload}. */
export type AveAuthErrorPayload = AveErrorPayload;

/** The signed-in user, as the token endpoint returns it. */
export type AveTokenUser = {
  id: string;
  handle: string;
  displayName: string;
  email?: string;
  avatarUrl?: string;
};

/** The token endpoint's response, as 0.6.0 declares it. */
export type AveTokenResponse = {
  access_token: string;
  access_token_jwt: string;
  id_token?: string;
  refresh_token?: string;
  token_type: "Bearer";
  expires_in: number;
  scope: string;
  user_id?: string;
  user?: AveTokenUser | null;
};

/**
 * What `onTokens` receives after the PKCE code exchange: the token endpoint's
 * response ({@link AveTokenResponse}, so a 0.6.0 `(tokens: AveTokenResponse) => void`
 * callback fits) plus, as our addition, the app's end-to-end-encryption keys
 * when the issuer put them in the redirect URL's fragment
 * (`#app_key=…&app_public_key=…`; only the keys present are set). The keys
 * are base64 strings and are secrets like the tokens: keep them out of URLs,
 * logs and storage you do not trust.
 */
export type AveTokens = AveTokenResponse & {
  /** The app's end-to-end-encryption key (base64). */
  app_key?: string;
  /** The app's public key (base64). */
  app_public_key?: string;
  /** The app's private key (base64). */
  app_private_key?: string;
  /** The `app_key` before a key rotation (base64). */
  app_key_old?: string;
  /** The `app_public_key` before a key rotation (base64). */
  app_public_key_old?: string;
  /** The `app_private_key` before a key rotation (base64). */
  app_private_key_old?: string;
  /** `true` when the issuer reset (rotated) the app's keys; absent otherwise. */
  app_key_reset?: boolean;
  /** Any other field of the token response. */
  [key: string]: unknown;
};

/** Options common to every flow. */
export type AveBaseOptions = {
  /** Issuer URL. Default `"https://aveid.net"`. `https:` only (`http:` on localhost). */
  issuer?: string;
  /** Called once when the flow succeeds. */
  onSuccess?: (payload: AveSuccessPayload) => void;
  /** Called once when the flow fails. */
  onError?: (payload: AveErrorPayload) => void;
  /** Called once when the flow ends without a result (dismissed or `close()`). */
  onClose?: () => void;
};

/** Options of the sign-in functions (0.6.0's `OpenAveSheetOptions`). */
export type AveAuthOptions = AveBaseOptions & {
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
  /** Method of `codeChallenge`, usually `"S256"`. Any string (0.6.0: `string`). */
  codeChallengeMethod?: "S256" | "plain" | (string & {});
  /**
   * Extra query parameters for the sign-in page. `state` here is sent as the
   * flow's `state` (else a random one is) and required back in the redirect.
   */
  extraParams?: Record<string, string>;
};

/** Options of `openAveSheet` and of `startAveAuth`'s sheet: the sign-in options and `fedcm`. */
export type AveSheetAuthOptions = AveAuthOptions & {
  /**
   * With `onTokens`: sign in through the browser's own account chooser
   * (FedCM) where the browser has it, and show the sheet only where it
   * does not or gives no answer (dismissed, signed out at the issuer).
   * Ignored without `onTokens`. Default `false`. While the chooser is up the
   * handle's `iframe` is `null`, and `close()` dismisses it (`onClose`).
   */
  fedcm?: boolean;
};

/** Options of `mountAveEmbed` (0.6.0's `MountAveEmbedOptions`). */
export type AveEmbedOptions = AveAuthOptions & {
  /** Element the sign-in iframe is mounted in. */
  container: HTMLElement;
  /** CSS length; a number means pixels (our addition: 0.6.0 declares `string`). Default `"100%"`. */
  width?: string | number;
  /** CSS length; a number means pixels. Default `720`. */
  height?: string | number;
};

/** Options of `openAvePopup` (0.6.0's `OpenAvePopupOptions`). */
export type AvePopupOptions = AveAuthOptions & {
  /** Default `450`. */
  width?: number;
  /** Default `650`. */
  height?: number;
};

/**
 * Options of `startAveAuth` (0.6.0's `StartAveAuthOptions`): with `container`,
 * the `mountAveEmbed` options (inline); without, the `openAveSheet` options
 * (a sheet). In both, `clientId` is optional and defaults to
 * `"origin:" + origin of redirectUri`. A union as in 0.6.0, so
 * `"container" in options` narrows it.
 */
export type AveStartAuthOptions =
  | (Omit<AveEmbedOptions, "clientId"> & {
      /** Default `"origin:" + origin of redirectUri`. */
      clientId?: string;
    })
  | (Omit<AveSheetAuthOptions, "clientId"> & {
      /** Default `"origin:" + origin of redirectUri`. */
      clientId?: string;
    });

/** Options of `openAveConnectorSheet` (0.6.0's `OpenAveConnectorOptions`). */
export type AveConnectorOptions = AveBaseOptions & {
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
  /** Sent as `state` and checked in the redirect URL. Generated when absent. (Addition.) */
  state?: string;
  /** Background mode: give up after this many milliseconds (`timeout`). Default 15000. (Addition.) */
  timeoutMs?: number;
};

/** Options of `openAveConnectorPopup` (0.6.0: `OpenAveConnectorOptions & { width?: number; height?: number }`). */
export type AveConnectorPopupOptions = AveConnectorOptions & {
  /** Popup width / height in pixels (1–10000). Default 460 × 700. */
  width?: number;
  /** Popup width / height in pixels (1–10000). Default 460 × 700. */
  height?: number;
};

/** Options of `openAveConnectorRuntime` (0.6.0's `OpenAveConnectorRuntimeOptions`). */
export type AveRuntimeOptions = {
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
  /** CSS length; a number means pixels (our addition: 0.6.0 declares `string`). Default `"100%"`. */
  width?: string | number;
  /** CSS length; a number means pixels. Default `640`. */
  height?: string | number;
  /** No `ready` within this many milliseconds → `onError({ error: "timeout" })`. Default 15000. (Addition.) */
  timeoutMs?: number;
  /** The runtime frame is ready. */
  onReady?: () => void;
  /** A runtime event, always a plain object (0.6.0 declares `unknown`; a `(payload: unknown) => void` callback fits). */
  onEvent?: (event: AveRuntimeEvent) => void;
  /** A runtime error, always an object with `error` (0.6.0 declares `unknown`). */
  onError?: (payload: AveErrorPayload) => void;
};

/** Options of `openIrisDelegatedRuntime` (`target: "iris"`, `targetOrigin` default `"https://irischat.app"`; 0.6.0's `OpenIrisDelegatedRuntimeOptions`). */
export type AveIrisRuntimeOptions = Omit<AveRuntimeOptions, "target">;

/** 0.6.0's name of {@link AveEmbedOptions}. */
export type MountAveEmbedOptions = AveEmbedOptions;
/** 0.6.0's name of the options of `openAveSheet` ({@link AveSheetAuthOptions}). */
export type OpenAveSheetOptions = AveSheetAuthOptions;
/** 0.6.0's name of {@link AvePopupOptions}. */
export type OpenAvePopupOptions = AvePopupOptions;
/** 0.6.0's name of {@link AveStartAuthOptions}. */
export type StartAveAuthOptions = AveStartAuthOptions;
/** 0.6.0's name of {@link AveConnectorOptions}. */
export type OpenAveConnectorOptions = AveConnectorOptions;
/** 0.6.0's name of {@link AveRuntimeOptions}. */
export type OpenAveConnectorRuntimeOptions = AveRuntimeOptions;
/** 0.6.0's name of {@link AveIrisRuntimeOptions}. */
export type OpenIrisDelegatedRuntimeOptions = AveIrisRuntimeOptions;

/** An event streamed by the runtime (what `onEvent` receives). */
export type AveRuntimeEvent = {
  id?: string;
  type?: "response" | "error" | "complete" | "token" | "done" | "result" | (string & {});
  data?: unknown;
  error?: unknown;
  [key: string]: unknown;
};

/**
 * The usual shape of a message for `runtime.send()`. `send` accepts `unknown`
 * (as 0.6.0 declares it) but needs an object at run time.
 */
export type AveRuntimeMessage = {
  /** Request id; a random one is assigned when absent. A number is sent as given and returned as `String(id)`. */
  id?: string | number;
  op?: string;
  payload?: unknown;
  [key: string]: unknown;
};

/** Payload of `onSigned`. */
export type AveSigningSignedPayload = {
  [key: string]: unknown;
};

/** Payload of `onDenied`. */
export type AveSigningDeniedPayload = {
  [key: string]: unknown;
};

/** Options of `openAveSigningSheet` (0.6.0's `OpenAveSigningSheetOptions`). */
export type AveSigningOptions = {
  /** The signing request id. */
  requestId: string;
  /** Issuer URL. Default `"https://aveid.net"`. */
  issuer?: string;
  /** The request was signed. */
  onSigned?: (payload: AveSigningSignedPayload) => void;
  /** The request was denied (or, for popups, `{ error: "popup_blocked" }`). */
  onDenied?: (payload: AveSigningDeniedPayload) => void;
  /** Closed without a result. */
  onClose?: () => void;
};

/** Options of `openAveSigningPopup` (0.6.0's `OpenAveSigningPopupOptions`). */
export type AveSigningPopupOptions = AveSigningOptions & {
  /** Popup width / height in pixels (1–10000). Default 500 × 600. */
  width?: number;
  /** Popup width / height in pixels (1–10000). Default 500 × 600. */
  height?: number;
};

/** 0.6.0's name of {@link AveSigningOptions}. */
export type OpenAveSigningSheetOptions = AveSigningOptions;
/** 0.6.0's name of {@link AveSigningPopupOptions}. */
export type OpenAveSigningPopupOptions = AveSigningPopupOptions;

/** Handle of an inline sign-in iframe. */
export type AveEmbedHandle = {
  iframe: HTMLIFrameElement;
  /** Removes the iframe. Idempotent. */
  destroy: () => void;
  /** Posts to the issuer page (issuer origin only). */
  postMessage: (payload: unknown) => void;
};

/** Handle of a sheet. */
export type AveSheetHandle = {
  /** Closes the sheet (`onClose` fires unless the flow already ended). Idempotent. */
  close: () => void;
  iframe: HTMLIFrameElement;
};

/** Handle of a popup. */
export type AvePopupHandle = {
  popup: Window;
  /** Closes the popup (`onClose` fires unless the flow already ended). Idempotent. */
  close: () => void;
};

/** Handle of a runtime. */
export type AveRuntimeHandle = {
  iframe: HTMLIFrameElement;
  /**
   * Sends a request (queued until ready) and returns its `id` (0.6.0 returns
   * nothing). Usually an {@link AveRuntimeMessage}; throws a `TypeError` for a
   * non-object, and an `Error` after `destroy()`.
   */
  send: (message: unknown) => string;
  /** Removes the frame and its listener. Idempotent. */
  destroy: () => void;
};

/** Mounts the sign-in page in an inline iframe inside `options.container`. */
export function mountAveEmbed(options: MountAveEmbedOptions): Promise<AveEmbedHandle>;
/** Opens the sign-in bottom sheet. */
export function openAveSheet(options: OpenAveSheetOptions): Promise<AveSheetHandle>;
/** Opens the sign-in popup; `null` when the browser blocked it. */
export function openAvePopup(options: OpenAvePopupOptions): Promise<AvePopupHandle | null>;
/** Inline when `container` is given, else a sheet. */
export function startAveAuth(options: StartAveAuthOptions): Promise<AveEmbedHandle | AveSheetHandle>;
/** Opens the connector authorization sheet (silent hidden frame in `"background"` mode). */
export function openAveConnectorSheet(options: OpenAveConnectorOptions): AveSheetHandle;
/** Opens the connector authorization popup; `null` when blocked (after `onError({ error: "popup_blocked" })`). */
export function openAveConnectorPopup(options: AveConnectorPopupOptions): AvePopupHandle | null;
/** Opens the protected connector runtime. */
export function openAveConnectorRuntime(options: OpenAveConnectorRuntimeOptions): AveRuntimeHandle;
/** Opens the Iris delegated runtime. */
export function openIrisDelegatedRuntime(options: OpenIrisDelegatedRuntimeOptions): AveRuntimeHandle;
/** Opens the signing request sheet. */
export function openAveSigningSheet(options: OpenAveSigningSheetOptions): AveSheetHandle;
/** Opens the signing request popup; `null` when blocked (after `onDenied({ error: "popup_blocked" })`). */
export function openAveSigningPopup(options: OpenAveSigningPopupOptions): AvePopupHandle | null;

/**
 * Defaults for every call of the functions {@link createAve} returns: a call's
 * own option wins; an option it leaves out (`undefined` or `null`) takes the
 * default. Each is checked like the option itself, at each call that uses it.
 */
export type AveDefaults = {
  /** Issuer URL for every call (e.g. a test issuer). */
  issuer?: string;
  /** Client id of the connector and sign-in functions. */
  clientId?: string;
  /** Redirect URI of the connector and sign-in functions. */
  redirectUri?: string;
};

/** The keys of `D` that hold a value (not `undefined`): those a call may leave out. */
export type AveDefaultedKeys<D> = {
  [K in keyof D & keyof AveDefaults]-?: undefined extends D[K] ? never : K;
}[keyof D & keyof AveDefaults];

/** `O` with the keys `K` optional (each member of a union alike). */
export type AveWithDefaults<O, K extends PropertyKey> = O extends unknown
  ? Omit<O, K & keyof O> & Partial<Pick<O, K & keyof O>>
  : never;

/** The ten functions, with the options that defaults cover made optional. */
export type AveFunctions<K extends PropertyKey = never> = {
  mountAveEmbed(options: AveWithDefaults<MountAveEmbedOptions, K>): Promise<AveEmbedHandle>;
  openAveSheet(options: AveWithDefaults<OpenAveSheetOptions, K>): Promise<AveSheetHandle>;
  openAvePopup(options: AveWithDefaults<OpenAvePopupOptions, K>): Promise<AvePopupHandle | null>;
  startAveAuth(options: AveWithDefaults<StartAveAuthOptions, K>): Promise<AveEmbedHandle | AveSheetHandle>;
  openAveConnectorSheet(options: AveWithDefaults<OpenAveConnectorOptions, K>): AveSheetHandle;
  openAveConnectorPopup(options: AveWithDefaults<AveConnectorPopupOptions, K>): AvePopupHandle | null;
  openAveConnectorRuntime(options: AveWithDefaults<OpenAveConnectorRuntimeOptions, K>): AveRuntimeHandle;
  openIrisDelegatedRuntime(options: AveWithDefaults<OpenIrisDelegatedRuntimeOptions, K>): AveRuntimeHandle;
  openAveSigningSheet(options: AveWithDefaults<OpenAveSigningSheetOptions, K>): AveSheetHandle;
  openAveSigningPopup(options: AveWithDefaults<OpenAveSigningPopupOptions, K>): AvePopupHandle | null;
};

/**
 * The ten functions with `defaults` under every call's options: one place
 * to point a whole app at an issuer (a test issuer in tests) or to give its
 * `clientId` and `redirectUri`. The defaults belong to the returned
 * functions, not to the page: the package's own exports keep none.
 * Throws a `TypeError` for a key other than `issuer`, `clientId`,
 * `redirectUri`, or a value that is not a non-empty string.
 *
 * @example
 * ```ts
 * // ave.ts: the app imports its functions from here
 * export const ave = createAve({
 *   issuer: import.meta.env.VITE_AVE_ISSUER, // e.g. the testing kit's mock issuer
 *   clientId: "YOUR_CLIENT_ID",
 *   redirectUri: `${location.origin}/callback`,
 * });
 * // anywhere
 * ave.openAveConnectorSheet({ resource: "calendar:google" });
 * ```
 */
export function createAve<const D extends AveDefaults>(defaults: D): AveFunctions<AveDefaultedKeys<D>>;
