// Timeline activities leaving the app as CSV, for the spreadsheet an official keeps next to the slide: exactly the
// activities the timeline counts (passing the filter, starting in the visible range), so the file's row count and
// sums agree with the summary bar on screen.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/model.h"

namespace gridstar
{

// UTF-8 with a BOM, CRLF, RFC 4180 quoting, formula-safe text (see core/csv.h). Columns: id, title, category,
// team, street, community, grid, start, end (China Standard Time, "2024-03-05 09:00"), participants, hours,
// beneficiary. `activities` index Dataset::activities; out-of-range indices are skipped.
std::string ActivitiesToCsv(const std::vector<int32_t>& activities, const Dataset& ds, bool english);

// "activities-2024-01-01_2024-12-31.csv": the CST days of [t0, t1) (t1 exclusive, so the last day is t1 - 1 s).
std::string ActivitiesCsvFileName(TimeSec t0, TimeSec t1);

// "2024-03-05 09:00" in China Standard Time (seconds shown only when not zero).
std::string FormatCstMinutes(TimeSec utc);

} // namespace gridstar
