// Writing the model back as `gridstar/1` JSON: the "export the whole dataset" action, and the other half of
// the load -> save -> load round trip.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/model.h"

namespace gridstar
{

nlohmann::json DatasetToJson(const Dataset& ds);
std::string DatasetToJsonText(const Dataset& ds); // minified UTF-8

} // namespace gridstar
