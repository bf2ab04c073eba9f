// Admin tab "Plugins": every plugin file found, loaded (with its components) or refused
// with the reason.
import { list } from "../../api.js";
import { el, table } from "../../ui.js";

export async function renderTab(spot) {
  const plugins = await list("/plugins");
  spot.append(table(
    [
      { title: "File", value: (p) => el("code", {}, p.file) },
      { title: "Status", value: (p) => el("span", { class: ["badge", p.status === "loaded" ? "text-bg-success" : "text-bg-danger"] }, p.status) },
      { title: "Plugin", value: (p) => [p.plugin_id || "", p.version ? ` ${p.version}` : ""] },
      { title: "ABI", value: (p) => p.abi || "" },
      { title: "Components", value: (p) => el("ul", { class: "list-unstyled mb-0" }, (p.components || []).map((c) => el("li", {}, el("span", { class: "badge text-bg-light me-1" }, c.kind), c.id, c.name ? ` (${c.name})` : ""))) },
      { title: "Reason / warnings", value: (p) => el("div", {}, p.reason ? el("div", { class: "text-danger" }, p.reason) : null, (p.warnings || []).map((w) => el("div", { class: "text-warning-emphasis small" }, w))) },
    ],
    plugins,
    { empty: "No plugin was found." },
  ));
}
