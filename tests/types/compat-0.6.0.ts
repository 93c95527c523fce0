// Type test: code written against @ave-id/embed 0.6.0's declarations
// (`embed.d.ts`) compiles unchanged against pkg-template/index.d.ts (docs/compatibility.md#typescript-surface,
// "TypeScript surface of 0.6.0"). Compiled with `tsc --strict` in `make test`.
//
// 140 compile-time assertions that must hold (`Assert<…>` lines): 139 in
// sections (a)–(f), counted per section, and one in (h):
//   (a)  10  each function's parameter accepts 0.6.0's options type (and names every option 0.6.0 names)
//   (b)  10  each function's return type is assignable to 0.6.0's (same sync/async-ness)
//   (c)  24  each callback payload we pass is assignable to 0.6.0's payload type
//   (d)  45  each of the 15 type names 0.6.0 exports: compatible with 0.6.0's (both ways
//            where that makes sense), is what our functions take, is a `Record<string, unknown>`
//   (e)  10  each of our functions is assignable to 0.6.0's function type as a whole
//   (f)  40  field by field: every option field of 0.6.0 is accepted, with 0.6.0's value type
//   (h)   1  why `Accepts` also compares keys
// plus 0.6.0-style code that must compile (section (g)), 12 `@ts-expect-error`
// assertions proving the assertions can fail (section (h)), and 4
// `@ts-expect-error` lines pinning the known, deliberate differences from
// 0.6.0 (section (i)).
import * as ours from "@ave-id/embed";
import {
  mountAveEmbed,
  openAveConnectorPopup,
  openAveConnectorRuntime,
  openAveConnectorSheet,
  openAvePopup,
  openAveSheet,
  openAveSigningPopup,
  openAveSigningSheet,
  openIrisDelegatedRuntime,
  startAveAuth,
} from "@ave-id/embed";
import type {
  AveAuthErrorPayload,
  AveAuthSuccessPayload,
  AveSigningDeniedPayload,
  AveSigningSignedPayload,
  AveTheme,
  AveTokenResponse,
  MountAveEmbedOptions,
  OpenAveConnectorOptions,
  OpenAveConnectorRuntimeOptions,
  OpenAvePopupOptions,
  OpenAveSheetOptions,
  OpenAveSigningPopupOptions,
  OpenAveSigningSheetOptions,
  OpenIrisDelegatedRuntimeOptions,
  StartAveAuthOptions,
} from "@ave-id/embed";

// ---------------------------------------------------------------------------
// 0.6.0's declarations, written from the facts in docs/compatibility.md#typescript-surface. Object types are
// type aliases and function-typed members use property syntax (checked
// contravariantly under --strict), as in 0.6.0's embed.d.ts.
// ---------------------------------------------------------------------------
declare namespace V060 {
  export type AveTheme = string;
  export type AveAuthSuccessPayload = { redirectUrl: string; [key: string]: unknown };
  export type AveAuthErrorPayload = { error: string; message?: string; [key: string]: unknown };
  export type AveTokenResponse = {
    access_token: string;
    access_token_jwt: string;
    id_token?: string;
    refresh_token?: string;
    token_type: "Bearer";
    expires_in: number;
    scope: string;
    user_id?: string;
    user?: { id: string; handle: string; displayName: string; email?: string; avatarUrl?: string } | null;
  };
  export type AveSigningSignedPayload = { [key: string]: unknown };
  export type AveSigningDeniedPayload = { [key: string]: unknown };

  export type MountAveEmbedOptions = {
    container: HTMLElement;
    clientId: string;
    redirectUri: string;
    scope?: string;
    issuer?: string;
    theme?: AveTheme;
    width?: string;
    height?: number | string;
    codeChallenge?: string;
    codeChallengeMethod?: string;
    onTokens?: (tokens: AveTokenResponse) => void;
    onSuccess?: (payload: AveAuthSuccessPayload) => void;
    onError?: (payload: AveAuthErrorPayload) => void;
    onClose?: () => void;
  };
  export type OpenAveSheetOptions = {
    clientId: string;
    redirectUri: string;
    scope?: string;
    issuer?: string;
    theme?: AveTheme;
    codeChallenge?: string;
    codeChallengeMethod?: string;
    extraParams?: Record<string, string>;
    onTokens?: (tokens: AveTokenResponse) => void;
    onSuccess?: (payload: AveAuthSuccessPayload) => void;
    onError?: (payload: AveAuthErrorPayload) => void;
    onClose?: () => void;
  };
  export type OpenAvePopupOptions = {
    clientId: string;
    redirectUri: string;
    scope?: string;
    issuer?: string;
    theme?: AveTheme;
    codeChallenge?: string;
    codeChallengeMethod?: string;
    width?: number;
    height?: number;
    onTokens?: (tokens: AveTokenResponse) => void;
    onSuccess?: (payload: AveAuthSuccessPayload) => void;
    onError?: (payload: AveAuthErrorPayload) => void;
    onClose?: () => void;
  };
  export type StartAveAuthOptions =
    | (Omit<MountAveEmbedOptions, "clientId"> & { clientId?: string })
    | (Omit<OpenAveSheetOptions, "clientId"> & { clientId?: string });
  export type OpenAveConnectorOptions = {
    clientId: string;
    redirectUri: string;
    resource: string;
    scope?: string;
    mode?: "user_present" | "background";
    issuer?: string;
    onSuccess?: (payload: AveAuthSuccessPayload) => void;
    onError?: (payload: AveAuthErrorPayload) => void;
    onClose?: () => void;
  };
  export type OpenAveConnectorRuntimeOptions = {
    issuer?: string;
    target?: string;
    targetOrigin?: string;
    delegatedToken: string;
    mode?: "user_present" | "background";
    width?: string;
    height?: number | string;
    container?: HTMLElement;
    onReady?: () => void;
    onEvent?: (payload: unknown) => void;
    onError?: (payload: unknown) => void;
  };
  export type OpenIrisDelegatedRuntimeOptions = Omit<OpenAveConnectorRuntimeOptions, "target">;
  export type OpenAveSigningSheetOptions = {
    requestId: string;
    issuer?: string;
    onSigned?: (payload: AveSigningSignedPayload) => void;
    onDenied?: (payload: AveSigningDeniedPayload) => void;
    onClose?: () => void;
  };
  export type OpenAveSigningPopupOptions = OpenAveSigningSheetOptions & { width?: number; height?: number };

