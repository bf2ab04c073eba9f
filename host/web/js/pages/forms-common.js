// forms-common.js — pieces the record pages (companies, apps, templates, credentials) share
// on top of ui.js: masked values, every page of a list, key/value rows, inputs generated from
// a field definition (manifest environment, credential prototype), small layout helpers.
//
// Exports:
//   MASK                          the API's mask of a secret value ("••••••••")
//   listAll(path, query?) -> []   every page of a list route (100 at a time, at most 5,000)
//   byId(records) -> Map          id → record
//   debounce(fn, ms) -> fn        calls fn(...args) once the calls stop for ms
//   whileBusy(button, fn)         disables the button while await fn() runs
//   keyValueRows({entries, editable, label}) -> {element, changes(), isEmpty()}
//       rows of NAME = value. Existing names stay fixed; a masked value shows as an empty
//       password input ("unchanged"). changes() → {name: value} of what was added or edited
//       only (an untouched masked value is never sent back as the mask); throws an Error
//       naming the row when a new row has a value but no name.
//   definedField({name, spec, current, editable}) -> {element, name, value()}
//       a labelled control for one defined variable; spec: {type, description, hint, required,
//       defval, options, secret}; value() → the text to send, or undefined when the user left
//       it as it was (a secret left empty stays unchanged)
//   isSecretSpec(spec, current) -> bool
//   details(pairs) -> <dl> of [label, value] (value a string or a Node; empty ones skipped)
//   section(title, ...children) -> a card with a heading
//   idLink(path, text) -> <a href="#path">
//   PAGE_LIMIT                    rows a list page shows at once
//   listPage(view, {title, action, offset, onPage, load, rows?, columns, above?, empty, caption})
//       a list page: header with its action, then the table of what load() answers (rows(data)
//       picks the rows; columns and above may be functions of data), paged; errors shown
//   loadRecord(view, title, load) -> data | null
//       a spinner while load() runs; on failure the error under a header `title`, and null
//   flash(message)                remembers a success message for the next render
//   takeFlash() -> [alert] | []   that message as an alert (once), to spread into append()
import { list } from "../api.js";
import { alertBox, button, el, loading, pageHeader, pager, showError, table, uid } from "../ui.js";
import { localized } from "../i18n.js";

export const MASK = "••••••••";

const PAGE = 100;

export async function listAll(path, query = {}) {
  const out = [];
  for (let offset = 0; offset < 50 * PAGE; offset += PAGE) {
    const page = await list(path, { ...query, limit: PAGE, offset });
    out.push(...page);
    if (page.length < PAGE) break;
  }
  return out;
}

export function byId(records) {
  return new Map(records.map((r) => [Number(r.id), r]));
}

export function debounce(fn, ms) {
  let timer = null;
  const debounced = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  debounced.cancel = () => clearTimeout(timer);
  return debounced;
}

export async function whileBusy(btn, fn) {
  btn.disabled = true;
  btn.setAttribute("aria-busy", "true");
  try {
    return await fn();
  } finally {
    btn.disabled = false;
    btn.removeAttribute("aria-busy");
  }
}

// Names the server treats as secret (README "Secrets"): their clear values, shown to editors,
// are still typed into password inputs so they are not read over a shoulder.
const SECRET_NAME = /(PASSWORD|TOKEN|SECRET|_KEY|PIN)$|SECRET/i;

