// Admin tab "Tokens": API tokens of every user (never their values); create one (its value
// is shown once, here), revoke.
import { del, list, post } from "../../api.js";
import { navigate } from "../../router.js";
import * as session from "../../session.js";
import { alertBox, button, confirmDialog, el, field, formatInstant, formValues, pager, showError, table } from "../../ui.js";

const LIMIT = 50;
const LIFETIMES = [
  { value: "30d", label: "30 days" },
  { value: "90d", label: "90 days" },
  { value: "365d", label: "1 year" },
  { value: "never", label: "Never expires" },
];

export async function renderTab(spot, query) {
  const offset = Math.max(0, parseInt(query.offset || "0", 10) || 0);
  const [tokens, users] = await Promise.all([list("/tokens", { limit: LIMIT, offset }), list("/users", { limit: 100 })]);
  const userById = new Map(users.map((u) => [u.id, u]));
  const made = el("div", { id: "token-made" });
  const form = el("form", { class: "card card-body mb-3", id: "token-create", novalidate: true },
    el("h2", { class: "h5" }, "New token"),
    el("div", { class: "row g-2" },
      el("div", { class: "col-md-4" }, field({ label: "Name", name: "name", required: true, value: "api" })),
      el("div", { class: "col-md-4" }, field({ label: "For user", name: "user_id", value: session.user().id, options: users.map((u) => ({ value: u.id, label: u.login })) })),
      el("div", { class: "col-md-4" }, field({ label: "Expires", name: "expires", value: "90d", options: LIFETIMES }))),
    el("div", {}, button("Create token", { type: "submit", icon: "key" })));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const v = formValues(form);
    try {
      const t = await post("/token/", { name: v.name, user_id: Number(v.user_id), expires: v.expires });
      made.replaceChildren(alertBox("success", [
        el("p", { class: "mb-1" }, `Token "${t.name}" made. Copy it now: it is not shown again.`),
        el("code", { class: "mfx-token-value", id: "token-value" }, t.token),
      ]));
      made.querySelector(".alert").setAttribute("tabindex", "-1");
      made.querySelector(".alert").focus();
    } catch (e) {
      showError(form, e, form);
    }
  });
  const revoke = async (t) => {
    if (!(await confirmDialog(`Revoke the token "${t.name}"? Clients using it are refused from now on.`, { ok: "Revoke" }))) return;
    try {
      await del(`/token/${t.id}`);
      navigate(`/admin/tokens${offset ? "?offset=" + offset : ""}`);
    } catch (e) {
      showError(spot, e);
    }
  };
  spot.append(made, form, table(
    [
      { title: "Id", value: (t) => String(t.id) },
      { title: "User", value: (t) => (userById.get(t.user_id) || {}).login || `#${t.user_id}` },
      { title: "Name", value: (t) => t.name },
      { title: "Created", value: (t) => formatInstant(t.created_at) },
      { title: "Expires", value: (t) => (t.expires_at ? formatInstant(t.expires_at) : "never") },
      { title: "Last used", value: (t) => formatInstant(t.last_used_at) },
      { title: "State", value: (t) => (t.revoked_at ? el("span", { class: "badge text-bg-secondary" }, "revoked") : el("span", { class: "badge text-bg-success" }, "active")) },
      { title: "Actions", value: (t) => (t.revoked_at ? "" : button("Revoke", { kind: "outline-danger", size: "sm", onClick: () => revoke(t) })) },
    ],
    tokens,
    { empty: "No tokens." },
  ), pager({ limit: LIMIT, offset, count: tokens.length, onPage: (o) => navigate(`/admin/tokens?offset=${o}`) }));
}