  type EmbedHandle = { iframe: HTMLIFrameElement; destroy: () => void; postMessage: (payload: unknown) => void };
  type SheetHandle = { close: () => void; iframe: HTMLIFrameElement };
  type PopupHandle = { popup: Window; close: () => void };
  type RuntimeHandle = { iframe: HTMLIFrameElement; send: (payload: unknown) => void; destroy: () => void };

  export function mountAveEmbed(options: MountAveEmbedOptions): Promise<EmbedHandle>;
  export function openAveSheet(options: OpenAveSheetOptions): Promise<SheetHandle>;
  export function openAvePopup(options: OpenAvePopupOptions): Promise<PopupHandle | null>;
  export function startAveAuth(options: StartAveAuthOptions): Promise<EmbedHandle | SheetHandle>;
  export function openAveConnectorSheet(options: OpenAveConnectorOptions): SheetHandle;
  export function openAveConnectorPopup(
    options: OpenAveConnectorOptions & { width?: number; height?: number },
  ): PopupHandle | null;
  export function openAveConnectorRuntime(options: OpenAveConnectorRuntimeOptions): RuntimeHandle;
  export function openIrisDelegatedRuntime(options: OpenIrisDelegatedRuntimeOptions): RuntimeHandle;
  export function openAveSigningSheet(options: OpenAveSigningSheetOptions): SheetHandle;
  export function openAveSigningPopup(options: OpenAveSigningPopupOptions): PopupHandle | null;
}

// ---------------------------------------------------------------------------
// Helpers. `Extends` is non-distributive (tuple-wrapped) and false when either
// side is `any`, so a type that silently became `any` cannot pass.
// ---------------------------------------------------------------------------
type Assert<T extends true> = T;
type IsAny<T> = 0 extends 1 & T ? true : false;
type Extends<A, B> = IsAny<A> extends true ? false : IsAny<B> extends true ? false : [A] extends [B] ? true : false;
type Both<A extends boolean, B extends boolean> = [A, B] extends [true, true] ? true : false;
/** The keys of every member of a union. */
type AllKeys<T> = T extends unknown ? keyof T : never;
/**
 * `Ours` accepts every value of `Theirs`, and names every key `Theirs` names
 * (structural assignability alone would let an option of 0.6.0 that we do
 * not declare pass, yet an object literal with it would fail the excess
 * property check).
 */
type Accepts<Ours, Theirs> = Both<Extends<Theirs, Ours>, [Exclude<AllKeys<Theirs>, AllKeys<Ours>>] extends [never] ? true : false>;
type Mutual<A, B> = Both<Extends<A, B>, Extends<B, A>>;
type Fn = (...args: any[]) => any;
type Opt<F extends Fn> = Parameters<F>[0];
type Ret<F extends Fn> = ReturnType<F>;
/** The (first) parameter of callback `K` of options type `O` (of the union member that has it). */
type Cb<O, K extends PropertyKey> = O extends unknown
  ? K extends keyof O
    ? NonNullable<O[K]> extends (payload: infer P, ...rest: any[]) => any
      ? P
      : never
    : never
  : never;
/** The value type of option `K` (across union members). */
type Field<O, K extends PropertyKey> = O extends unknown ? (K extends keyof O ? O[K] : never) : never;
type Rec = Record<string, unknown>;

