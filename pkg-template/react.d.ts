// Types of ave-embed-wasm/react (under the alias: @ave-id/embed/react), the
// two React hooks of docs/migrating-from-0.6.md, "React hooks". The option,
// payload and handle types are the main entry's (./index.js). Needs React 18
// or later (an optional peer dependency); these declarations name no React
// type, so they type-check without @types/react.
import type {
  AveConnectorOptions,
  AveErrorPayload,
  AveRuntimeEvent,
  AveRuntimeOptions,
  AveSheetHandle,
  AveSuccessPayload,
} from "./index.js";

/**
 * Options of {@link useConnectorAuth}: `openAveConnectorSheet`'s options
 * without `resource` and `scope` (arguments of `authorizeResource`), with
 * `redirectUri` optional.
 */
export type UseConnectorAuthOptions = Omit<AveConnectorOptions, "resource" | "scope" | "redirectUri"> & {
  /** Default `` `${window.location.origin}/connector/callback` `` (the documentation's value). */
  redirectUri?: string;
};

/**
 * What {@link useConnectorAuth} returns.
 *
 * `error` is the `onError` payload of the last flow, or the `Error` (a
 * `TypeError` for a bad option) the SDK threw when `authorizeResource` was
 * called: then nothing opened, `isAuthorizing` is `false` again and
 * `authorizeResource` returned `null`. `result` is the last `onSuccess`
 * payload. Both are reset by the next `authorizeResource`.
 */
export type ConnectorAuth = {
  /**
   * Opens the connector sheet for `resource` (`scope`: default the SDK's,
   * `"resource.access"`); closes a sheet this hook still has open. Returns
   * the sheet's handle, or `null` when the SDK threw (see `error`). Call it
   * from the click handler. Stable across renders.
   */
  authorizeResource: (resource: string, scope?: string) => AveSheetHandle | null;
  /** `true` from `authorizeResource` until the flow succeeds, fails or is closed. */
  isAuthorizing: boolean;
  /** The last flow's `onSuccess` payload (`redirectUrl` checked against `redirectUri` and `state`). */
  result: AveSuccessPayload | null;
  /** The last flow's `onError` payload, or the `Error` the SDK threw for bad options. */
  error: AveErrorPayload | Error | null;
  /** Closes the open sheet (`onClose`, `isAuthorizing` false); nothing when none is open. Stable. */
  close: () => void;
};

/**
 * Connector authorization in a sheet: the documentation's `useConnectorAuth`,
 * with every path settled. `isAuthorizing` goes back to `false` on success,
 * error, close, a bad option (the SDK's `TypeError` is returned as `error`,
 * not thrown) and when the page comes back from the bfcache. Your
 * `onSuccess` / `onError` / `onClose` of the latest render are called while
 * the component is mounted; unmounting closes the sheet, and nothing is
 * called and no state is set afterwards.
 *
 * @example
 * const { authorizeResource, isAuthorizing, error } = useConnectorAuth({
 *   clientId: import.meta.env.VITE_AVE_CLIENT_ID,
 *   onSuccess: ({ redirectUrl }) => { window.location.href = redirectUrl; },
 * });
 * <button onClick={() => authorizeResource("calendar:google", "calendar.read")} disabled={isAuthorizing} />
 */
export function useConnectorAuth(options: UseConnectorAuthOptions): ConnectorAuth;

/**
 * Options of {@link useAveRuntime} besides its three arguments: the other
 * options of `openAveConnectorRuntime`. A change of `issuer`, `mode`,
 * `timeoutMs`, `container`, `width` or `height` opens a new runtime; the
 * callbacks of the latest render are called, and changing them does not.
 */
export type UseAveRuntimeOptions = Omit<AveRuntimeOptions, "delegatedToken" | "target" | "targetOrigin">;

/** What {@link useAveRuntime} returns. */
export type AveRuntimeState = {
  /**
   * Sends a request to the current runtime (queued until it is ready) and
   * returns its id; `undefined` when there is no runtime (no token, or the
   * SDK threw). Throws the SDK's `TypeError` for a message that is not an
   * object. Stable across renders.
   */
  send: (message: unknown) => string | undefined;
  /** The current runtime's events, in order (emptied when a new runtime opens). */
  events: AveRuntimeEvent[];
  /** The current runtime said `ready`. */
  isReady: boolean;
  /** The runtime's `onError` payload, or the `Error` the SDK threw for bad options (nothing opened). */
  error: AveErrorPayload | Error | null;
};

/**
 * The connector runtime: the documentation's `useAveRuntime`, destroying its
 * runtime. It opens one when `delegatedToken` is not empty, and destroys it
 * on unmount and before opening the next one (a new token, `target`,
 * `targetOrigin`, or option above). Under `<React.StrictMode>`, whose
 * development double mount runs the effect twice, one runtime frame is left.
 *
 * @example
 * const { send, events } = useAveRuntime(delegatedToken, "iris", "https://irischat.app");
 * send({ op: "infer", payload: { prompt: "Hello" } });
 */
export function useAveRuntime(
  delegatedToken: string | null | undefined,
  target?: string,
  targetOrigin?: string,
  options?: UseAveRuntimeOptions,
): AveRuntimeState;
