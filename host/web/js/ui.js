// ui.js — DOM building and display helpers. Text goes in as textContent only: no innerHTML.
//
// Exports:
//   el(tag, attrs?, ...children) -> Element
//       attrs: {class, text, id, href, type, ..., dataset:{k:v}, style:{prop:value},
//               on:{click: fn, ...}}; other keys set as attributes (true → "", false/null
//               → left out); children: strings/numbers (text nodes), Nodes, arrays, null/false
//               (skipped)
//   icon(name, label?) -> <img src="/vendor/icons/NAME.svg">; decorative (alt="") unless
//       label is given (then alt=label)
//   button(label, {kind="primary", icon, size, onClick, type="button", title, ...attrs})
//   pageHeader(title, ...actions) -> <div> with an <h1> and the actions on the right
//   table(columns, rows, {empty, caption}) -> a responsive Bootstrap table;
//       columns: [{title, value: (row) => string|Node, class}]
//   alertBox(kind, message) -> <div class="alert alert-KIND" role="alert">
//   showError(container, error, form?) -> shows `error` (an ApiError or Error) in an alert at
//       the top of `container` (replacing the previous one); with a form, the input named
//       error.field (name or data-field attribute) is marked is-invalid with the message
//       under it and focused. Returns the alert.
//   clearErrors(container) removes alerts and invalid marks put there by showError
//   field({label, name, type="text", value, required, options, help, placeholder,
//          multiline, rows, checked, attrs}) -> <div class="mb-3"> with a <label for> and the
//       control (<input>, <select> when options [{value,label}|string] are given,
//       <textarea> when multiline, a form-check for type "checkbox")
//   formValues(form) -> {name: value} of its named controls (checkbox → boolean, number
//       inputs → number or null when empty, others → string)
//   statusBadge(status) -> <span class="badge ..."> for pending|running|success|failed|...
//   formatInstant(iso) -> local date and time ("" for none); formatDuration(seconds) ->
//       "1 h 2 min", "3 min 4 s", "5 s"; durationBetween(isoFrom, isoTo?) -> seconds (to now)
//   formatBytes(n) -> "1.2 kB"
//   pager({limit, offset, count, onPage}) -> <nav> with Previous/Next; Next is enabled when
//       the page was full (count === limit); onPage(newOffset)
//   loading() -> a spinner element with a text label
//   confirmDialog(message, {title, ok="OK", kind="danger"}) -> Promise<boolean> (Bootstrap modal)
//   uid(prefix) -> a fresh id for label/for pairs
let counter = 0;

export function uid(prefix = "f") {
  counter += 1;
  return `${prefix}-${counter}`;
}

