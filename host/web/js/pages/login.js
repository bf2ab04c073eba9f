// The login form: POST B/session, then the page the user asked for (?next=, a hash path).
import { navigate } from "../router.js";
import * as session from "../session.js";
import { button, el, field, showError } from "../ui.js";

// Only a console path: "/jobs", never "//host" or a URL.
function nextPath(params) {
  const next = params.query && params.query.next;
  return typeof next === "string" && /^\/(?!\/)/.test(next) && !next.startsWith("/login") ? next : "/";
}

export async function render(view, params) {
  const form = el("form", { class: "mfx-login-form", id: "login-form", novalidate: true },
    field({ label: "Login", name: "username", required: true, attrs: { autocomplete: "username", id: "login-username" } }),
    field({ label: "Password", name: "password", type: "password", required: true, attrs: { autocomplete: "current-password", id: "login-password" } }),
    button("Log in", { type: "submit", icon: "box-arrow-in-right", id: "login-submit" }),
  );
  const card = el("div", { class: "card shadow-sm mfx-login" },
    el("div", { class: "card-body" }, el("h1", { class: "h4 mb-3" }, "Sign in to MultiFlexi"), form));
  view.append(card);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const submit = form.querySelector("button[type=submit]");
    submit.disabled = true;
    try {
      await session.login(form.elements.username.value, form.elements.password.value);
      navigate(nextPath(params));
    } catch (e) {
      showError(card.querySelector(".card-body"), e.status === 401 ? Object.assign(e, { field: null }) : e, form);
      form.elements.password.value = "";
      if (!e.field) form.elements.password.focus();
    } finally {
      submit.disabled = false;
    }
  });
  form.elements.username.focus();
}