// ---------------------------------------------------------------------------
// (a) 10: each function accepts 0.6.0's options.
// ---------------------------------------------------------------------------
type _a01 = Assert<Accepts<Opt<typeof ours.mountAveEmbed>, Opt<typeof V060.mountAveEmbed>>>;
type _a02 = Assert<Accepts<Opt<typeof ours.openAveSheet>, Opt<typeof V060.openAveSheet>>>;
type _a03 = Assert<Accepts<Opt<typeof ours.openAvePopup>, Opt<typeof V060.openAvePopup>>>;
type _a04 = Assert<Accepts<Opt<typeof ours.startAveAuth>, Opt<typeof V060.startAveAuth>>>;
type _a05 = Assert<Accepts<Opt<typeof ours.openAveConnectorSheet>, Opt<typeof V060.openAveConnectorSheet>>>;
type _a06 = Assert<Accepts<Opt<typeof ours.openAveConnectorPopup>, Opt<typeof V060.openAveConnectorPopup>>>;
type _a07 = Assert<Accepts<Opt<typeof ours.openAveConnectorRuntime>, Opt<typeof V060.openAveConnectorRuntime>>>;
type _a08 = Assert<Accepts<Opt<typeof ours.openIrisDelegatedRuntime>, Opt<typeof V060.openIrisDelegatedRuntime>>>;
type _a09 = Assert<Accepts<Opt<typeof ours.openAveSigningSheet>, Opt<typeof V060.openAveSigningSheet>>>;
type _a10 = Assert<Accepts<Opt<typeof ours.openAveSigningPopup>, Opt<typeof V060.openAveSigningPopup>>>;

// ---------------------------------------------------------------------------
// (b) 10: what we return is what 0.6.0 returns (a Promise exactly where 0.6.0 has one).
// ---------------------------------------------------------------------------
type _b01 = Assert<Extends<Ret<typeof ours.mountAveEmbed>, Ret<typeof V060.mountAveEmbed>>>;
type _b02 = Assert<Extends<Ret<typeof ours.openAveSheet>, Ret<typeof V060.openAveSheet>>>;
type _b03 = Assert<Extends<Ret<typeof ours.openAvePopup>, Ret<typeof V060.openAvePopup>>>;
type _b04 = Assert<Extends<Ret<typeof ours.startAveAuth>, Ret<typeof V060.startAveAuth>>>;
type _b05 = Assert<Extends<Ret<typeof ours.openAveConnectorSheet>, Ret<typeof V060.openAveConnectorSheet>>>;
type _b06 = Assert<Extends<Ret<typeof ours.openAveConnectorPopup>, Ret<typeof V060.openAveConnectorPopup>>>;
type _b07 = Assert<Extends<Ret<typeof ours.openAveConnectorRuntime>, Ret<typeof V060.openAveConnectorRuntime>>>;
type _b08 = Assert<Extends<Ret<typeof ours.openIrisDelegatedRuntime>, Ret<typeof V060.openIrisDelegatedRuntime>>>;
type _b09 = Assert<Extends<Ret<typeof ours.openAveSigningSheet>, Ret<typeof V060.openAveSigningSheet>>>;
type _b10 = Assert<Extends<Ret<typeof ours.openAveSigningPopup>, Ret<typeof V060.openAveSigningPopup>>>;

// ---------------------------------------------------------------------------
// (c) 24: every payload we pass to a callback is assignable to 0.6.0's type for it.
// ---------------------------------------------------------------------------
type OMount = Opt<typeof ours.mountAveEmbed>;
type OSheet = Opt<typeof ours.openAveSheet>;
type OPopup = Opt<typeof ours.openAvePopup>;
type OStart = Opt<typeof ours.startAveAuth>;
type OConn = Opt<typeof ours.openAveConnectorSheet>;
type OConnPopup = Opt<typeof ours.openAveConnectorPopup>;
type ORuntime = Opt<typeof ours.openAveConnectorRuntime>;
type OIris = Opt<typeof ours.openIrisDelegatedRuntime>;
type OSignSheet = Opt<typeof ours.openAveSigningSheet>;
type OSignPopup = Opt<typeof ours.openAveSigningPopup>;

