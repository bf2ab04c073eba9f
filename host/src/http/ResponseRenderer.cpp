#include "http/ResponseRenderer.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>

namespace MultiFlexi {

namespace {

std::string validUtf8(const std::string& text);

std::string scalarText(const OrderedJson& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "";
  return jsonText(value);
}

void emitYaml(YAML::Emitter& out, const OrderedJson& value) {
  if (value.is_object()) {
    out << YAML::BeginMap;
    for (const auto& [key, member] : value.items()) {
      out << YAML::Key << validUtf8(key) << YAML::Value;
      emitYaml(out, member);
    }
    out << YAML::EndMap;
  } else if (value.is_array()) {
    out << YAML::BeginSeq;
    for (const auto& item : value) emitYaml(out, item);
    out << YAML::EndSeq;
  } else if (value.is_string()) {
    out << YAML::DoubleQuoted << validUtf8(value.get<std::string>());
  } else if (value.is_null()) {
    out << YAML::Null;
  } else {
    out << jsonText(value);  // numbers and booleans as JSON writes them
  }
}

/// An XML name we can use as an element name as is.
bool isXmlName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  if (!(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) return false;
  if (name.size() >= 3 && (name[0] | 0x20) == 'x' && (name[1] | 0x20) == 'm' && (name[2] | 0x20) == 'l') return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) return false;
  return true;
}

void writeXml(std::string& out, const std::string& key, bool named, const OrderedJson& value) {
  const std::string open = named && isXmlName(key) ? key : "item";
  const std::string close = open;
  out += "<" + open;
  if (named && !isXmlName(key)) out += " key=\"" + escapeMarkup(key) + "\"";
  if (value.is_null()) {
    out += "/>";
    return;
  }
  out += ">";
  if (value.is_object()) {
    for (const auto& [k, member] : value.items()) writeXml(out, k, true, member);
  } else if (value.is_array()) {
    for (const auto& item : value) writeXml(out, "item", false, item);
  } else {
    out += escapeMarkup(scalarText(value));
  }
  out += "</" + close + ">";
}

void writeHtml(std::string& out, const OrderedJson& value) {
  if (value.is_object()) {
    out += "<table>";
    for (const auto& [key, member] : value.items()) {
      out += "<tr><th>" + escapeMarkup(key) + "</th><td>";
      writeHtml(out, member);
      out += "</td></tr>";
    }
    out += "</table>";
  } else if (value.is_array()) {
    bool records = !value.empty();
    for (const auto& item : value) records = records && item.is_object();
    if (!records) {
      out += "<ol>";
      for (const auto& item : value) {
        out += "<li>";
        writeHtml(out, item);
        out += "</li>";
      }
      out += "</ol>";
      return;
    }
    std::vector<std::string> columns;  // every member name, in order of first use
    for (const auto& item : value)
      for (const auto& [key, member] : item.items())
        if (std::find(columns.begin(), columns.end(), key) == columns.end()) columns.push_back(key);
    out += "<table><tr>";
    for (const auto& c : columns) out += "<th>" + escapeMarkup(c) + "</th>";
    out += "</tr>";
    for (const auto& item : value) {
      out += "<tr>";
      for (const auto& c : columns) {
        out += "<td>";
        if (item.contains(c)) writeHtml(out, item[c]);
        out += "</td>";
      }
      out += "</tr>";
    }
    out += "</table>";
  } else {
    out += escapeMarkup(scalarText(value));
  }
}

/// Replaces bytes that are not UTF-8 (what the JSON writer does too).
std::string validUtf8(const std::string& text) {
  const std::string quoted = OrderedJson(text).dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
  return OrderedJson::parse(quoted).get<std::string>();
}

}  // namespace

std::string jsonText(const OrderedJson& document) {
  return document.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
}

std::string escapeMarkup(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : validUtf8(std::string(text))) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;  // not in XML 1.0
        out += c;
    }
  }
  return out;
}

RenderedBody renderDocument(const OrderedJson& document, ResponseFormat format,
                            const std::vector<std::pair<std::string, std::string>>& links) {
  switch (format) {
    case ResponseFormat::Yaml: {
      YAML::Emitter out;
      out.SetOutputCharset(YAML::EscapeNonAscii);
      emitYaml(out, document);
      return {"application/yaml", std::string(out.c_str()) + "\n"};
    }
    case ResponseFormat::Xml: {
      std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
      writeXml(out, "response", true, document);
      return {"application/xml", out + "\n"};
    }
    case ResponseFormat::Html: {
      std::string out = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>MultiFlexi</title></head><body>";
      if (!links.empty()) {
        out += "<p>";
        for (const auto& [label, href] : links)
          out += "<a href=\"" + escapeMarkup(href) + "\">" + escapeMarkup(label) + "</a> ";
        out += "</p>";
      }
      writeHtml(out, document);
      return {"text/html; charset=utf-8", out + "</body></html>\n"};
    }
    case ResponseFormat::Json:
      break;
  }
  return {"application/json", jsonText(document)};
}

}  // namespace MultiFlexi