export function keyValueRows({ entries = {}, editable = true, label = "Variables" } = {}) {
  const body = el("div", { class: "mfx-kv-rows" });
  const rows = [];

  function existingRow(name, value) {
    const masked = value === MASK;
    const id = uid("kv");
    const input = el("input", {
      id,
      class: "form-control form-control-sm font-monospace",
      type: masked || SECRET_NAME.test(name) ? "password" : "text",
      autocomplete: "off",
      placeholder: masked ? (editable ? "unchanged (secret)" : MASK) : null,
      readonly: !editable,
      dataset: { field: name },
    });
    if (!masked) input.value = value;
    rows.push({ fixed: name, initial: masked ? null : value, input });
    return el(
      "div",
      { class: "row g-2 mb-2 align-items-center mfx-kv-row" },
      el("div", { class: "col-12 col-sm-4" }, el("label", { class: "col-form-label col-form-label-sm font-monospace text-break", for: id }, name)),
      el("div", { class: "col-12 col-sm-8" }, input),
    );
  }

  function newRow() {
    const keyId = uid("kv-name");
    const valueId = uid("kv-value");
    const key = el("input", { id: keyId, class: "form-control form-control-sm font-monospace", autocomplete: "off", placeholder: "NAME", "aria-label": "Name" });
    const input = el("input", { id: valueId, class: "form-control form-control-sm font-monospace", autocomplete: "off", placeholder: "value", "aria-label": "Value" });
    const row = { key, input };
    rows.push(row);
    const line = el(
      "div",
      { class: "row g-2 mb-2 align-items-center mfx-kv-row mfx-kv-new" },
      el("div", { class: "col-12 col-sm-4" }, key),
      el("div", { class: "col-10 col-sm-7" }, input),
      el("div", { class: "col-2 col-sm-1 text-end" }, button("", {
        kind: "outline-secondary", size: "sm", icon: "x-lg", title: "Remove this row", "aria-label": "Remove this row",
        onClick: () => {
          rows.splice(rows.indexOf(row), 1);
          line.remove();
          add.focus();
        },
      })),
    );
    body.append(line);
    key.focus();
  }

  for (const [name, value] of Object.entries(entries || {})) body.append(existingRow(name, String(value ?? "")));
  const add = editable ? button("Add variable", { kind: "outline-secondary", size: "sm", icon: "plus-lg", class: "btn btn-outline-secondary btn-sm mfx-kv-add", onClick: newRow }) : null;
  const element = el(
    "fieldset",
    { class: "mb-3" },
    el("legend", { class: "h6" }, label),
    Object.keys(entries || {}).length || editable ? null : el("p", { class: "text-muted small" }, "None."),
    body,
    add,
  );

  function changes() {
    const out = {};
    for (const row of rows) {
      const value = row.input.value;
      if (row.fixed !== undefined) {
        if (row.initial === null ? value !== "" : value !== row.initial) out[row.fixed] = value;
        continue;
      }
      const name = row.key.value.trim();
      if (!name) {
        if (value !== "") {
          row.key.focus();
          throw new Error(`${label}: a row has a value but no name`);
        }
        continue;
      }
      out[name] = value;
    }
    return out;
  }
  return { element, changes, isEmpty: () => Object.keys(changes()).length === 0 };
}

export function isSecretSpec(spec, current) {
  const type = String((spec && spec.type) || "").toLowerCase();
  return Boolean(spec && spec.secret) || type === "password" || type === "secret" || current === MASK;
}

// Options of a manifest field: ["a", "b"] or {"a": "label A", ...}.
function optionList(options) {
  if (Array.isArray(options)) return options.map((o) => ({ value: String(o), label: String(o) }));
  if (options && typeof options === "object") {
    return Object.entries(options).map(([value, label]) => ({ value, label: `${localized(label)} (${value})` }));
  }
  return null;
}

function truthy(text) {
  return ["1", "true", "yes", "on"].includes(String(text ?? "").trim().toLowerCase());
}