type _c01 = Assert<Extends<Cb<OMount, "onTokens">, V060.AveTokenResponse>>;
type _c02 = Assert<Extends<Cb<OSheet, "onTokens">, V060.AveTokenResponse>>;
type _c03 = Assert<Extends<Cb<OPopup, "onTokens">, V060.AveTokenResponse>>;
type _c04 = Assert<Extends<Cb<OStart, "onTokens">, V060.AveTokenResponse>>;
type _c05 = Assert<Extends<Cb<OMount, "onSuccess">, V060.AveAuthSuccessPayload>>;
type _c06 = Assert<Extends<Cb<OSheet, "onSuccess">, V060.AveAuthSuccessPayload>>;
type _c07 = Assert<Extends<Cb<OPopup, "onSuccess">, V060.AveAuthSuccessPayload>>;
type _c08 = Assert<Extends<Cb<OStart, "onSuccess">, V060.AveAuthSuccessPayload>>;
type _c09 = Assert<Extends<Cb<OConn, "onSuccess">, V060.AveAuthSuccessPayload>>;
type _c10 = Assert<Extends<Cb<OConnPopup, "onSuccess">, V060.AveAuthSuccessPayload>>;
type _c11 = Assert<Extends<Cb<OMount, "onError">, V060.AveAuthErrorPayload>>;
type _c12 = Assert<Extends<Cb<OSheet, "onError">, V060.AveAuthErrorPayload>>;
type _c13 = Assert<Extends<Cb<OPopup, "onError">, V060.AveAuthErrorPayload>>;
type _c14 = Assert<Extends<Cb<OStart, "onError">, V060.AveAuthErrorPayload>>;
type _c15 = Assert<Extends<Cb<OConn, "onError">, V060.AveAuthErrorPayload>>;
type _c16 = Assert<Extends<Cb<OConnPopup, "onError">, V060.AveAuthErrorPayload>>;
type _c17 = Assert<Extends<Cb<ORuntime, "onEvent">, unknown>>;
type _c18 = Assert<Extends<Cb<ORuntime, "onError">, unknown>>;
type _c19 = Assert<Extends<Cb<OIris, "onEvent">, unknown>>;
type _c20 = Assert<Extends<Cb<OIris, "onError">, unknown>>;
type _c21 = Assert<Extends<Cb<OSignSheet, "onSigned">, V060.AveSigningSignedPayload>>;
type _c22 = Assert<Extends<Cb<OSignSheet, "onDenied">, V060.AveSigningDeniedPayload>>;
type _c23 = Assert<Extends<Cb<OSignPopup, "onSigned">, V060.AveSigningSignedPayload>>;
type _c24 = Assert<Extends<Cb<OSignPopup, "onDenied">, V060.AveSigningDeniedPayload>>;

// ---------------------------------------------------------------------------
// (d) 45: the 15 type names of 0.6.0, imported from our package.
// Options (9 × 3): accept 0.6.0's; are accepted by the function that takes
// them; are records. Payloads and the theme (6 × 3): ours → 0.6.0's,
// 0.6.0's → ours, records (the theme: a string).
// ---------------------------------------------------------------------------
type _d01 = Assert<Accepts<MountAveEmbedOptions, V060.MountAveEmbedOptions>>;
type _d02 = Assert<Accepts<OpenAveSheetOptions, V060.OpenAveSheetOptions>>;
type _d03 = Assert<Accepts<OpenAvePopupOptions, V060.OpenAvePopupOptions>>;
type _d04 = Assert<Accepts<StartAveAuthOptions, V060.StartAveAuthOptions>>;
type _d05 = Assert<Accepts<OpenAveConnectorOptions, V060.OpenAveConnectorOptions>>;
type _d06 = Assert<Accepts<OpenAveConnectorRuntimeOptions, V060.OpenAveConnectorRuntimeOptions>>;
type _d07 = Assert<Accepts<OpenIrisDelegatedRuntimeOptions, V060.OpenIrisDelegatedRuntimeOptions>>;
type _d08 = Assert<Accepts<OpenAveSigningSheetOptions, V060.OpenAveSigningSheetOptions>>;
type _d09 = Assert<Accepts<OpenAveSigningPopupOptions, V060.OpenAveSigningPopupOptions>>;
type _d10 = Assert<Accepts<OMount, MountAveEmbedOptions>>;
type _d11 = Assert<Accepts<OSheet, OpenAveSheetOptions>>;
type _d12 = Assert<Accepts<OPopup, OpenAvePopupOptions>>;
type _d13 = Assert<Accepts<OStart, StartAveAuthOptions>>;
type _d14 = Assert<Accepts<OConn, OpenAveConnectorOptions> extends true ? Accepts<OConnPopup, OpenAveConnectorOptions> : false>;
type _d15 = Assert<Accepts<ORuntime, OpenAveConnectorRuntimeOptions>>;
type _d16 = Assert<Accepts<OIris, OpenIrisDelegatedRuntimeOptions>>;
type _d17 = Assert<Accepts<OSignSheet, OpenAveSigningSheetOptions>>;
type _d18 = Assert<Accepts<OSignPopup, OpenAveSigningPopupOptions>>;
type _d19 = Assert<Extends<MountAveEmbedOptions, Rec>>;
type _d20 = Assert<Extends<OpenAveSheetOptions, Rec>>;
type _d21 = Assert<Extends<OpenAvePopupOptions, Rec>>;
type _d22 = Assert<Extends<StartAveAuthOptions, Rec>>;
type _d23 = Assert<Extends<OpenAveConnectorOptions, Rec>>;
type _d24 = Assert<Extends<OpenAveConnectorRuntimeOptions, Rec>>;
type _d25 = Assert<Extends<OpenIrisDelegatedRuntimeOptions, Rec>>;
type _d26 = Assert<Extends<OpenAveSigningSheetOptions, Rec>>;
type _d27 = Assert<Extends<OpenAveSigningPopupOptions, Rec>>;
type _d28 = Assert<Extends<AveTheme, V060.AveTheme>>;
type _d29 = Assert<Extends<V060.AveTheme, AveTheme>>;
type _d30 = Assert<Extends<AveTheme, string>>;
type _d31 = Assert<Extends<AveAuthSuccessPayload, V060.AveAuthSuccessPayload>>;
type _d32 = Assert<Extends<V060.AveAuthSuccessPayload, AveAuthSuccessPayload>>;
type _d33 = Assert<Extends<AveAuthSuccessPayload, Rec>>;
type _d34 = Assert<Extends<AveAuthErrorPayload, V060.AveAuthErrorPayload>>;
type _d35 = Assert<Extends<V060.AveAuthErrorPayload, AveAuthErrorPayload>>;
type _d36 = Assert<Extends<AveAuthErrorPayload, Rec>>;
type _d37 = Assert<Mutual<AveTokenResponse, V060.AveTokenResponse>>;
type _d38 = Assert<Extends<V060.AveTokenResponse, Cb<OSheet, "onTokens">>>;
type _d39 = Assert<Extends<AveTokenResponse, Rec>>;
type _d40 = Assert<Extends<AveSigningSignedPayload, V060.AveSigningSignedPayload>>;
type _d41 = Assert<Extends<V060.AveSigningSignedPayload, AveSigningSignedPayload>>;
type _d42 = Assert<Extends<AveSigningSignedPayload, Rec>>;
type _d43 = Assert<Extends<AveSigningDeniedPayload, V060.AveSigningDeniedPayload>>;
type _d44 = Assert<Extends<V060.AveSigningDeniedPayload, AveSigningDeniedPayload>>;
type _d45 = Assert<Extends<AveSigningDeniedPayload, Rec>>;

