// router.js — hash routes ("#/jobs", "#/job/5?x=1") to page renderers.
//
// Exports:
//   route(pattern, render)   pattern "/job/:id"; render(view, params) as a page module's
//                            render (params: the :names, decoded strings, plus params.query:
//                            an object of the hash's ?query). May be async; may return a
//                            cleanup function, called when the route is left.
//   fallback(render)         the renderer for hashes no route matches
//   guard(fn)                fn(path) -> a path to go to instead, or null (e.g. login)
//   start(view)              renders the current hash into `view` and follows hashchange
//   navigate(path)           goes to "#"+path (re-renders when it is the current one)
//   refresh()                renders the current route again
//   current() -> {path, params}
//   href(path) -> "#"+path   for <a href>
//   onRender(fn)             fn(path) after each render (the app marks the active nav item)
const routes = [];
let fallbackRender = null;
let guardFn = () => null;
let viewEl = null;
let cleanup = null;
let currentState = { path: "/", params: {} };
let generation = 0;
const listeners = [];

export function route(pattern, render) {
  const names = [];
  const source = pattern
    .split("/")
    .map((part) => {
      if (part.startsWith(":")) {
        names.push(part.slice(1));
        return "([^/]+)";
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  routes.push({ regex: new RegExp("^" + source + "/?$"), names, render });
}

export function fallback(render) {
  fallbackRender = render;
}

export function guard(fn) {
  guardFn = fn;
}

export function onRender(fn) {
  listeners.push(fn);
}

export function href(path) {
  return "#" + path;
}

export function current() {
  return currentState;
}

export function navigate(path) {
  if (location.hash === "#" + path) refresh();
  else location.hash = path;
}

function parseHash() {
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, search = ""] = hash.split("?", 2);
  const query = {};
  for (const [k, v] of new URLSearchParams(search)) query[k] = v;
  return { path: path || "/", query };
}

export async function refresh() {
  const { path, query } = parseHash();
  const redirect = guardFn(path);
  if (redirect && redirect !== path) {
    navigate(redirect);
    return;
  }
  const mine = ++generation;
  if (cleanup) {
    try {
      cleanup();
    } catch (e) {
      console.warn("page cleanup failed", e);
    }
    cleanup = null;
  }
  let render = fallbackRender;
  const params = { query };
  for (const r of routes) {
    const m = r.regex.exec(path);
    if (m) {
      r.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1])));
      render = r.render;
      break;
    }
  }
  currentState = { path, params };
  viewEl.replaceChildren();
  viewEl.focus({ preventScroll: true });
  if (!render) return;
  let result;
  try {
    result = await render(viewEl, params);
  } catch (e) {
    // An API refusal is the page's to show; anything else is a bug the browser log must carry.
    if (e && e.name === "ApiError") console.warn("page failed", e);
    else console.error("page failed", e);
    if (mine === generation) {
      const box = document.createElement("div");
      box.className = "alert alert-danger";
      box.setAttribute("role", "alert");
      box.textContent = "This page failed: " + (e && e.message ? e.message : String(e));
      viewEl.append(box);
    }
  }
  if (typeof result === "function") {
    if (mine === generation) cleanup = result;
    else result();  // the user left while the page was loading
  }
  if (mine === generation) for (const fn of listeners) fn(path);
}

export function start(view) {
  viewEl = view;
  window.addEventListener("hashchange", () => refresh());
  return refresh();
}
