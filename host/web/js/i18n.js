// i18n.js — texts of manifests in the browser's language.
//
// Exports:
//   languages() -> ["cs", "en", ...]   the browser's preferred languages (navigator.languages),
//                                      primary subtags, lower case, without repeats
//   localized(value) -> string         a string as is; an object {"en": "...", "cs": "..."}
//                                      → the first of languages() it has, else "en", else its
//                                      first non-empty string; null/undefined → ""
export function languages() {
  const list = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || "en"];
  const seen = [];
  for (const tag of list) {
    const primary = String(tag).toLowerCase().split("-")[0];
    if (primary && !seen.includes(primary)) seen.push(primary);
  }
  return seen;
}

export function localized(value) {
  if (value === null || value === undefined) return "";
  if (typeof value !== "object") return String(value);
  const text = (v) => (typeof v === "string" && v !== "" ? v : null);
  for (const lang of languages()) {
    if (text(value[lang])) return value[lang];
    // "cs_CZ" / "cs-CZ" keys count for "cs"
    for (const [k, v] of Object.entries(value)) {
      if (k.toLowerCase().split(/[-_]/)[0] === lang && text(v)) return v;
    }
  }
  if (text(value.en)) return value.en;
  for (const v of Object.values(value)) if (text(v)) return v;
  return "";
}
