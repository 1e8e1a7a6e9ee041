// Calendar arithmetic for China Standard Time. Pure integer arithmetic on purpose: localtime/mktime would use the
// machine's or browser's zone and shift days for anyone outside UTC+8.
#include "core/time_util.h"

#include <cstdio>

namespace gridstar
{

namespace
{

// Floor division, so instants before 1970 still land on the right day.
int64_t FloorDiv(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
    {
        --q;
    }
    return q;
}

// Reads exactly `count` ASCII digits at `pos`; false if any is missing or not a digit.
bool ReadDigits(std::string_view text, size_t pos, size_t count, int* out)
{
    if (pos + count > text.size())
    {
        return false;
    }
    int value = 0;
    for (size_t i = 0; i < count; ++i)
    {
        char c = text[pos + i];
        if (c < '0' || c > '9')
        {
            return false;
        }
        value = value * 10 + (c - '0');
    }
    *out = value;
    return true;
}

bool IsLeapYear(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

} // namespace

// Howard Hinnant's days_from_civil: exact over the whole int range, no tables, no library time functions.
int64_t DaysFromCivil(const CivilDate& d)
{
    int64_t y = static_cast<int64_t>(d.year) - (d.month <= 2 ? 1 : 0);
    const int64_t era = FloorDiv(y, 400);
    const int64_t yoe = y - era * 400;                                              // [0, 399]
    const int64_t mp = (d.month + 9) % 12;                                          // March = 0
    const int64_t doy = (153 * mp + 2) / 5 + d.day - 1;                             // [0, 365]
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                      // [0, 146096]
    return era * 146097 + doe - 719468;
}

CivilDate CivilFromDays(int64_t days)
{
    days += 719468;
    const int64_t era = FloorDiv(days, 146097);
    const int64_t doe = days - era * 146097;                                        // [0, 146096]
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;      // [0, 399]
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                    // [0, 365]
    const int64_t mp = (5 * doy + 2) / 153;                                         // [0, 11]
    CivilDate out;
    out.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    out.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    out.year = static_cast<int>(yoe + era * 400 + (out.month <= 2 ? 1 : 0));
    return out;
}

bool IsValidDate(int year, int month, int day)
{
    static const int kDaysIn[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1)
    {
        return false;
    }
    int limit = kDaysIn[month - 1] + ((month == 2 && IsLeapYear(year)) ? 1 : 0);
    return day <= limit;
}

int WeekdayFromDays(int64_t days)
{
    // 1970-01-01 was a Thursday (4).
    int64_t w = (days + 4) % 7;
    return static_cast<int>(w < 0 ? w + 7 : w);
}

bool ParseDate(std::string_view text, int64_t* days_out)
{
    int y = 0;
    int m = 0;
    int d = 0;
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
    {
        return false;
    }
    if (!ReadDigits(text, 0, 4, &y) || !ReadDigits(text, 5, 2, &m) || !ReadDigits(text, 8, 2, &d))
    {
        return false;
    }
    if (!IsValidDate(y, m, d))
    {
        return false;
    }
    if (days_out != nullptr)
    {
        *days_out = DaysFromCivil(CivilDate{y, m, d});
    }
    return true;
}

bool ParseDateTime(std::string_view text, TimeSec* utc_out)
{
    int64_t days = 0;
    if (text.size() < 10 || !ParseDate(text.substr(0, 10), &days))
    {
        return false;
    }
    int hour = 0;
    int minute = 0;
    int second = 0;
    int64_t offset_sec = kCstOffsetSec; // no offset = CST
    size_t pos = 10;
    if (pos < text.size())
    {
        // A bare date takes no offset: "2024-03-05Z" is not in the format.
        if (text[pos] != 'T' && text[pos] != ' ')
        {
            return false;
        }
        ++pos;
        if (!ReadDigits(text, pos, 2, &hour) || pos + 2 >= text.size() || text[pos + 2] != ':' ||
            !ReadDigits(text, pos + 3, 2, &minute))
        {
            return false;
        }
        pos += 5;
        if (pos < text.size() && text[pos] == ':')
        {
            if (!ReadDigits(text, pos + 1, 2, &second))
            {
                return false;
            }
            pos += 3;
            // Fractional seconds (JavaScript's toISOString writes ".000") are dropped: times are whole seconds.
            if (pos < text.size() && text[pos] == '.')
            {
                size_t digits = 0;
                while (pos + 1 + digits < text.size() && text[pos + 1 + digits] >= '0' && text[pos + 1 + digits] <= '9')
                {
                    ++digits;
                }
                if (digits == 0 || digits > 9)
                {
                    return false;
                }
                pos += 1 + digits;
            }
        }
        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        if (pos < text.size())
        {
            char c = text[pos];
            if (c == 'Z' || c == 'z')
            {
                offset_sec = 0;
                ++pos;
            }
            else if (c == '+' || c == '-')
            {
                int oh = 0;
                int om = 0;
                if (!ReadDigits(text, pos + 1, 2, &oh) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
                    !ReadDigits(text, pos + 4, 2, &om))
                {
                    return false;
                }
                if (oh > 23 || om > 59)
                {
                    return false;
                }
                offset_sec = (static_cast<int64_t>(oh) * 3600 + om * 60) * (c == '-' ? -1 : 1);
                pos += 6;
            }
            else
            {
                return false;
            }
        }
        if (pos != text.size())
        {
            return false;
        }
    }
    if (utc_out != nullptr)
    {
        *utc_out = days * 86400 + hour * 3600 + minute * 60 + second - offset_sec;
    }
    return true;
}

CivilDateTime CstFromUtc(TimeSec utc)
{
    const int64_t local = utc + kCstOffsetSec;
    const int64_t days = FloorDiv(local, 86400);
    const int64_t sod = local - days * 86400;
    CivilDateTime out;
    out.date = CivilFromDays(days);
    out.hour = static_cast<int>(sod / 3600);
    out.minute = static_cast<int>((sod / 60) % 60);
    out.second = static_cast<int>(sod % 60);
    return out;
}

TimeSec UtcFromCst(const CivilDateTime& cst)
{
    return DaysFromCivil(cst.date) * 86400 + cst.hour * 3600 + cst.minute * 60 + cst.second - kCstOffsetSec;
}

int64_t CstDayOf(TimeSec utc)
{
    return FloorDiv(utc + kCstOffsetSec, 86400);
}

std::string FormatIsoCst(TimeSec utc)
{
    CivilDateTime c = CstFromUtc(utc);
    char buf[48];
    std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d+08:00", c.date.year, c.date.month, c.date.day,
                  c.hour, c.minute, c.second);
    return buf;
}

std::string FormatDate(const CivilDate& d)
{
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

} // namespace gridstar
