// One job: status, exit code, outcome, duration; its output followed live over SSE
// (B/job/{id}/follow: "stdout"/"stderr" events carry text, "end" carries the final state);
// artifacts with download links; Cancel for operators while the job is pending or running.
import { get, list, post, url } from "../api.js";
import { localized } from "../i18n.js";
import { href } from "../router.js";
import * as session from "../session.js";
import { button, confirmDialog, durationBetween, el, formatBytes, formatDuration, formatInstant, icon, loading, pageHeader, showError, statusBadge, table } from "../ui.js";

const POLL_MS = 3000;

function ended(status) {
  return !["pending", "running"].includes(status);
}

function detailList(rows) {
  return el("dl", { class: "row mb-0", id: "job-details" },
    rows.filter(([, v]) => v !== null && v !== undefined && v !== "").map(([k, v, id]) => [
      el("dt", { class: "col-sm-4 col-lg-3" }, k),
      el("dd", { class: "col-sm-8 col-lg-9", id }, v),
    ]));
}

async function names(job) {
  const [company, template, app] = await Promise.all([
    get(`/company/${job.company_id}`).catch(() => null),
    job.runtemplate_id ? get(`/runtemplate/${job.runtemplate_id}`).catch(() => null) : null,
    get(`/app/${job.app_id}`).catch(() => null),
  ]);
  return { company, template, app };
}