// ---------------------------------------------------------------------------
// (e) 10: each function as a whole, e.g. `const f: typeof V060.openAveSheet = openAveSheet`.
// ---------------------------------------------------------------------------
type _e01 = Assert<Extends<typeof ours.mountAveEmbed, typeof V060.mountAveEmbed>>;
type _e02 = Assert<Extends<typeof ours.openAveSheet, typeof V060.openAveSheet>>;
type _e03 = Assert<Extends<typeof ours.openAvePopup, typeof V060.openAvePopup>>;
type _e04 = Assert<Extends<typeof ours.startAveAuth, typeof V060.startAveAuth>>;
type _e05 = Assert<Extends<typeof ours.openAveConnectorSheet, typeof V060.openAveConnectorSheet>>;
type _e06 = Assert<Extends<typeof ours.openAveConnectorPopup, typeof V060.openAveConnectorPopup>>;
type _e07 = Assert<Extends<typeof ours.openAveConnectorRuntime, typeof V060.openAveConnectorRuntime>>;
type _e08 = Assert<Extends<typeof ours.openIrisDelegatedRuntime, typeof V060.openIrisDelegatedRuntime>>;
type _e09 = Assert<Extends<typeof ours.openAveSigningSheet, typeof V060.openAveSigningSheet>>;
type _e10 = Assert<Extends<typeof ours.openAveSigningPopup, typeof V060.openAveSigningPopup>>;

