// companies.js — the companies: a list (#/companies), one company's form (#/company/:id),
// the create form (#/company/new, admins). Editors change a company and its environment;
// values the API masks stay masked and are sent back only when typed anew.
import { get, post } from "../api.js";
import * as router from "../router.js";
import * as session from "../session.js";
import { alertBox, button, el, field, formatInstant, pageHeader, showError } from "../ui.js";
import { PAGE_LIMIT, details, flash, idLink, keyValueRows, listPage, loadRecord, section, takeFlash, whileBusy } from "./forms-common.js";

const TEXT_FIELDS = [
  { name: "name", label: "Name", required: true },
  { name: "slug", label: "Slug (code)", required: true, help: "Short unique code: letters, digits, '-' and '_'." },
  { name: "ic", label: "IČ (company number)" },
  { name: "dic", label: "DIČ (VAT number)" },
  { name: "email", label: "E-mail", type: "email" },
  { name: "timezone", label: "Time zone", help: "IANA zone such as Europe/Prague; empty: the server's zone." },
];

export async function render(view, params) {
  if (params.id === "new") return renderCreate(view);
  if (params.id !== undefined) return renderCompany(view, params.id);
  return renderList(view, 0);
}

async function renderList(view, offset) {
  await listPage(view, {
    title: "Companies",
    action: session.isAdmin()
      ? el("a", { class: "btn btn-primary", href: router.href("/company/new"), id: "company-new" }, "New company")
      : null,
    offset,
    onPage: (o) => renderList(view, o),
    load: () => get("/companies", { limit: PAGE_LIMIT, offset, order: "name" }),
    columns: [
      { title: "Name", value: (c) => idLink(`/company/${c.id}`, c.name) },
      { title: "Slug", value: (c) => el("code", {}, c.slug) },
      { title: "IČ", value: (c) => c.ic || "", class: "d-none d-md-table-cell" },
      { title: "E-mail", value: (c) => c.email || "", class: "d-none d-lg-table-cell" },
      { title: "Time zone", value: (c) => c.timezone || "", class: "d-none d-md-table-cell" },
      { title: "Enabled", value: (c) => (c.enabled ? "yes" : "no") },
      { title: "Your role", value: (c) => session.roleIn(c.id) || "", class: "d-none d-sm-table-cell" },
    ],
    empty: "No companies you can see.",
    caption: "Companies",
  });
}

function formFields(company, editable) {
  return TEXT_FIELDS.map((f) =>
    field({
      ...f,
      value: company[f.name] ?? "",
      required: f.required && editable,
      attrs: { readonly: !editable, autocomplete: "off" },
    }),
  );
}

async function renderCreate(view) {
  view.append(pageHeader("New company"));
  if (!session.isAdmin()) {
    view.append(alertBox("warning", "Only an administrator creates companies."));
    return;
  }
  const env = keyValueRows({ label: "Environment" });
  const save = button("Create company", { type: "submit", id: "company-save" });
  const form = el(
    "form",
    { class: "mfx-form", novalidate: true },
    formFields({}, true),
    field({ label: "Enabled", name: "enabled", type: "checkbox", checked: true }),
    env.element,
    el("div", { class: "d-flex gap-2" }, save, el("a", { class: "btn btn-outline-secondary", href: router.href("/companies") }, "Cancel")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    whileBusy(save, async () => {
      try {
        const body = { enabled: form.elements.enabled.checked };
        for (const f of TEXT_FIELDS) {
          const v = form.elements[f.name].value.trim();
          if (v !== "") body[f.name] = v;
        }
        const environment = env.changes();
        if (Object.keys(environment).length) body.environment = environment;
        const saved = await post("/company/", body);
        router.navigate(`/company/${saved.id}`);
      } catch (e) {
        showError(view, e, form);
      }
    });
  });
  view.append(section("Company", form));
}

async function renderCompany(view, idText) {
  const id = Number(idText);
  const company = await loadRecord(view, "Company", () => get(`/company/${encodeURIComponent(idText)}`));
  if (!company) return;
  const editable = session.can("editor", id);
  view.replaceChildren(
    pageHeader(
      company.name,
      el("a", { class: "btn btn-outline-secondary", href: router.href(`/templates?company_id=${id}`) }, "Run templates"),
      el("a", { class: "btn btn-outline-secondary", href: router.href(`/jobs?company_id=${id}`) }, "Jobs"),
    ),
    ...takeFlash(),
  );
  const env = keyValueRows({ entries: company.environment || {}, editable, label: "Environment" });
  const save = editable ? button("Save changes", { type: "submit", id: "company-save" }) : null;
  const form = el(
    "form",
    { class: "mfx-form", novalidate: true },
    formFields(company, editable),
    field({ label: "Enabled", name: "enabled", type: "checkbox", checked: Boolean(company.enabled), attrs: { disabled: !editable } }),
    env.element,
    editable ? null : el("p", { class: "text-muted small" }, "You can read this company; its editors change it."),
    save,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!editable) return;
    whileBusy(save, async () => {
      try {
        const body = {};
        for (const f of TEXT_FIELDS) {
          const v = form.elements[f.name].value.trim();
          if (v !== (company[f.name] ?? "")) body[f.name] = v;
        }
        if (form.elements.enabled.checked !== Boolean(company.enabled)) body.enabled = form.elements.enabled.checked;
        const environment = env.changes();
        if (Object.keys(environment).length) body.environment = environment;
        if (!Object.keys(body).length) {
          showError(view, new Error("Nothing changed."));
          return;
        }
        await post("/company/", body, { query: { companyId: id } });
        flash("Saved.");
        router.refresh();
      } catch (e) {
        showError(view, e, form);
      }
    });
  });
  view.append(
    section("Company", form),
    section("Record", details([
      ["Id", String(company.id)],
      ["Created", formatInstant(company.DatCreate)],
      ["Changed", formatInstant(company.DatUpdate)],
    ])),
  );
}
