// Admin tab "Users": list (paged), create, enable/disable, admin flag.
import { list, post } from "../../api.js";
import { navigate } from "../../router.js";
import * as session from "../../session.js";
import { button, el, field, formatInstant, formValues, pager, showError, table } from "../../ui.js";

const LIMIT = 50;

function createForm(onCreated) {
  const form = el("form", { class: "card card-body mb-3", id: "user-create", novalidate: true },
    el("h2", { class: "h5" }, "New user"),
    el("div", { class: "row g-2" },
      el("div", { class: "col-md-3" }, field({ label: "Login", name: "login", required: true, attrs: { autocomplete: "off" } })),
      el("div", { class: "col-md-3" }, field({ label: "Email", name: "email", type: "email" })),
      el("div", { class: "col-md-3" }, field({ label: "Password", name: "password", type: "password", required: true, attrs: { autocomplete: "new-password" } })),
      el("div", { class: "col-md-3 pt-md-4" }, field({ label: "Admin", name: "admin", type: "checkbox" }))),
    el("div", {}, button("Create user", { type: "submit", icon: "person-plus" })));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const v = formValues(form);
    const body = { login: v.login, password: v.password, admin: v.admin };
    if (v.email) body.email = v.email;
    try {
      await post("/user/", body);
      form.reset();
      onCreated();
    } catch (e) {
      showError(form, e, form);
    }
  });
  return form;
}

export async function renderTab(spot, query) {
  const offset = Math.max(0, parseInt(query.offset || "0", 10) || 0);
  const reload = () => navigate(`/admin/users${offset ? "?offset=" + offset : ""}`);
  const users = await list("/users", { limit: LIMIT, offset });
  const me = session.user();
  const change = async (u, changes) => {
    try {
      await post("/user/", { id: u.id, ...changes });
      reload();
    } catch (e) {
      showError(spot, e);
    }
  };
  spot.append(
    createForm(reload),
    table(
      [
        { title: "Id", value: (u) => String(u.id) },
        { title: "Login", value: (u) => u.login },
        { title: "Name", value: (u) => [u.firstname, u.lastname].filter(Boolean).join(" ") },
        { title: "Email", value: (u) => u.email || "" },
        { title: "Enabled", value: (u) => (u.enabled ? "yes" : el("span", { class: "badge text-bg-secondary" }, "disabled")) },
        { title: "Admin", value: (u) => (u.admin ? el("span", { class: "badge text-bg-warning" }, "admin") : "") },
        { title: "Created", value: (u) => formatInstant(u.DatCreate) },
        {
          title: "Actions",
          value: (u) => (me && u.id === me.id ? el("span", { class: "text-muted small" }, "you") : el("div", { class: "d-flex gap-1" },
            button(u.enabled ? "Disable" : "Enable", { kind: "outline-secondary", size: "sm", dataset: { user: u.login }, onClick: () => change(u, { enabled: !u.enabled }) }),
            button(u.admin ? "Drop admin" : "Make admin", { kind: "outline-warning", size: "sm", onClick: () => change(u, { admin: !u.admin }) }))),
        },
      ],
      users,
      { empty: "No users." },
    ),
    pager({ limit: LIMIT, offset, count: users.length, onPage: (o) => navigate(`/admin/users?offset=${o}`) }),
  );
}
