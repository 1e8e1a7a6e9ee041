// Ranking results leaving the app: JSON for the JS API and CSV for spreadsheets.
// Pure functions of rows/explanations built by core/ranking.h; they never fail (bad indices become empty fields).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/csv.h"
#include "core/model.h"
#include "core/ranking.h"

namespace gridstar
{

// [{id, name, rank (null = unranked), delta, new, stars, top_title, total (null = none), reward, reward_community,
//   reward_secretary, status}]; reward = community + secretary, yuan; delta is signed (> 0 = moved up).
nlohmann::json RankingRowsToJson(const std::vector<RankingRow>& rows, const Competition& competition, bool english);

// Everything in the Explanation, indicators named by id and name; NaN numbers become null.
nlohmann::json ExplanationToJson(const Explanation& ex, const Dataset& ds);

struct CsvOptions
{
    bool english = false;         // English headers and status text (indicator names stay as in the data)
    bool include_secretary = true;
    bool mask_personal = true;    // secretary names as 张** (first character kept), for presentations
};

// The table as CSV: UTF-8 with a BOM (so Excel reads Chinese), CRLF line ends, RFC 4180 quoting. Columns: rank,
// movement, id, name, street, class, [secretary], stars, title, total, each indicator, bonus, deductions,
// reward community, reward secretary, status. Text starting with = + - @ gets a leading ' so spreadsheets do not
// run it as a formula.
std::string RankingRowsToCsv(const std::vector<RankingRow>& rows, const Dataset& ds, const CsvOptions& options);

} // namespace gridstar
