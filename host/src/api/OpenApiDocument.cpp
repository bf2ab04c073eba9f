#include "api/OpenApiDocument.h"

#include <cctype>

namespace MultiFlexi {

namespace {
// The {name}s of a path template, in order.
std::vector<std::string> parametersOf(const std::string& path) {
  std::vector<std::string> names;
  for (std::size_t open = path.find('{'); open != std::string::npos; open = path.find('{', open + 1)) {
    const std::size_t close = path.find('}', open);
    if (close == std::string::npos) break;
    names.push_back(path.substr(open + 1, close - open - 1));
  }
  return names;
}

std::string operationId(const std::string& method, const std::string& path) {
  std::string id;
  for (char c : method) id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  bool upper = true;
  for (char c : path) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      id += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      upper = false;
    } else {
      upper = true;
    }
  }
  return id;
}

OrderedJson errorResponse(const char* description) {
  return {{"description", description},
          {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
}
}  // namespace

OrderedJson openApiDocument(const std::vector<ApiRoute>& routes) {
  OrderedJson doc;
  doc["openapi"] = "3.0.3";
  doc["info"] = {{"title", "MultiFlexi C++ REST API"},
                 {"version", "1.0.0"},
                 {"description", "MultiFlexi's API (VitexSoftware/MultiFlexi 1.0.0) as this host serves it."}};
  doc["servers"] = OrderedJson::array({{{"url", kApiBasePath}}});
  doc["paths"] = OrderedJson::object();
  for (const ApiRoute& route : routes) {
    const std::string path = route.path + (route.suffix ? ".{suffix}" : "");
    OrderedJson op;
    op["summary"] = route.summary;
    op["operationId"] = operationId(route.method, route.path);
    op["parameters"] = OrderedJson::array();
    for (const std::string& name : parametersOf(route.path)) {
      const bool id = name.size() > 2 && (name.compare(name.size() - 2, 2, "Id") == 0 ||
                                          name.compare(name.size() - 2, 2, "ID") == 0);
      op["parameters"].push_back({{"name", name},
                                  {"in", "path"},
                                  {"required", true},
                                  {"schema", id ? OrderedJson{{"type", "integer"}, {"format", "int64"}, {"minimum", 1}}
                                                : OrderedJson{{"type", "string"}}}});
    }
    if (route.suffix)
      op["parameters"].push_back({{"name", "suffix"},
                                  {"in", "path"},
                                  {"required", true},
                                  {"description", "the answer's format"},
                                  {"schema", {{"type", "string"}, {"enum", {"json", "xml", "yaml", "html"}}}}});
    op["responses"] = {{"200", {{"description", "success"}}},
                       {"400", errorResponse("bad input: the field and the reason")},
                       {"404", errorResponse("no such record (or one of a company the caller does not see)")}};
    if (route.authenticated) {
      op["responses"]["401"] = errorResponse("no or bad credentials");
      op["responses"]["403"] = errorResponse("the caller's role does not allow it");
      op["security"] = OrderedJson::array({{{"basicAuth", OrderedJson::array()}}, {{"bearerAuth", OrderedJson::array()}}});
    } else {
      op["security"] = OrderedJson::array();
    }
    std::string method = route.method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    doc["paths"][path][method] = op;
  }
  doc["components"]["securitySchemes"] = {{"basicAuth", {{"type", "http"}, {"scheme", "basic"}}},
                                          {"bearerAuth", {{"type", "http"}, {"scheme", "bearer"}}}};
  doc["components"]["schemas"]["Error"] = {
      {"type", "object"},
      {"required", {"code", "message"}},
      {"properties",
       {{"code", {{"type", "string"}, {"description", "the kind of error (validation, not_found ...)"}}},
        {"field", {{"type", "string"}, {"description", "the input at fault, when one is"}}},
        {"message", {{"type", "string"}}}}}};
  return doc;
}

ApiRoute openApiRoute(std::function<const std::vector<ApiRoute>&()> routes) {
  return {"GET", "/openapi.json", false, false, "This API's OpenAPI 3.0 document",
          [routes](Catalog&, const ApiRequest&) {
            ApiResponse response;
            response.body = openApiDocument(routes());
            return response;
          }};
}

}  // namespace MultiFlexi
