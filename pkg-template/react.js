// ave-embed-wasm/react (under the alias: @ave-id/embed/react): the two React
// hooks of the @ave-id/embed documentation, rewritten to settle every path and
// to clean up after themselves (docs/migrating-from-0.6.md, "React hooks").
// Plain ESM, no JSX, no build step. It imports the SDK from "./index.js", so
// an app that also imports the package's main entry gets one SDK instance.
import { useCallback, useEffect, useRef, useState } from "react";
import { openAveConnectorRuntime, openAveConnectorSheet } from "./index.js";

/**
 * Connector authorization in a sheet (the documentation's `useConnectorAuth`).
 *
 * `options` are `openAveConnectorSheet`'s, without `resource` and `scope`
 * (given to `authorizeResource`); `redirectUri` defaults to
 * `${location.origin}/connector/callback`, the documentation's value. The
 * sheet gets the options of the last render before the call; your
 * `onSuccess` / `onError` / `onClose` of the latest render are called, while
 * the component is mounted.
 *
 * Every path settles `isAuthorizing`: success, error, close, a throw of the
 * SDK for bad options (surfaced as `error`, not thrown), the back button
 * after `onSuccess` navigated (bfcache). Unmounting closes the sheet and
 * sets no state afterwards.
 */
export function useConnectorAuth(options) {
  const [isAuthorizing, setIsAuthorizing] = useState(false);
  const [result, setResult] = useState(null);
  const [error, setError] = useState(null);
  const latest = useRef(options);
  const mounted = useRef(false);
  // The open flow: { sheet } while a sheet is open. Each call gets its own
  // object, so that a flow that was replaced or abandoned changes nothing.
  const flow = useRef(null);

  useEffect(() => {
    latest.current = options;
  });

  // Set in the effect (not at the first render): StrictMode's simulated
  // unmount and remount leaves it true.
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      const open = flow.current;
      flow.current = null;
      open?.sheet?.close();
    };
  }, []);

  // Back from the callback page through the back button (bfcache).
  useEffect(() => {
    const reset = (event) => {
      if (event.persisted && flow.current === null) setIsAuthorizing(false);
    };
    window.addEventListener("pageshow", reset);
    return () => window.removeEventListener("pageshow", reset);
  }, []);

  const authorizeResource = useCallback((resource, scope) => {
    if (!mounted.current) return null;
    // One sheet at a time: a new call replaces the open one.
    const previous = flow.current;
    const current = { sheet: null };
    flow.current = current;
    previous?.sheet?.close();

    // The sheet gets the current options with the hook's own callbacks; the
    // app's are looked up when the flow ends, so they are the latest render's.
    const { onSuccess: _s, onError: _e, onClose: _c, redirectUri, ...rest } = latest.current ?? {};
    const callback = (name) => latest.current?.[name];
    const active = () => mounted.current && flow.current === current;
    const settle = () => {
      flow.current = null;
      setIsAuthorizing(false);
    };
    setIsAuthorizing(true);
    setResult(null);
    setError(null);
    try {
      const sheet = openAveConnectorSheet({
        ...rest,
        redirectUri: redirectUri ?? `${window.location.origin}/connector/callback`,
        resource,
        ...defined({ scope }),
        onSuccess: (payload) => {
          if (!active()) return;
          settle();
          setResult(payload);
          callback("onSuccess")?.(payload);
        },
        onError: (payload) => {
          if (!active()) return;
          settle();
          setError(payload);
          callback("onError")?.(payload);
        },
        onClose: () => {
          if (!active()) return;
          settle();
          callback("onClose")?.();
        },
      });
      if (flow.current === current) current.sheet = sheet;
      return sheet;
    } catch (thrown) {
      // A bad option (e.g. an undefined clientId): nothing opened.
      if (flow.current === current) {
        settle();
        setError(thrown);
      }
      return null;
    }
  }, []);

  const close = useCallback(() => {
    flow.current?.sheet?.close();
  }, []);

  return { authorizeResource, isAuthorizing, result, error, close };
}

/**
 * The connector runtime (the documentation's `useAveRuntime`).
 *
 * Opens a runtime for `delegatedToken` (none while it is empty) and
 * destroys it on unmount and before opening another when the token,
 * `target`, `targetOrigin` or one of the options `issuer`, `mode`,
 * `timeoutMs`, `container`, `width`, `height` changes. Under
 * `<React.StrictMode>` the development double mount leaves one runtime.
 * `events` holds the current runtime's events in order; `send` queues a
 * request until the runtime is ready and returns its id (`undefined`
 * without a runtime). A throw of the SDK for bad options and the runtime's
 * `onError` are surfaced as `error`. The callbacks of the latest render are
 * called; none, and no state is set, after the runtime is destroyed.
 */
export function useAveRuntime(delegatedToken, target, targetOrigin, options) {
  const [events, setEvents] = useState([]);
  const [isReady, setIsReady] = useState(false);
  const [error, setError] = useState(null);
  const runtime = useRef(null);
  const latest = useRef(options);

  useEffect(() => {
    latest.current = options;
  });

  const { issuer, mode, timeoutMs, container, width, height } = options ?? {};

  useEffect(() => {
    setEvents([]);
    setIsReady(false);
    setError(null);
    if (!delegatedToken) return undefined;
    let live = true;
    let opened;
    try {
      opened = openAveConnectorRuntime({
        delegatedToken,
        ...defined({ target, targetOrigin, issuer, mode, timeoutMs, container, width, height }),
        onReady: () => {
          if (!live) return;
          setIsReady(true);
          latest.current?.onReady?.();
        },
        onEvent: (event) => {
          if (!live) return;
          setEvents((prev) => [...prev, event]);
          latest.current?.onEvent?.(event);
        },
        onError: (payload) => {
          if (!live) return;
          setError(payload);
          latest.current?.onError?.(payload);
        },
      });
    } catch (thrown) {
      setError(thrown);
      return undefined;
    }
    runtime.current = opened;
    // Unmount, a new token, or StrictMode's second mount: this frame goes.
    return () => {
      live = false;
      if (runtime.current === opened) runtime.current = null;
      opened.destroy();
    };
  }, [delegatedToken, target, targetOrigin, issuer, mode, timeoutMs, container, width, height]);

  const send = useCallback((message) => runtime.current?.send(message), []);

  return { send, events, isReady, error };
}

/** The entries of `object` whose value is not `undefined` (an absent option keeps the SDK's default). */
function defined(object) {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}
