#include "api/CredentialPrototypeRoutes.h"

#include "api/Access.h"
#include "api/ApiInput.h"
#include "api/Paging.h"
#include "catalog/Catalog.h"
#include "catalog/CredentialCatalog.h"
#include "common/Exceptions.h"
#include "manifest/PrototypeCodec.h"

namespace MultiFlexi {

namespace {
OrderedJson prototypeApiJson(const CredentialPrototype& p) {
  OrderedJson j;
  j["id"] = p.id;
  const OrderedJson document = prototypeToJson(p);  // outlives the loop (a temporary's items() would not)
  for (auto it = document.begin(); it != document.end(); ++it) j[it.key()] = *it;
  return j;
}

ApiResponse listPrototypes(Catalog& catalog, const ApiRequest& request) {
  callerOf(request);
  const Page page = pageOf(request, {{"code", "code"}});
  if (page.order && page.order->descending)
    throw ValidationException("order", "credential prototypes are listed by ascending code only (use code)");
  ApiResponse response;
  response.body = OrderedJson::object();
  // Prototypes are a few dozen at most: the store lists them all, by code.
  int64_t index = 0;
  for (const CredentialPrototype& p : catalog.credentials().prototypes().list()) {
    if (index++ < page.offset) continue;
    if (static_cast<int64_t>(response.body.size()) >= page.limit) break;
    response.body[std::to_string(p.id)] = prototypeApiJson(p);
  }
  return response;
}

ApiResponse getPrototype(Catalog& catalog, const ApiRequest& request) {
  callerOf(request);
  PrototypeKey key;
  key.id = pathId(request, "credentialPrototypeId");
  ApiResponse response;
  response.body = prototypeApiJson(catalog.credentials().prototype(key));
  return response;
}
}  // namespace

std::vector<ApiRoute> credentialPrototypeRoutes() {
  return {
      {"GET", "/credential_prototypes", true, true, "List credential prototypes (keyed by id)", listPrototypes},
      {"GET", "/credential_prototype/{credentialPrototypeId}", true, true, "One credential prototype", getPrototype},
  };
}

}  // namespace MultiFlexi
