// The per-message half of channel.rs, in JavaScript because it runs on
// every `message` event: done from Rust, the checks below took about twenty
// wasm↔JS crossings per message, which cost the runtime a fifth of its
// event rate (docs/performance.md). The rules are docs/security.md#origin-and-source and docs/security.md#plain-object-events;
// channel.rs documents them and owns the listener's lifetime.

import { callUser } from "../platform.js";

const RUNTIME_EVENT = "ave:connector:event";

/**
 * Listens (capture phase) on `target` for messages whose `origin` is
 * exactly `origin` and whose `source` is one of the flow's windows (see
 * `fromFlow`; `frames` are iframe elements, looked up per message so
 * reloads are fine, `popups` windows the SDK opened). Runtime events with a plain-object payload go to
 * `onEvent` (when given) and are otherwise dropped; every other envelope
 * goes to `onMessage(type, payload, fromPopup)`, `fromPopup` telling a
 * top-level window (a popup) from the flow's frame. Returns the function
 * that removes the listener.
 */
export function listen(target, origin, frames, popups, onMessage, onEvent) {
  const listener = (event) => {
    let type, payload, sender;
    try {
      if (event.origin !== origin) return;
      sender = fromFlow(event.source, frames, popups);
      if (sender === NOT_FROM_FLOW) return;
      const data = event.data;
      if (typeof data !== "object" || data === null) return;
      type = data.type;
      payload = data.payload;
    } catch {
      // A forged event (dispatched by a script of this page) with throwing getters.
      return;
    }
    if (type !== RUNTIME_EVENT) onMessage(type, payload, sender === FROM_POPUP);
    else if (onEvent && isPlainObject(payload)) callUser(onEvent, payload);
  };
  target.addEventListener("message", listener, true);
  return () => target.removeEventListener("message", listener, true);
}

const NOT_FROM_FLOW = 0;
const FROM_FRAME = 1;
const FROM_POPUP = 2;

/**
 * docs/security.md#origin-and-source, the source half: `sender` is the window of one of `frames`, one
 * of `popups`, or a popup that one of `frames` opened itself (the live
 * issuer's storage-access popup: its `opener`, readable across origins, is
 * the frame's window). A popup opened by any other window has another
 * `opener` and is not heard. A removed frame has no window (`null`), which
 * must not match a window without an opener. Answers which of the flow's
 * windows sent it: its frame, a popup (either kind), or none.
 */
function fromFlow(sender, frames, popups) {
  if (sender === null) return NOT_FROM_FLOW;
  if (popups.includes(sender)) return FROM_POPUP;
  let opener;
  for (const f of frames) {
    const w = f.contentWindow;
    if (w === null) continue;
    if (w === sender) return FROM_FRAME;
    if (opener === undefined) opener = sender.opener ?? null;
    if (w === opener) return FROM_POPUP;
  }
  return NOT_FROM_FLOW;
}

/**
 * `{…}` with the prototype `Object.prototype` or `null`: not an array, function, date, map or other built-in.
 * False for a Proxy that throws (a page script can dispatch a forged event carrying one).
 */
function isPlainObject(value) {
  try {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
    const proto = Object.getPrototypeOf(value);
    return proto === null || proto === Object.prototype;
  } catch {
    return false;
  }
}
