// Calendar arithmetic for China Standard Time (UTC+8), independent of the machine's or browser's time zone.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/model.h"

namespace gridstar
{

struct CivilDate
{
    int year = 1970;
    int month = 1; // 1..12
    int day = 1;   // 1..31
};

struct CivilDateTime
{
    CivilDate date;
    int hour = 0;   // 0..23
    int minute = 0; // 0..59
    int second = 0; // 0..59
};

// Days since 1970-01-01 of a proleptic Gregorian date, and back.
int64_t DaysFromCivil(const CivilDate& d);
CivilDate CivilFromDays(int64_t days);
bool IsValidDate(int year, int month, int day);
int WeekdayFromDays(int64_t days); // 0 = Sunday .. 6 = Saturday

// "YYYY-MM-DD" -> days since epoch (the CST calendar day). False if malformed or not a real date.
bool ParseDate(std::string_view text, int64_t* days_out);
// "YYYY-MM-DD", "YYYY-MM-DDTHH:MM", "YYYY-MM-DDTHH:MM:SS[.fff]" (a space may replace 'T'; fractions of a second
// are dropped), optional "Z" or "+HH:MM"/"-HH:MM".
// No offset means China Standard Time. A bare date means 00:00 CST. Writes UTC seconds.
bool ParseDateTime(std::string_view text, TimeSec* utc_out);

// The CST wall clock of a UTC instant.
CivilDateTime CstFromUtc(TimeSec utc);
TimeSec UtcFromCst(const CivilDateTime& cst);
// CST calendar day (days since epoch) of a UTC instant.
int64_t CstDayOf(TimeSec utc);

// "2024-03-05T09:00:00+08:00"
std::string FormatIsoCst(TimeSec utc);
// "2024-03-05"
std::string FormatDate(const CivilDate& d);

} // namespace gridstar
