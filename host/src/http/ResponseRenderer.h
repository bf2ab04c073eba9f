// An API document rendered in the format a request asked for: JSON (the
// default), YAML (yaml-cpp), XML and HTML (a plain table with links to the
// other formats). Text that is not valid UTF-8 is replaced, never refused.
//
// XML is written by hand rather than through Poco::XML: the mapping from
// JSON (member names that are not XML names, arrays) is ours either way, and
// escaping five characters and dropping the control characters XML 1.0
// forbids is all the writing there is.
#pragma once

#include "common/Json.h"
#include "http/Router.h"

#include <string>
#include <utility>
#include <vector>

namespace MultiFlexi {

struct RenderedBody {
  std::string contentType;
  std::string text;
};

/// `links` (label, href) are shown on top of an HTML page; ignored otherwise.
RenderedBody renderDocument(const OrderedJson& document, ResponseFormat format,
                            const std::vector<std::pair<std::string, std::string>>& links = {});

/// JSON text that never throws on invalid UTF-8 (replaced by U+FFFD).
std::string jsonText(const OrderedJson& document);

/// `text` with &, <, >, " and ' as entities and XML-forbidden control characters dropped.
std::string escapeMarkup(std::string_view text);

}  // namespace MultiFlexi