// ---------------------------------------------------------------------------
// (f) 40: the fields docs/compatibility.md#options names, one by one: 0.6.0's value type fits ours.
// (Implied by (a), but a failure here names the field.)
// ---------------------------------------------------------------------------
type FieldOk<Ours, Theirs, K extends PropertyKey> = Extends<Field<Theirs, K>, Field<Ours, K>>;
type _f01 = Assert<FieldOk<OSheet, V060.OpenAveSheetOptions, "theme">>;
type _f02 = Assert<FieldOk<OSheet, V060.OpenAveSheetOptions, "codeChallengeMethod">>;
type _f03 = Assert<FieldOk<OSheet, V060.OpenAveSheetOptions, "codeChallenge">>;
type _f04 = Assert<FieldOk<OSheet, V060.OpenAveSheetOptions, "extraParams">>;
type _f05 = Assert<FieldOk<OSheet, V060.OpenAveSheetOptions, "onTokens">>;
type _f06 = Assert<FieldOk<OSheet, V060.OpenAveSheetOptions, "onSuccess">>;
type _f07 = Assert<FieldOk<OSheet, V060.OpenAveSheetOptions, "onError">>;
type _f08 = Assert<FieldOk<OSheet, V060.OpenAveSheetOptions, "scope">>;
type _f09 = Assert<FieldOk<OSheet, V060.OpenAveSheetOptions, "issuer">>;
type _f10 = Assert<FieldOk<OSheet, V060.OpenAveSheetOptions, "clientId">>;
type _f11 = Assert<FieldOk<OMount, V060.MountAveEmbedOptions, "width">>;
type _f12 = Assert<FieldOk<OMount, V060.MountAveEmbedOptions, "height">>;
type _f13 = Assert<FieldOk<OMount, V060.MountAveEmbedOptions, "container">>;
type _f14 = Assert<FieldOk<OMount, V060.MountAveEmbedOptions, "theme">>;
type _f15 = Assert<FieldOk<OMount, V060.MountAveEmbedOptions, "codeChallengeMethod">>;
type _f16 = Assert<FieldOk<OMount, V060.MountAveEmbedOptions, "onTokens">>;
type _f17 = Assert<FieldOk<OPopup, V060.OpenAvePopupOptions, "width">>;
type _f18 = Assert<FieldOk<OPopup, V060.OpenAvePopupOptions, "height">>;
type _f19 = Assert<FieldOk<OPopup, V060.OpenAvePopupOptions, "codeChallengeMethod">>;
type _f20 = Assert<FieldOk<OPopup, V060.OpenAvePopupOptions, "theme">>;
type _f21 = Assert<FieldOk<OStart, V060.StartAveAuthOptions, "clientId">>;
type _f22 = Assert<FieldOk<OStart, V060.StartAveAuthOptions, "container">>;
type _f23 = Assert<FieldOk<OStart, V060.StartAveAuthOptions, "width">>;
type _f24 = Assert<FieldOk<OStart, V060.StartAveAuthOptions, "codeChallengeMethod">>;
type _f25 = Assert<FieldOk<OConn, V060.OpenAveConnectorOptions, "resource">>;
type _f26 = Assert<FieldOk<OConn, V060.OpenAveConnectorOptions, "mode">>;
type _f27 = Assert<FieldOk<OConnPopup, Opt<typeof V060.openAveConnectorPopup>, "width">>;
type _f28 = Assert<FieldOk<OConnPopup, Opt<typeof V060.openAveConnectorPopup>, "height">>;
type _f29 = Assert<FieldOk<ORuntime, V060.OpenAveConnectorRuntimeOptions, "width">>;
type _f30 = Assert<FieldOk<ORuntime, V060.OpenAveConnectorRuntimeOptions, "height">>;
type _f31 = Assert<FieldOk<ORuntime, V060.OpenAveConnectorRuntimeOptions, "onEvent">>;
type _f32 = Assert<FieldOk<ORuntime, V060.OpenAveConnectorRuntimeOptions, "onError">>;
type _f33 = Assert<FieldOk<ORuntime, V060.OpenAveConnectorRuntimeOptions, "delegatedToken">>;
type _f34 = Assert<FieldOk<ORuntime, V060.OpenAveConnectorRuntimeOptions, "target">>;
type _f35 = Assert<FieldOk<OIris, V060.OpenIrisDelegatedRuntimeOptions, "width">>;
type _f36 = Assert<FieldOk<OIris, V060.OpenIrisDelegatedRuntimeOptions, "onEvent">>;
type _f37 = Assert<FieldOk<OSignSheet, V060.OpenAveSigningSheetOptions, "onSigned">>;
type _f38 = Assert<FieldOk<OSignSheet, V060.OpenAveSigningSheetOptions, "onDenied">>;
type _f39 = Assert<FieldOk<OSignPopup, V060.OpenAveSigningPopupOptions, "width">>;
type _f40 = Assert<FieldOk<OSignPopup, V060.OpenAveSigningPopupOptions, "height">>;

// ---------------------------------------------------------------------------
// (g) Code written the 0.6.0 way: values typed as 0.6.0 types them (`string`
// where we have literal unions, `unknown` for runtime payloads).
// ---------------------------------------------------------------------------
declare const container: HTMLElement;
declare const someString: string;
declare const someUnknown: unknown;
declare const v060Tokens: V060.AveTokenResponse;

const theme: AveTheme = "x" as string;
const onSuccess = (p: AveAuthSuccessPayload): void => {
  const url: string = p.redirectUrl;
  const extra: unknown = p.anything;
  void [url, extra];
};
const onError = (p: AveAuthErrorPayload): void => {
  const code: string = p.error;
  const message: string | undefined = p.message;
  void [code, message];
};
const onTokens = (t: AveTokenResponse): void => {
  const access: string = t.access_token;
  const jwt: string = t.access_token_jwt;
  const type: "Bearer" = t.token_type;
  const expires: number = t.expires_in;
  const scope: string = t.scope;
  const idToken: string | undefined = t.id_token;
  const refresh: string | undefined = t.refresh_token;
  const userId: string | undefined = t.user_id;
  const handle: string | undefined = t.user?.handle;
  const email: string | undefined = t.user?.email ?? undefined;
  const record: Record<string, unknown> = t;
  void [access, jwt, type, expires, scope, idToken, refresh, userId, handle, email, record];
};
const onSigned = (p: AveSigningSignedPayload): void => void p.signature;
const onDenied = (p: AveSigningDeniedPayload): void => void p.error;
const onClose = (): void => {};

