// app.js — the console's entry: registers the pages, builds the navbar by role, keeps the
// session (a 401 anywhere shows the login form, and after it the page asked for).
//
// Routes (page modules under js/pages/ are loaded when first visited; each exports
// `async function render(view, params)`, see router.js):
//   /login                       login.js
//   /  (dashboard)               dashboard.js
//   /jobs, /job/:id              jobs.js, job.js
//   /companies, /company/:id     companies.js  (:id "new" = the create form)
//   /apps, /app/:id              apps.js       (:id "import" = the upload form)
//   /templates, /template/:id    templates.js  (:id "new" = the create form; query
//                                               app_id, company_id preselect)
//   /credentials, /credential/:id credentials.js (:id "new" = the create form)
//   /admin, /admin/:tab          admin.js      (admins only; tab users|tokens|plugins|audit)
// Exports: nothing (side effects only).
import { onUnauthorized } from "./api.js";
import * as router from "./router.js";
import * as session from "./session.js";
import { el, icon } from "./ui.js";

// A non-secret hint that this browser holds a session cookie (the cookie is HttpOnly): the
// console asks GET /session only then, so a fresh visit does not log a 401 in the console.
const HINT = "mfx.signedIn";

function page(name) {
  let loaded = null;
  return async (view, params) => {
    loaded = loaded || import(`./pages/${name}.js`);
    const module = await loaded.catch((e) => {
      loaded = null;
      throw new Error(`the page module ${name}.js cannot be loaded (${e.message})`);
    });
    return module.render(view, params);
  };
}

const NAV = [
  { path: "/", label: "Dashboard", icon: "speedometer2", match: (p) => p === "/" },
  { path: "/jobs", label: "Jobs", icon: "list-task", match: (p) => p.startsWith("/job") },
  { path: "/companies", label: "Companies", icon: "building", match: (p) => p.startsWith("/compan") },
  { path: "/apps", label: "Applications", icon: "box-seam", match: (p) => p.startsWith("/app") },
  { path: "/templates", label: "Run templates", icon: "calendar-check", match: (p) => p.startsWith("/template") },
  { path: "/credentials", label: "Credentials", icon: "key", match: (p) => p.startsWith("/credential") },
  { path: "/admin", label: "Admin", icon: "gear", match: (p) => p.startsWith("/admin"), admin: true },
];

function renderNav(s) {
  const links = document.getElementById("nav-links");
  const userBox = document.getElementById("nav-user");
  links.replaceChildren();
  userBox.replaceChildren();
  if (!s) return;
  for (const item of NAV) {
    if (item.admin && !session.isAdmin()) continue;
    links.append(
      el("li", { class: "nav-item" },
        el("a", { class: "nav-link d-flex align-items-center gap-1", href: router.href(item.path), dataset: { nav: item.path } },
          icon(item.icon), item.label)),
    );
  }
  userBox.append(
    el("span", { class: "navbar-text d-flex align-items-center gap-1", id: "nav-login" },
      icon("person-circle"), s.user.login, s.user.admin ? el("span", { class: "badge text-bg-warning" }, "admin") : null),
    el("button", { type: "button", class: "btn btn-outline-light btn-sm", id: "logout", on: { click: logout } },
      icon("box-arrow-right"), " Log out"),
  );
  markActive(router.current().path);
}

function markActive(path) {
  for (const a of document.querySelectorAll("#nav-links a")) {
    const item = NAV.find((n) => n.path === a.dataset.nav);
    const active = item && item.match(path);
    a.classList.toggle("active", Boolean(active));
    if (active) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
}

async function logout() {
  try {
    await session.logout();
  } catch (e) {
    console.warn("logout", e);
  }
  router.navigate("/login");
}


// The login form's path, with the page asked for as ?next= (the login page goes there after).
function loginPath() {
  const asked = location.hash.replace(/^#/, "") || "/";
  return asked.startsWith("/login") ? asked : "/login?next=" + encodeURIComponent(asked);
}

async function main() {
  session.onChange((s) => {
    if (s) localStorage.setItem(HINT, "1");
    else localStorage.removeItem(HINT);
    renderNav(s);
  });
  onUnauthorized(() => {
    session.forget();
    if (router.current().path !== "/login") router.navigate(loginPath());
  });
  router.route("/login", page("login"));
  router.route("/", page("dashboard"));
  router.route("/jobs", page("jobs"));
  router.route("/job/:id", page("job"));
  router.route("/companies", page("companies"));
  router.route("/company/:id", page("companies"));
  router.route("/apps", page("apps"));
  router.route("/app/:id", page("apps"));
  router.route("/templates", page("templates"));
  router.route("/template/:id", page("templates"));
  router.route("/credentials", page("credentials"));
  router.route("/credential/:id", page("credentials"));
  router.route("/admin", page("admin"));
  router.route("/admin/:tab", page("admin"));
  router.fallback((view) => {
    view.append(el("div", { class: "alert alert-warning", role: "alert" }, "There is no such page. ",
      el("a", { href: router.href("/") }, "Go to the dashboard")));
  });
  router.guard((path) => {
    if (path === "/login") return null;
    if (!session.current()) return loginPath();
    if (path.startsWith("/admin") && !session.isAdmin()) return "/";
    return null;
  });
  // The skip link focuses the page's content (its href would be read as a hash route).
  document.getElementById("skip-link").addEventListener("click", (event) => {
    event.preventDefault();
    document.getElementById("view").focus();
  });
  router.onRender(markActive);
  if (localStorage.getItem(HINT)) {
    try {
      await session.load();
    } catch (e) {
      console.warn("session", e);
    }
  }
  await router.start(document.getElementById("view"));
}

main();
