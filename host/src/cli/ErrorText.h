// How the command line shows an error: a field error as "--field: reason"
// (one line per field), anything else as its message.
#pragma once

#include <exception>
#include <string>

namespace MultiFlexi {

/// The option that sets `field`: "slug" -> "--slug", a credential's
/// "fields.TOKEN" -> "--field TOKEN".
std::string optionOfField(const std::string& field);

/// The text the CLI prints for `e` after "multiflexi: " (control
/// characters not yet escaped).
std::string errorText(const std::exception& e);

}  // namespace MultiFlexi