const sheetOptions: OpenAveSheetOptions = {
  clientId: someString,
  redirectUri: someString,
  scope: someString,
  issuer: someString,
  theme: "x" as string,
  codeChallenge: someString,
  codeChallengeMethod: someString,
  extraParams: { prompt: someString } as Record<string, string>,
  onTokens,
  onSuccess,
  onError,
  onClose,
};
const mountOptions: MountAveEmbedOptions = {
  container,
  clientId: someString,
  redirectUri: someString,
  theme,
  width: "100%" as string,
  height: 720 as number | string,
  onTokens,
  onSuccess,
  onError,
  onClose,
};
const popupOptions: OpenAvePopupOptions = {
  clientId: someString,
  redirectUri: someString,
  codeChallengeMethod: "S256" as string,
  width: 450 as number,
  height: 650 as number,
  onTokens: (t: V060.AveTokenResponse) => void t.access_token_jwt,
};
const startWithContainer: StartAveAuthOptions = { redirectUri: someString, container, width: someString };
const startSheet: StartAveAuthOptions = { clientId: someString, redirectUri: someString, extraParams: {} };
const connectorOptions: OpenAveConnectorOptions = {
  clientId: someString,
  redirectUri: someString,
  resource: someString,
  scope: someString,
  mode: "background",
  issuer: someString,
  onSuccess,
  onError,
  onClose,
};
const runtimeOptions: OpenAveConnectorRuntimeOptions = {
  delegatedToken: someString,
  target: someString,
  targetOrigin: someString,
  mode: "user_present",
  issuer: someString,
  container,
  width: "100%" as string,
  height: 640 as number | string,
  onReady: () => {},
  onEvent: (p: unknown) => void p,
  onError: (p: unknown) => void p,
};
const irisOptions: OpenIrisDelegatedRuntimeOptions = {
  delegatedToken: someString,
  targetOrigin: someString,
  width: someString,
  onEvent: (p: unknown) => {
    if (typeof p === "object" && p !== null && "type" in p) void p.type;
  },
};
const signingSheetOptions: OpenAveSigningSheetOptions = { requestId: someString, issuer: someString, onSigned, onDenied, onClose };
const signingPopupOptions: OpenAveSigningPopupOptions = { requestId: someString, width: 500, height: 600, onSigned, onDenied };

// Options typed with 0.6.0's own declarations go straight in.
declare const v060Sheet: V060.OpenAveSheetOptions;
declare const v060Start: V060.StartAveAuthOptions;
declare const v060Runtime: V060.OpenAveConnectorRuntimeOptions;

async function v060Usage(): Promise<void> {
  const embed: { iframe: HTMLIFrameElement; destroy: () => void; postMessage: (payload: unknown) => void } =
    await mountAveEmbed(mountOptions);
  embed.postMessage(someUnknown);
  embed.destroy();
  const sheet: { close: () => void; iframe: HTMLIFrameElement } = await openAveSheet(sheetOptions);
  sheet.close();
  await openAveSheet(v060Sheet);
  const popup: { popup: Window; close: () => void } | null = await openAvePopup(popupOptions);
  popup?.close();
  const started = await startAveAuth(startWithContainer);
  const startedIframe: HTMLIFrameElement = started.iframe;
  if ("destroy" in started) started.destroy();
  else started.close();
  await startAveAuth(startSheet);
  await startAveAuth(v060Start);
  // 0.6.0's StartAveAuthOptions is a union that `in` narrows; so is ours.
  const narrow = (o: StartAveAuthOptions): HTMLElement | null => ("container" in o ? o.container : null);
  void narrow;
  const connectorSheet: { close: () => void; iframe: HTMLIFrameElement } = openAveConnectorSheet(connectorOptions);
  connectorSheet.close();
  const connectorPopup: { popup: Window; close: () => void } | null = openAveConnectorPopup({ ...connectorOptions, width: 460, height: 700 });
  connectorPopup?.close();
  const runtime: { iframe: HTMLIFrameElement; send: (payload: unknown) => void; destroy: () => void } =
    openAveConnectorRuntime(runtimeOptions);
  runtime.send(someUnknown);
  runtime.send({ op: "infer", payload: { prompt: "hi" } });
  runtime.destroy();
  openAveConnectorRuntime(v060Runtime).send(someUnknown as unknown);
  const iris = openIrisDelegatedRuntime(irisOptions);
  iris.send(someUnknown);
  const signingSheet: { close: () => void; iframe: HTMLIFrameElement } = openAveSigningSheet(signingSheetOptions);
  signingSheet.close();
  const signingPopup: { popup: Window; close: () => void } | null = openAveSigningPopup(signingPopupOptions);
  signingPopup?.close();
  // A stored callback called with 0.6.0-typed payloads.
  sheetOptions.onTokens?.(v060Tokens);
  sheetOptions.onSuccess?.({ redirectUrl: someString } as V060.AveAuthSuccessPayload);
  sheetOptions.onError?.({ error: someString } as V060.AveAuthErrorPayload);
  signingSheetOptions.onSigned?.({} as V060.AveSigningSignedPayload);
  // Reading options back as 0.6.0 types them.
  const m: string | undefined = sheetOptions.codeChallengeMethod;
  const th: string | undefined = mountOptions.theme;
  const mh: number | string | undefined = mountOptions.height;
  const mode: "user_present" | "background" | undefined = connectorOptions.mode;
  void [startedIframe, m, th, mh, mode];
  // Function values with 0.6.0's types.
  const fns: [typeof V060.openAveSheet, typeof V060.openAveConnectorRuntime, typeof V060.startAveAuth] = [
    openAveSheet,
    openAveConnectorRuntime,
    startAveAuth,
  ];
  void fns;
}
void v060Usage;

