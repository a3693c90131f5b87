// Fault actions that perform an API request and then rewrite its answer, to show the client
// shapes real Omise can send (see README "Fault controls"). faults.mjs validates the rules.

/** Actions that perform the request and then rewrite its answer. */
export const REWRITE_ACTIONS = ["legacy_status", "unreadable_item"];

/**
 * legacy_status: every charge in the answer (itself, list items, event data) loses `status`, as
 * under API versions that derive it from paid/expired/failure_code. unreadable_item: the first
 * item of a list answer keeps only `object` and `id`, a shape no client can read.
 * The answer is copied first: it may be the simulator's own state.
 */
export function rewriteAnswer(action, answer) {
  const out = structuredClone(answer);
  if (action === "unreadable_item") {
    if (out?.object === "list" && out.data.length > 0) out.data[0] = { object: out.data[0].object, id: out.data[0].id };
    return out;
  }
  const strip = (obj) => {
    if (obj?.object === "charge") delete obj.status;
    if (obj?.object === "event") strip(obj.data);
  };
  if (out?.object === "list") out.data.forEach(strip);
  else strip(out);
  return out;
}
