// api.js — the console's only door to the REST API (same origin, session cookie).
//
// Exports:
//   BASE                         the API base path ("/api/VitexSoftware/MultiFlexi/1.0.0")
//   class ApiError extends Error {status, code, field, message, body, errors}
//                                thrown for any non-2xx answer (the API's JSON error
//                                {"code","field","message"[,"errors"]}); status 0 = network
//   url(path, query?)            BASE + path + "?query" (query: object; null/undefined/""
//                                values are left out) — for links, downloads, EventSource
//   setCsrfToken(token)          the token sent as X-CSRF-Token on every change
//   onUnauthorized(fn)           fn(error) is called on any 401 (except requests made with
//                                {auth401: false}); the app uses it to show the login form
//   request(method, path, {query, body, auth401, raw}) -> parsed JSON (null for no body),
//                                or the Response itself with raw:true. body: a plain
//                                object/array → JSON; a string, Blob or File → sent as is
//                                with Content-Type application/json (manifest upload)
//   get(path, query?), post(path, body?, options?), put(path, body?, options?),
//   del(path, options?)          shorthands of request()
//   list(path, query?) -> array  a list route's answer as an array. Arrays keep the server's
//                                order; objects keyed by id (JSON.parse loses their order)
//                                come sorted by id, descending when query.order is '-id'
export const BASE = "/api/VitexSoftware/MultiFlexi/1.0.0";

export class ApiError extends Error {
  constructor(status, body, fallback) {
    const b = body && typeof body === "object" ? body : {};
    super(typeof b.message === "string" && b.message ? b.message : fallback);
    this.name = "ApiError";
    this.status = status;
    this.code = typeof b.code === "string" ? b.code : null;
    this.field = typeof b.field === "string" ? b.field : null;
    this.errors = Array.isArray(b.errors) ? b.errors : [];
    this.body = body;
  }
}

let csrfToken = null;
let unauthorized = () => {};

export function setCsrfToken(token) {
  csrfToken = token || null;
}

export function onUnauthorized(fn) {
  unauthorized = fn;
}

export function url(path, query) {
  let u = BASE + path;
  if (query) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v !== null && v !== undefined && v !== "") q.append(k, String(v));
    }
    const s = q.toString();
    if (s) u += "?" + s;
  }
  return u;
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

export async function request(method, path, { query, body, auth401 = true, raw = false } = {}) {
  const headers = { Accept: "application/json" };
  const init = { method, headers, credentials: "same-origin", cache: "no-store" };
  if (!SAFE.has(method) && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  if (body !== undefined && body !== null) {
    headers["Content-Type"] = "application/json";
    init.body = typeof body === "string" || body instanceof Blob ? body : JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url(path, query), init);
  } catch (e) {
    throw new ApiError(0, null, "The server cannot be reached (" + e.message + ")");
  }
  if (response.ok && raw) return response;
  const text = await response.text();
  let parsed = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  if (!response.ok) {
    const error = new ApiError(response.status, parsed, `${method} ${path}: HTTP ${response.status}`);
    if (response.status === 401 && auth401) unauthorized(error);
    throw error;
  }
  return parsed;
}

export const get = (path, query) => request("GET", path, { query });
export const post = (path, body, options = {}) => request("POST", path, { ...options, body });
export const put = (path, body, options = {}) => request("PUT", path, { ...options, body });
export const del = (path, options = {}) => request("DELETE", path, options);

export async function list(path, query) {
  const answer = await get(path, query);
  if (Array.isArray(answer)) return answer;
  if (answer && typeof answer === "object") {
    const values = Object.values(answer).sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
    return query && query.order === "-id" ? values.reverse() : values;
  }
  return [];
}
