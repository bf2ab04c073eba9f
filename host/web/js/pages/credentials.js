// credentials.js — credentials, credential types and prototypes in tabs (#/credentials,
// ?tab=types|prototypes), one credential (#/credential/:id: values masked, Reveal for its
// company's editors — audited by the server — and changes) and the create form
// (#/credential/new?company_id=, editors) with fields from the type's prototype.
import { get, list, post } from "../api.js";
import { localized } from "../i18n.js";
import * as router from "../router.js";
import * as session from "../session.js";
import { alertBox, button, el, field, formatInstant, loading, pageHeader, pager, showError, table, uid } from "../ui.js";
import { MASK, PAGE_LIMIT, byId, definedField, details, flash, idLink, keyValueRows, listAll, loadRecord, section, takeFlash, whileBusy } from "./forms-common.js";

const TABS = [
  { id: "credentials", label: "Credentials" },
  { id: "types", label: "Credential types" },
  { id: "prototypes", label: "Prototypes" },
];

export async function render(view, params) {
  if (params.id === "new") return renderCreate(view, params.query || {});
  if (params.id !== undefined) return renderCredential(view, params.id);
  return renderTabs(view, (params.query && params.query.tab) || "credentials");
}

function renderTabs(view, active) {
  const newLink = session.can("editor")
    ? el("a", { class: "btn btn-primary", href: router.href("/credential/new"), id: "credential-new" }, "New credential")
    : null;
  const tabList = el("div", { class: "nav nav-tabs mb-3", role: "tablist" });
  const panels = el("div", {});
  const shown = TABS.some((t) => t.id === active) ? active : "credentials";
  const tabs = TABS.map((t) => {
    const tabId = `tab-${t.id}`;
    const panel = el("div", { id: `panel-${t.id}`, role: "tabpanel", "aria-labelledby": tabId, tabindex: "0", hidden: t.id !== shown });
    const tab = button(t.label, {
      kind: "link", id: tabId, role: "tab", "aria-controls": panel.id, "aria-selected": String(t.id === shown),
      tabindex: t.id === shown ? "0" : "-1", class: ["nav-link", t.id === shown ? "active" : null],
      onClick: () => router.navigate(t.id === "credentials" ? "/credentials" : `/credentials?tab=${t.id}`),
    });
    tabList.append(tab);
    panels.append(panel);
    return { ...t, tab, panel };
  });
  // Arrow keys move between the tabs (the WAI-ARIA tabs pattern).
  tabList.addEventListener("keydown", (event) => {
    const i = tabs.findIndex((t) => t.tab === document.activeElement);
    if (i < 0 || (event.key !== "ArrowRight" && event.key !== "ArrowLeft")) return;
    const next = tabs[(i + (event.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
    next.tab.focus();
    next.tab.click();
  });
  view.append(pageHeader("Credentials", newLink), tabList, panels);
  const panel = tabs.find((t) => t.id === shown).panel;
  if (shown === "types") return showTypes(panel);
  if (shown === "prototypes") return showPrototypes(panel);
  return showCredentials(panel, 0);
}

async function guarded(panel, load) {
  panel.replaceChildren(loading());
  try {
    await load();
  } catch (e) {
    panel.replaceChildren();
    showError(panel, e);
  }
}

function showCredentials(panel, offset) {
  return guarded(panel, async () => {
    const [credentials, companies, types] = await Promise.all([
      list("/credentials", { limit: PAGE_LIMIT, offset }),
      listAll("/companies"),
      listAll("/credential_types"),
    ]);
    const companyById = byId(companies);
    const typeById = byId(types);
    panel.replaceChildren(
      table(
        [
          { title: "Name", value: (c) => idLink(`/credential/${c.id}`, c.name) },
          { title: "Company", value: (c) => (companyById.get(c.company_id) || {}).name || `#${c.company_id}` },
          { title: "Type", value: (c) => (typeById.get(c.credential_type_id) || {}).name || `#${c.credential_type_id}`, class: "d-none d-sm-table-cell" },
          { title: "Values", value: (c) => Object.keys(c.values || {}).join(", "), class: "d-none d-md-table-cell text-break" },
          { title: "Changed", value: (c) => formatInstant(c.DatUpdate), class: "d-none d-lg-table-cell" },
        ],
        credentials,
        { empty: "No credentials here.", caption: "Credentials" },
      ),
      pager({ limit: PAGE_LIMIT, offset, count: credentials.length, onPage: (o) => showCredentials(panel, o) }),
    );
  });
}

function showTypes(panel) {
  return guarded(panel, async () => {
    const [types, companies, prototypes] = await Promise.all([
      listAll("/credential_types"),
      listAll("/companies"),
      listAll("/credential_prototypes").catch(() => []),
    ]);
    const companyById = byId(companies);
    const prototypeById = byId(prototypes);
    panel.replaceChildren(table(
      [
        { title: "Name", value: (t) => t.name },
        { title: "Company", value: (t) => (companyById.get(t.company_id) || {}).name || `#${t.company_id}` },
        { title: "Prototype or plugin", value: (t) => (t.plugin ? `plugin ${t.plugin}` : (prototypeById.get(t.prototype_id) || {}).code || `#${t.prototype_id}`) },
        { title: "Provides", value: (t) => el("code", {}, t.provides || ""), class: "d-none d-sm-table-cell" },
        { title: "Settings", value: (t) => Object.entries(t.settings || {}).map(([k, v]) => `${k}=${v}`).join(", "), class: "d-none d-md-table-cell text-break" },
      ],
      types,
      { empty: "No credential types here.", caption: "Credential types" },
    ));
  });
}

function fieldsText(fields) {
  return (fields || []).map((f) => `${f.keyword}${f.required ? "*" : ""}${f.secret ? " (secret)" : ""}`).join(", ");
}

function showPrototypes(panel) {
  return guarded(panel, async () => {
    const prototypes = await listAll("/credential_prototypes");
    panel.replaceChildren(table(
      [
        { title: "Code", value: (p) => el("code", {}, p.code) },
        { title: "Name", value: (p) => localized(p.name) },
        { title: "Version", value: (p) => p.version || "", class: "d-none d-sm-table-cell" },
        { title: "Fields (* required)", value: (p) => fieldsText(p.fields), class: "d-none d-md-table-cell text-break" },
      ],
      prototypes,
      { empty: "No credential prototypes imported.", caption: "Credential prototypes" },
    ));
  });
}

function valuesTable(values, secretFields) {
  const secret = new Set(secretFields || []);
  return table(
    [
      { title: "Name", value: ([k]) => el("code", {}, k) },
      { title: "Value", value: ([, v]) => el("span", { class: "font-monospace text-break mfx-credential-value" }, String(v)) },
      { title: "Secret", value: ([k, v]) => (secret.has(k) || v === MASK ? "yes" : "no") },
    ],
    Object.entries(values || {}),
    { empty: "No values." },
  );
}

async function renderCredential(view, idText) {
  const loaded = await loadRecord(view, "Credential", async () => {
    const c = await get(`/credential/${encodeURIComponent(idText)}`);
    return [c, ...(await Promise.all([
      get(`/credential_type/${c.credential_type_id}`).catch(() => null),
      get(`/company/${c.company_id}`).catch(() => null),
    ]))];
  });
  if (!loaded) return;
  const [credential, type, company] = loaded;
  const editor = session.can("editor", credential.company_id);
  // A plugin type's credentials act on the executor host: the server lets only an admin change them.
  const changeable = editor && (!type || !type.plugin || session.isAdmin());
  const valuesBox = el("div", { id: "credential-values" }, valuesTable(credential.values, credential.secret_fields));
  let revealed = false;
  const reveal = editor
    ? button("Reveal", {
      kind: "outline-warning", icon: "eye", id: "credential-reveal",
      onClick: (event) => whileBusy(event.currentTarget, async () => {
        const btn = event.currentTarget;
        try {
          if (revealed) {
            valuesBox.replaceChildren(valuesTable(credential.values, credential.secret_fields));
          } else {
            const open = await get(`/credential/${credential.id}/reveal`);
            valuesBox.replaceChildren(valuesTable(open.values, open.secret_fields));
          }
          revealed = !revealed;
          btn.lastChild.textContent = revealed ? "Hide" : "Reveal";
        } catch (e) {
          showError(valuesBox.parentElement, e);
        }
      }),
    })
    : null;
  view.replaceChildren(pageHeader(credential.name, reveal), ...takeFlash());
  view.append(
    section("Credential", details([
      ["Company", company ? idLink(`/company/${company.id}`, company.name) : `#${credential.company_id}`],
      ["Type", type ? `${type.name}${type.plugin ? ` (plugin ${type.plugin})` : ""}` : `#${credential.credential_type_id}`],
      ["Provides", type ? type.provides : ""],
      ["Created", formatInstant(credential.DatCreate)],
      ["Changed", formatInstant(credential.DatUpdate)],
    ])),
    section("Values", editor ? el("p", { class: "small text-muted" }, "Revealing the values is recorded in the audit log.") : null, valuesBox),
  );
  if (changeable) view.append(changeForm(credential));
}

function changeForm(credential) {
  const rows = keyValueRows({ entries: credential.values || {}, editable: true, label: "Values" });
  const save = button("Save changes", { type: "submit", id: "credential-save" });
  const form = el("form", { class: "mfx-form", novalidate: true },
    field({ label: "Name", name: "name", value: credential.name, required: true }), rows.element, save);
  const box = section("Change", form);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    whileBusy(save, async () => {
      try {
        const body = {};
        const name = form.elements.name.value.trim();
        if (name !== credential.name) body.name = name;
        const values = rows.changes();
        if (Object.keys(values).length) body.values = values;
        if (!Object.keys(body).length) throw new Error("Nothing changed.");
        await post(`/credential/${credential.id}`, body);
        flash("Saved.");
        router.refresh();
      } catch (e) {
        showError(box, e, form);
      }
    });
  });
  return box;
}

async function renderCreate(view, query) {
  view.append(pageHeader("New credential"));
  if (!session.can("editor")) {
    view.append(alertBox("warning", "Creating a credential needs the editor role in a company."));
    return;
  }
  const holder = el("div", {}, loading());
  view.append(holder);
  let companies;
  let types;
  try {
    [companies, types] = await Promise.all([listAll("/companies"), listAll("/credential_types")]);
  } catch (e) {
    holder.replaceChildren();
    showError(holder, e);
    return;
  }
  const mine = companies.filter((c) => session.can("editor", c.id));
  const companyField = field({
    label: "Company", name: "company_id", required: true, value: Number(query.company_id) || (mine[0] && mine[0].id),
    options: mine.map((c) => ({ value: c.id, label: c.name })),
  });
  const typeId = uid("type");
  const typeSelect = el("select", { id: typeId, name: "credential_type_id", class: "form-select", required: true });
  const valuesBox = el("div", {});
  const save = button("Create credential", { type: "submit", id: "credential-save" });
  const form = el("form", { class: "mfx-form", novalidate: true },
    companyField,
    el("div", { class: "mb-3" }, el("label", { class: "form-label", for: typeId }, "Credential type", el("span", { class: "text-danger", "aria-hidden": "true" }, " *")), typeSelect),
    field({ label: "Name", name: "name", required: true, attrs: { autocomplete: "off" } }),
    valuesBox, save);
  let read = () => ({});

  async function showFields() {
    const type = types.find((t) => t.id === Number(typeSelect.value));
    valuesBox.replaceChildren();
    read = () => ({});
    if (!type) return;
    let prototype = null;
    if (type.prototype_id) prototype = await get(`/credential_prototype/${type.prototype_id}`).catch(() => null);
    if (prototype && Array.isArray(prototype.fields) && prototype.fields.length) {
      const settings = type.settings || {};
      const inputs = prototype.fields
        .filter((f) => !(f.keyword in settings))
        .map((f) => definedField({ name: f.keyword, spec: { type: f.type, required: f.required, secret: f.secret, defval: f.default, description: f.name } }));
      valuesBox.append(el("fieldset", { class: "mb-3" }, el("legend", { class: "h6" }, "Values"), inputs.map((i) => i.element)));
      read = () => Object.fromEntries(inputs.map((i) => [i.name, i.value()]).filter(([, v]) => v !== undefined && v !== ""));
    } else {
      const rows = keyValueRows({ label: "Values" });
      valuesBox.append(rows.element);
      read = () => rows.changes();
    }
  }

  function fillTypes() {
    const companyId = Number(form.elements.company_id.value);
    // Plugin types take an admin (the server refuses the others).
    const fitting = types.filter((t) => t.company_id === companyId && (!t.plugin || session.isAdmin()));
    typeSelect.replaceChildren(...fitting.map((t) => el("option", { value: t.id }, `${t.name} (${t.plugin ? `plugin ${t.plugin}` : t.provides})`)));
    if (!fitting.length) typeSelect.append(el("option", { value: "" }, "The company has no credential types"));
    return showFields();
  }

  form.elements.company_id.addEventListener("change", () => fillTypes());
  typeSelect.addEventListener("change", () => showFields());
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    whileBusy(save, async () => {
      try {
        const body = {
          name: form.elements.name.value.trim(),
          company_id: Number(form.elements.company_id.value),
          credential_type_id: Number(typeSelect.value),
          values: read(),
        };
        const created = await post("/credential/", body);
        router.navigate(`/credential/${created.id}`);
      } catch (e) {
        showError(holder, e, form);
      }
    });
  });
  holder.replaceChildren(section("Credential", form));
  await fillTypes();
}