export async function render(view, params) {
  const id = String(params.id);
  if (!/^[1-9][0-9]{0,17}$/.test(id)) {
    view.append(el("div", { class: "alert alert-warning", role: "alert" }, "No such job."));
    return undefined;
  }
  const header = el("div");
  const details = el("div", {}, loading());
  const output = el("pre", { class: "mfx-output", id: "job-output", tabindex: "0", "aria-label": "Output", "aria-live": "off" });
  const outputState = el("span", { class: "text-muted small", id: "job-output-state", "aria-live": "polite" });
  const artifacts = el("div", { id: "job-artifacts" });
  view.append(header, details,
    el("section", { class: "mt-4", "aria-labelledby": "job-output-title" },
      el("div", { class: "d-flex align-items-center gap-2 mb-2" }, el("h2", { class: "h5 mb-0", id: "job-output-title" }, "Output"), outputState),
      output),
    el("section", { class: "mt-4", "aria-labelledby": "job-artifacts-title" },
      el("h2", { class: "h5", id: "job-artifacts-title" }, "Artifacts"), artifacts));

  let job = null;
  let context = null;
  let source = null;
  let poll = null;
  let tick = null;
  let stopped = false;

  function drawHeader() {
    const actions = [];
    if (session.can("operator", job.company_id) && !ended(job.status)) {
      actions.push(button("Cancel", { kind: "danger", icon: "x-octagon", id: "job-cancel", onClick: cancel,
        disabled: Boolean(job.cancel_requested_at) }));
    }
    header.replaceChildren(pageHeader(el("span", { class: "d-inline-flex align-items-center gap-2" }, `Job #${job.id}`, statusBadge(job.status)), ...actions));
  }

  function drawDetails() {
    const t = context.template;
    const running = job.status === "running";
    details.replaceChildren(detailList([
      ["Status", statusBadge(job.status), "job-status"],
      ["Outcome", job.outcome, "job-outcome"],
      ["Exit code", job.exitcode === undefined || job.exitcode === null ? null : String(job.exitcode), "job-exitcode"],
      ["Duration", job.begin ? el("span", { id: "job-duration-value" }, formatDuration(durationBetween(job.begin, job.end)), running ? " (running)" : "") : null, "job-duration"],
      ["Run template", t ? el("a", { href: href(`/template/${t.id}`) }, t.name) : job.runtemplate_id ? `#${job.runtemplate_id}` : "ad hoc"],
      ["Company", context.company ? el("a", { href: href(`/company/${job.company_id}`) }, context.company.name) : `#${job.company_id}`],
      ["Application", context.app ? el("a", { href: href(`/app/${job.app_id}`) }, localized(context.app.name)) : `#${job.app_id}`],
      ["Executor", job.executor],
      ["Scheduled", formatInstant(job.schedule)],
      ["Began", formatInstant(job.begin)],
      ["Ended", formatInstant(job.end)],
      ["Launched by", job.launched_by_name],
      ["Message", job.message],
      ["Cancel requested", job.cancel_requested_at ? `${formatInstant(job.cancel_requested_at)} by ${job.cancel_requested_by || "?"}` : null],
      ["Command", job.command ? el("code", {}, job.command) : null],
    ]));
  }

  async function drawArtifacts() {
    try {
      const items = await list(`/job/${id}/artifacts`, { limit: 100 });
      if (stopped) return;
      artifacts.replaceChildren(table(
        [
          { title: "File", value: (a) => el("a", { href: url(`/artifact/${a.id}`), download: a.filename, class: "mfx-artifact-link", dataset: { artifactId: String(a.id) } }, icon("download"), " ", a.filename) },
          { title: "Type", value: (a) => a.content_type },
          { title: "Size", value: (a) => formatBytes(a.size), class: "text-end" },
          { title: "Note", value: (a) => a.note || "" },
        ],
        items,
        { empty: ended(job.status) ? "This job left no artifact." : "Artifacts appear when the job ends." },
      ));
    } catch (e) {
      if (!stopped) showError(artifacts, e);
    }
  }

  async function reload() {
    job = await get(`/job/${id}`);
    if (stopped) return;
    drawHeader();
    drawDetails();
  }

  async function cancel() {
    if (!(await confirmDialog(`Cancel job #${job.id}?`, { title: "Cancel the job", ok: "Cancel the job" }))) return;
    try {
      job = await post(`/job/${id}/cancel`);
      drawHeader();
      drawDetails();
    } catch (e) {
      showError(header, e);
    }
  }

  function follow() {
    source = new EventSource(url(`/job/${id}/follow`));
    outputState.textContent = "following…";
    const append = (stream) => (event) => {
      const span = el("span", { class: stream === "stderr" ? "mfx-stderr" : null }, event.data);
      const atBottom = output.scrollTop + output.clientHeight >= output.scrollHeight - 4;
      output.append(span);
      if (atBottom) output.scrollTop = output.scrollHeight;
    };
    source.addEventListener("stdout", append("stdout"));
    source.addEventListener("stderr", append("stderr"));
    source.addEventListener("end", async () => {
      source.close();
      source = null;
      outputState.textContent = "ended";
      await reload().catch(() => {});
      stopPolling();
      drawArtifacts();
    });
    source.addEventListener("error", () => {
      // The browser reconnects by itself (from Last-Event-ID) unless the stream was refused.
      if (source && source.readyState === EventSource.CLOSED) outputState.textContent = "the output stream closed";
      else outputState.textContent = "reconnecting…";
    });
    source.addEventListener("open", () => {
      outputState.textContent = "following…";
    });
  }

  function stopPolling() {
    clearInterval(poll);
    clearInterval(tick);
    poll = tick = null;
  }

  try {
    job = await get(`/job/${id}`);
    context = await names(job);
  } catch (e) {
    details.replaceChildren();
    showError(details, e);
    return undefined;
  }
  if (stopped) return undefined;
  drawHeader();
  drawDetails();
  follow();
  drawArtifacts();
  if (!ended(job.status)) {
    poll = setInterval(() => reload().catch(() => {}), POLL_MS);
    tick = setInterval(() => {
      const d = document.getElementById("job-duration-value");
      if (d && job.begin && !job.end) d.textContent = formatDuration(durationBetween(job.begin));
    }, 1000);
  }
  return () => {
    stopped = true;
    stopPolling();
    if (source) source.close();
    source = null;
  };
}