export function definedField({ name, spec = {}, current, editable = true }) {
  const id = uid("def");
  const helpId = id + "-help";
  const type = String(spec.type || "string").toLowerCase();
  const has = current !== undefined && current !== null;
  const secret = isSecretSpec(spec, current);
  const defval = spec.defval ?? spec.default;
  const options = optionList(spec.options);
  const attrs = { id, name, "aria-describedby": helpId, disabled: !editable, dataset: { field: name } };
  let control;
  let read;
  let initial;
  if (type === "bool" || type === "boolean" || type === "checkbox") {
    initial = has ? truthy(current) : truthy(defval);
    control = el("input", { class: "form-check-input", type: "checkbox", checked: initial, ...attrs });
    read = () => (control.checked === initial ? undefined : String(control.checked));
  } else if (options && !secret) {
    initial = has ? String(current) : "";
    const choices = [{ value: "", label: defval !== undefined && defval !== null && defval !== "" ? `(default: ${defval})` : "(not set)" }, ...options];
    if (initial && !choices.some((o) => o.value === initial)) choices.push({ value: initial, label: initial });
    control = el("select", { class: "form-select", ...attrs }, choices.map((o) => el("option", { value: o.value, selected: o.value === initial }, o.label)));
    read = () => (control.value === initial ? undefined : control.value);
  } else {
    let inputType = "text";
    if (secret) inputType = "password";
    else if (type === "integer" || type === "number" || type === "float") inputType = "number";
    else if (type === "email") inputType = "email";
    else if (type === "url") inputType = "url";
    initial = secret ? "" : has ? String(current) : "";
    control = el("input", {
      class: "form-control",
      type: inputType,
      step: type === "float" ? "any" : null,
      autocomplete: secret ? "new-password" : "off",
      placeholder: secret ? (has ? "unchanged (secret)" : "not set") : defval !== undefined && defval !== null && defval !== "" ? String(defval) : null,
      ...attrs,
    });
    control.value = initial;
    read = () => (control.value === initial ? undefined : control.value);
  }
  const required = Boolean(spec.required);
  const help = [localized(spec.description), spec.hint ? `Hint: ${localized(spec.hint)}` : null,
    defval !== undefined && defval !== null && defval !== "" ? `Default: ${defval}` : null,
    `Type: ${type}${secret ? ", secret" : ""}`].filter(Boolean).join(" · ");
  const labelText = [el("span", { class: "font-monospace" }, name), required ? el("span", { class: "text-danger", title: "required" }, " *") : null,
    required ? el("span", { class: "visually-hidden" }, " (required)") : null];
  const element = control.type === "checkbox"
    ? el("div", { class: "form-check mb-3 mfx-defined", dataset: { name } }, control, el("label", { class: "form-check-label", for: id }, labelText),
      el("div", { class: "form-text", id: helpId }, help))
    : el("div", { class: "mb-3 mfx-defined", dataset: { name } }, el("label", { class: "form-label", for: id }, labelText), control,
      el("div", { class: "form-text", id: helpId }, help));
  return { element, name, value: read };
}

export function details(pairs) {
  return el(
    "dl",
    { class: "row mb-0 mfx-details" },
    pairs
      .filter(([, v]) => v !== null && v !== undefined && v !== "")
      .map(([k, v]) => [el("dt", { class: "col-sm-4 col-lg-3" }, k), el("dd", { class: "col-sm-8 col-lg-9 text-break" }, v)]),
  );
}

export function section(title, ...children) {
  return el(
    "section",
    { class: "card mb-3" },
    el("div", { class: "card-body" }, el("h2", { class: "h5 card-title" }, title), children),
  );
}

export function idLink(path, text) {
  return el("a", { href: "#" + path }, String(text));
}

let flashText = null;

export function flash(message) {
  flashText = message;
}

export function takeFlash() {
  const message = flashText;
  flashText = null;
  return message ? [alertBox("success", message)] : [];
}

export const PAGE_LIMIT = 50;

export async function listPage(view, { title, action, offset, onPage, load, rows = (d) => d, columns, above, empty, caption }) {
  view.replaceChildren(pageHeader(title, action), loading());
  let data;
  try {
    data = await load();
  } catch (e) {
    view.lastChild.remove();
    showError(view, e);
    return;
  }
  view.lastChild.remove();
  const shown = rows(data);
  view.append(
    ...(above ? [above(data)] : []),
    table(typeof columns === "function" ? columns(data) : columns, shown, { empty, caption }),
    pager({ limit: PAGE_LIMIT, offset, count: shown.length, onPage }),
  );
}

export async function loadRecord(view, title, load) {
  view.append(loading());
  try {
    return await load();
  } catch (e) {
    view.replaceChildren(pageHeader(title));
    showError(view, e);
    return null;
  }
}