// ---------------------------------------------------------------------------
// (h) 12: the assertions can fail (each line below must NOT compile).
// ---------------------------------------------------------------------------
type NarrowMethod = Omit<OSheet, "codeChallengeMethod"> & { codeChallengeMethod?: "S256" | "plain" };
type NarrowSend = Omit<Ret<typeof ours.openAveConnectorRuntime>, "send"> & { send: (message: ours.AveRuntimeMessage) => string };
type OldTokens = { access_token?: string; id_token?: string; token_type?: string; expires_in?: number; scope?: string };
type NoSigningPopupSize = ours.AveSigningOptions;
interface InterfacePayload { redirectUrl: string }
type NarrowTheme = "dark" | "light";
type NarrowMountWidth = Omit<OMount, "width"> & { width?: number };
type LooseSuccessPayload = Omit<OConn, "onSuccess"> & { onSuccess?: (payload: { redirectUrl?: string }) => void };
type RequiredIssuer = OConn & { issuer: string };
declare function syncSheet(options: OSheet): ours.AveSheetHandle;
declare function asyncConnector(options: OConn): Promise<ours.AveSheetHandle>;

// @ts-expect-error codeChallengeMethod narrowed to "S256" | "plain" rejects 0.6.0's string
type _h01 = Assert<Accepts<NarrowMethod, V060.OpenAveSheetOptions>>;
// @ts-expect-error send(message: AveRuntimeMessage) does not take 0.6.0's unknown
type _h02 = Assert<Extends<NarrowSend, Ret<typeof V060.openAveConnectorRuntime>>>;
// @ts-expect-error all-optional tokens are not 0.6.0's AveTokenResponse
type _h03 = Assert<Extends<OldTokens, V060.AveTokenResponse>>;
// Structurally a type without width/height still "accepts" 0.6.0's signing popup options …
type _h04ok = Assert<Extends<V060.OpenAveSigningPopupOptions, NoSigningPopupSize>>;
// @ts-expect-error … but Accepts also demands every key 0.6.0 names
type _h04 = Assert<Accepts<NoSigningPopupSize, V060.OpenAveSigningPopupOptions>>;
// @ts-expect-error an interface has no implicit index signature
type _h05 = Assert<Extends<InterfacePayload, Rec>>;
// @ts-expect-error a theme of two literals rejects 0.6.0's string
type _h06 = Assert<Extends<V060.AveTheme, NarrowTheme>>;
// @ts-expect-error mount width as number only rejects 0.6.0's string
type _h07 = Assert<Accepts<NarrowMountWidth, V060.MountAveEmbedOptions>>;
// @ts-expect-error passing onSuccess a payload without a sure redirectUrl rejects 0.6.0's callbacks
type _h08 = Assert<Accepts<LooseSuccessPayload, V060.OpenAveConnectorOptions>>;
// @ts-expect-error a required option 0.6.0 has as optional
type _h09 = Assert<Accepts<RequiredIssuer, V060.OpenAveConnectorOptions>>;
// @ts-expect-error a sync sign-in sheet is not 0.6.0's Promise
type _h10 = Assert<Extends<Ret<typeof syncSheet>, Ret<typeof V060.openAveSheet>>>;
// @ts-expect-error an async connector sheet is not 0.6.0's plain object
type _h11 = Assert<Extends<Ret<typeof asyncConnector>, Ret<typeof V060.openAveConnectorSheet>>>;
// @ts-expect-error `any` never passes
type _h12 = Assert<Extends<any, V060.AveTokenResponse>>;

// ---------------------------------------------------------------------------
// (i) 4: known, deliberate differences (docs/compatibility.md#typescript-surface allows "a returned id" and
// richer types). Each is rare in practice and listed so that it is a choice,
// not an accident; if one of these starts compiling, update this list.
// ---------------------------------------------------------------------------
// @ts-expect-error send() returns the id (string), so returning it from a `void` function fails
export function v060SendWrapper(message: unknown): void { return openAveConnectorRuntime(runtimeOptions).send(message); }
// @ts-expect-error a hand-written handle needs send to return the id
export const fakeRuntime: Ret<typeof ours.openAveConnectorRuntime> = { iframe: document.createElement("iframe"), send: () => {}, destroy: () => {} };
// @ts-expect-error our onEvent takes an AveRuntimeEvent (0.6.0: unknown); calling a stored one with unknown fails
export const forwardEvent = (o: OpenAveConnectorRuntimeOptions, p: unknown) => o.onEvent?.(p);
// @ts-expect-error mount width is string | number (0.6.0: string), so reading it as a string fails
export const mountWidth = (o: MountAveEmbedOptions): string | undefined => o.width;
