// session.js — who is signed in, and what they may do.
//
// Exports:
//   ROLES = ["viewer", "operator", "editor"]   weakest first
//   login(username, password) -> session       POST B/session; throws ApiError (401 wrong
//                                              login, 429 throttled) without the 401 redirect
//   logout()                                   DELETE B/session; forgets the session
//   load() -> session | null                   GET B/session (null on 401)
//   current() -> session | null                {user:{id,login,admin}, roles:{companyId:role},
//                                              csrf_token, idle_timeout, expires_at}
//   forget()                                   drops the session locally (after a 401)
//   user() -> {id, login, admin} | null
//   isAdmin() -> bool
//   roleIn(companyId) -> "viewer"|"operator"|"editor"|null   admins: "editor" everywhere
//   can(role, companyId?) -> bool              the caller has at least `role` in that company;
//                                              without companyId: in at least one company
//                                              (admins: always)
//   companyIds(role = "viewer") -> [number]    companies where the caller has at least `role`
//                                              (admins: [] — they see all; use isAdmin())
//   onChange(fn)                               fn(session|null) after login, logout, load, forget
import { del, get, post, setCsrfToken } from "./api.js";

export const ROLES = ["viewer", "operator", "editor"];

let session = null;
const listeners = [];

function set(s) {
  session = s && typeof s === "object" && s.user ? s : null;
  setCsrfToken(session ? session.csrf_token : null);
  for (const fn of listeners) fn(session);
  return session;
}

export function onChange(fn) {
  listeners.push(fn);
}

export async function login(username, password) {
  return set(await post("/session", { username, password }, { auth401: false }));
}

export async function logout() {
  try {
    await del("/session", { auth401: false });
  } finally {
    set(null);
  }
}

export async function load() {
  try {
    return set(await get("/session").catch((e) => {
      if (e.status === 401) return null;
      throw e;
    }));
  } catch (e) {
    set(null);
    throw e;
  }
}

export function forget() {
  if (session) set(null);
}

export function current() {
  return session;
}

export function user() {
  return session ? session.user : null;
}

export function isAdmin() {
  return Boolean(session && session.user && session.user.admin);
}

export function roleIn(companyId) {
  if (!session) return null;
  if (isAdmin()) return "editor";
  const role = session.roles ? session.roles[String(companyId)] : undefined;
  return ROLES.includes(role) ? role : null;
}

export function can(role, companyId) {
  if (!session) return false;
  if (isAdmin()) return true;
  const need = ROLES.indexOf(role);
  if (need < 0) return false;
  if (companyId === undefined || companyId === null) {
    return Object.values(session.roles || {}).some((r) => ROLES.indexOf(r) >= need);
  }
  const have = ROLES.indexOf(roleIn(companyId));
  return have >= need;
}

export function companyIds(role = "viewer") {
  if (!session || isAdmin()) return [];
  const need = ROLES.indexOf(role);
  return Object.entries(session.roles || {})
    .filter(([, r]) => ROLES.indexOf(r) >= need)
    .map(([id]) => Number(id));
}
