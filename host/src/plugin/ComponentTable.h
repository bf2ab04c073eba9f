// The components of one kind that loaded plugins registered (executors,
// credential types, monitors), by id: registration with the duplicate-id
// rule, lookup, listing, and the message naming what exists when an id is
// unknown. One table per kind in PluginRegistry (the shape of Envoy's
// FactoryRegistry<T>).
//
// Threads: filled on the main thread while plugins load; read-only after.
#pragma once

#include "common/Exceptions.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace MultiFlexi {

template <class T>
class ComponentTable {
 public:
  /// `kind` names the components in messages ("executor", "credential type").
  explicit ComponentTable(std::string kind) : _kind(std::move(kind)) {}

  /// Registers `component` under `id`, owned by `owner` ("<plugin id>
  /// (<path>)"). An id is registered once: a second one is refused (false,
  /// the first stays; the loader refuses such plugins before this, through
  /// ownerOf()).
  bool add(const std::string& id, std::unique_ptr<T> component, std::string owner) {
    return _entries.emplace(id, Entry{std::move(component), std::move(owner)}).second;
  }

  /// Who registered `id`; nothing when no component has that id.
  std::optional<std::string> ownerOf(const std::string& id) const {
    auto it = _entries.find(id);
    if (it == _entries.end()) return std::nullopt;
    return it->second.owner;
  }

  /// The component `id`, or null.
  const T* find(const std::string& id) const {
    auto it = _entries.find(id);
    return it == _entries.end() ? nullptr : it->second.component.get();
  }

  /// The component `id`. Throws UnknownComponentException "no <kind> 'id'
  /// is loaded (available: a, b)" ("none" when the table is empty).
  const T& get(const std::string& id) const {
    if (const T* component = find(id)) return *component;
    std::string known;
    for (const auto& [name, entry] : _entries) known += (known.empty() ? "" : ", ") + name;
    throw UnknownComponentException("no " + _kind + " '" + id + "' is loaded (available: " +
                                    (known.empty() ? std::string("none") : known) + ")");
  }

  /// Every component, by id.
  std::vector<const T*> list() const {
    std::vector<const T*> out;
    for (const auto& [id, entry] : _entries) out.push_back(entry.component.get());
    return out;
  }

  /// Every component, by id, for the registry's shutdown.
  std::vector<T*> mutableList() {
    std::vector<T*> out;
    for (auto& [id, entry] : _entries) out.push_back(entry.component.get());
    return out;
  }

  const std::string& kind() const { return _kind; }

 private:
  struct Entry {
    std::unique_ptr<T> component;
    std::string owner;
  };
  const std::string _kind;
  std::map<std::string, Entry> _entries;
};

}  // namespace MultiFlexi
