// Admin (admins only; the router's guard and the server both enforce it): tabs for users,
// roles per company, API tokens, plugins and the audit log. Each tab is its own module
// under pages/admin/ exporting `async function renderTab(spot, query)`.
import { href } from "../router.js";
import * as session from "../session.js";
import { el, pageHeader } from "../ui.js";

const TABS = [
  { key: "users", label: "Users" },
  { key: "roles", label: "Roles" },
  { key: "tokens", label: "Tokens" },
  { key: "plugins", label: "Plugins" },
  { key: "audit", label: "Audit log" },
];

export async function render(view, params) {
  if (!session.isAdmin()) {
    view.append(el("div", { class: "alert alert-warning", role: "alert" }, "Only admins see this page."));
    return;
  }
  const tab = TABS.find((t) => t.key === params.tab) || TABS[0];
  view.append(
    pageHeader("Administration"),
    el("ul", { class: "nav nav-tabs mb-3", id: "admin-tabs" },
      TABS.map((t) => el("li", { class: "nav-item" },
        el("a", { class: ["nav-link", t === tab ? "active" : null], href: href(`/admin/${t.key}`), "aria-current": t === tab ? "page" : null, dataset: { tab: t.key } }, t.label)))),
  );
  const spot = el("div", { id: `admin-${tab.key}` });
  view.append(spot);
  const module = await import(`./admin/${tab.key}.js`);
  return module.renderTab(spot, params.query || {});
}