function append(node, child) {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const c of child) append(node, c);
  } else if (child instanceof Node) {
    node.append(child);
  } else {
    node.append(document.createTextNode(String(child)));
  }
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = Array.isArray(value) ? value.filter(Boolean).join(" ") : value;
    else if (key === "text") node.textContent = String(value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key === "style") Object.assign(node.style, value);
    else if (key === "on") for (const [event, fn] of Object.entries(value)) node.addEventListener(event, fn);
    else if (key === "value" && "value" in node) node.value = String(value);
    else if (key === "checked" || key === "selected" || key === "disabled") node[key] = Boolean(value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

export function icon(name, label) {
  const safe = String(name).replace(/[^a-z0-9-]/g, "");
  return el("img", {
    src: `/vendor/icons/${safe}.svg`,
    alt: label || "",
    class: "mfx-icon",
    width: 16,
    height: 16,
    "aria-hidden": label ? null : "true",
  });
}

export function button(label, { kind = "primary", icon: iconName, size, onClick, type = "button", ...attrs } = {}) {
  return el(
    "button",
    { type, class: ["btn", `btn-${kind}`, size ? `btn-${size}` : null], on: onClick ? { click: onClick } : null, ...attrs },
    iconName ? icon(iconName) : null,
    iconName && label ? " " : null,
    label,
  );
}

export function pageHeader(title, ...actions) {
  return el(
    "div",
    { class: "d-flex flex-wrap align-items-center justify-content-between gap-2 mb-3" },
    el("h1", { class: "h3 mb-0" }, title),
    el("div", { class: "d-flex flex-wrap gap-2" }, actions),
  );
}

export function table(columns, rows, { empty = "Nothing here yet.", caption } = {}) {
  if (!rows.length) return el("p", { class: "text-muted mfx-empty" }, empty);
  return el(
    "div",
    { class: "table-responsive" },
    el(
      "table",
      { class: "table table-sm table-hover align-middle" },
      caption ? el("caption", {}, caption) : null,
      el("thead", {}, el("tr", {}, columns.map((c) => el("th", { scope: "col", class: c.class }, c.title)))),
      el(
        "tbody",
        {},
        rows.map((row) => el("tr", {}, columns.map((c) => el("td", { class: c.class }, c.value(row))))),
      ),
    ),
  );
}

export function alertBox(kind, message) {
  return el("div", { class: `alert alert-${kind} mfx-alert`, role: "alert" }, message);
}

export function clearErrors(container) {
  for (const a of container.querySelectorAll(".mfx-error")) a.remove();
  for (const f of container.querySelectorAll(".mfx-invalid-feedback")) f.remove();
  for (const i of container.querySelectorAll(".is-invalid")) i.classList.remove("is-invalid");
}

function controlFor(form, name) {
  for (const c of form.querySelectorAll("[name], [data-field]")) {
    if (c.getAttribute("name") === name || c.dataset.field === name) return c;
  }
  return null;
}

export function showError(container, error, form) {
  clearErrors(container);
  if (form && form !== container) clearErrors(form);
  const field = error && error.field ? error.field : null;
  const message = error && error.message ? error.message : String(error);
  const box = el(
    "div",
    { class: "alert alert-danger mfx-alert mfx-error", role: "alert" },
    field ? el("strong", {}, field + ": ") : null,
    message,
    error && error.errors && error.errors.length
      ? el(
          "ul",
          { class: "mb-0 mt-2 mfx-error-list" },
          error.errors.map((e) => el("li", {}, el("code", {}, e.path || ""), " ", e.message || "")),
        )
      : null,
  );
  container.prepend(box);
  const control = form && field ? controlFor(form, field) : null;
  if (control) {
    control.classList.add("is-invalid");
    control.setAttribute("aria-invalid", "true");
    control.after(el("div", { class: "invalid-feedback mfx-invalid-feedback" }, message));
    control.focus();
  } else {
    box.setAttribute("tabindex", "-1");
    box.focus();
  }
  return box;
}

export function field({ label, name, type = "text", value, required, options, help, placeholder, multiline, rows = 4, checked, attrs = {} }) {
  const id = attrs.id || uid(name || "field");
  const helpId = help ? id + "-help" : null;
  const common = { id, name, required, placeholder, "aria-describedby": helpId, ...attrs };
  if (type === "checkbox") {
    return el(
      "div",
      { class: "form-check mb-3" },
      el("input", { class: "form-check-input", type: "checkbox", checked: checked ?? Boolean(value), ...common }),
      el("label", { class: "form-check-label", for: id }, label),
      help ? el("div", { class: "form-text", id: helpId }, help) : null,
    );
  }
  let control;
  if (options) {
    control = el(
      "select",
      { class: "form-select", ...common },
      options.map((o) => {
        const opt = typeof o === "object" ? o : { value: o, label: o };
        return el("option", { value: opt.value, selected: value !== undefined && String(opt.value) === String(value) }, opt.label);
      }),
    );
  } else if (multiline) {
    control = el("textarea", { class: "form-control", rows, ...common });
    if (value !== undefined && value !== null) control.value = String(value);
  } else {
    control = el("input", { class: "form-control", type, value: value ?? null, ...common });
  }
  return el(
    "div",
    { class: "mb-3" },
    el("label", { class: "form-label", for: id }, label, required ? el("span", { class: "text-danger", "aria-hidden": "true" }, " *") : null),
    control,
    help ? el("div", { class: "form-text", id: helpId }, help) : null,
  );
}

export function formValues(form) {
  const out = {};
  for (const c of form.querySelectorAll("input[name], select[name], textarea[name]")) {
    if (c.type === "checkbox") out[c.name] = c.checked;
    else if (c.type === "number") out[c.name] = c.value === "" ? null : Number(c.value);
    else if (c.type === "file") continue;
    else out[c.name] = c.value;
  }
  return out;
}

const BADGES = {
  pending: "text-bg-secondary",
  running: "text-bg-primary",
  success: "text-bg-success",
  failed: "text-bg-danger",
  cancelled: "text-bg-warning",
  lost: "text-bg-dark",
};

export function statusBadge(status) {
  return el("span", { class: ["badge", BADGES[status] || "text-bg-light", "mfx-status"], dataset: { status: status || "" } }, status || "?");
}

export function formatInstant(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toLocaleString(undefined, { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

export function durationBetween(from, to) {
  if (!from) return null;
  const a = new Date(from).getTime();
  const b = to ? new Date(to).getTime() : Date.now();
  if (Number.isNaN(a) || Number.isNaN(b)) return null;
  return Math.max(0, Math.round((b - a) / 1000));
}

export function formatDuration(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return "";
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  if (h) return `${h} h ${m} min`;
  if (m) return `${m} min ${r} s`;
  return `${r} s`;
}

export function formatBytes(n) {
  if (n === null || n === undefined) return "";
  if (n < 1000) return `${n} B`;
  const units = ["kB", "MB", "GB", "TB"];
  let v = n;
  let i = -1;
  do {
    v /= 1000;
    i += 1;
  } while (v >= 1000 && i < units.length - 1);
  return `${v.toFixed(1)} ${units[i]}`;
}

export function pager({ limit, offset, count, onPage }) {
  const prev = button("Previous", { kind: "outline-secondary", size: "sm", disabled: offset <= 0, onClick: () => onPage(Math.max(0, offset - limit)) });
  const next = button("Next", { kind: "outline-secondary", size: "sm", disabled: count < limit, onClick: () => onPage(offset + limit) });
  const from = count ? offset + 1 : 0;
  return el(
    "nav",
    { class: "d-flex align-items-center gap-2 mfx-pager", "aria-label": "Pages" },
    prev,
    el("span", { class: "text-muted small" }, count ? `${from}–${offset + count}` : "none"),
    next,
  );
}

export function loading() {
  return el(
    "div",
    { class: "d-flex align-items-center gap-2 my-3 mfx-loading" },
    el("div", { class: "spinner-border spinner-border-sm", role: "status", "aria-hidden": "true" }),
    el("span", {}, "Loading…"),
  );
}

export function confirmDialog(message, { title = "Please confirm", ok = "OK", kind = "danger" } = {}) {
  return new Promise((resolve) => {
    const titleId = uid("confirm-title");
    let answer = false;
    const okButton = button(ok, { kind, onClick: () => { answer = true; modal.hide(); }, class: `btn btn-${kind} mfx-confirm-ok` });
    const node = el(
      "div",
      { class: "modal fade", tabindex: "-1", "aria-labelledby": titleId, "aria-modal": "true", role: "dialog" },
      el(
        "div",
        { class: "modal-dialog" },
        el(
          "div",
          { class: "modal-content" },
          el("div", { class: "modal-header" }, el("h2", { class: "modal-title h5", id: titleId }, title),
            el("button", { type: "button", class: "btn-close", "data-bs-dismiss": "modal", "aria-label": "Close" })),
          el("div", { class: "modal-body" }, el("p", {}, message)),
          el("div", { class: "modal-footer" },
            button("Cancel", { kind: "secondary", "data-bs-dismiss": "modal" }), okButton),
        ),
      ),
    );
    document.body.append(node);
    const modal = new bootstrap.Modal(node);
    node.addEventListener("shown.bs.modal", () => okButton.focus());
    node.addEventListener("hidden.bs.modal", () => {
      modal.dispose();
      node.remove();
      resolve(answer);
    });
    modal.show();
  });
}
