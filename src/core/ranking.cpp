// The 争星夺旗 rule engine. The decisions D1..D11 it implements are listed at the top of ranking.h.
// Sections (search for "// ---- "): scoring helpers, ComputeRanking, explanation, rows (BuildRows, RowStatusText,
// SortRows), what-if/trends/distribution.
#include "core/ranking.h"

#include "core/csv.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

namespace gridstar
{
namespace
{

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// D1: one integer per 1e-6 points, so equality and >= are exact and transitive (a sort needs both).
inline int64_t Quantize(double x)
{
    // Far beyond any real score; clamping keeps the conversion defined (and +inf = "no indicators" comparable).
    constexpr double kLimit = 4e12;
    if (std::isnan(x))
    {
        return 0; // callers test for NaN first; this only keeps the conversion defined
    }
    const double y = std::min(std::max(x, -kLimit), kLimit) * (1.0 / kScoreQuantum);
    // Round half away from zero by truncation: llround() is a libm call and dominated the profile.
    return int64_t(y + (y >= 0 ? 0.5 : -0.5));
}

// A double's bits as an integer that orders like the double (for finite values and infinities; -0 before +0).
inline int64_t OrderedBits(double x)
{
    int64_t b;
    std::memcpy(&b, &x, sizeof b);
    return b ^ ((b >> 63) & INT64_MAX);
}

inline double FromOrderedBits(int64_t o)
{
    const int64_t b = o ^ ((o >> 63) & INT64_MAX);
    double x;
    std::memcpy(&x, &b, sizeof x);
    return x;
}

inline bool AtLeast(double value, double threshold)
{
    return !std::isnan(value) && Quantize(value) >= Quantize(threshold);
}

struct CellScore
{
    double weighted_sum = 0;
    double bonus = 0;
    double deductions = 0;
    double late_penalty = 0;
    double total = 0;
    double min_raw = 0;
    uint16_t flags = 0;
    int16_t missing_first = -1;
    int16_t missing_count = 0;
};

// The one place a total is computed; Explain() calls it too (kLines = true), which is what makes it exact: both
// instantiations add the same products in the same order. The hot path (kLines = false) avoids per-indicator
// branches except for the rare missing value.
template <bool kLines>
CellScore ScoreCell(const ScoreEntry* entry, const std::vector<double>& weights, const std::vector<Indicator>& inds,
                    const RatingRules& rules, std::vector<IndicatorLine>* lines)
{
    CellScore s;
    const int32_t count = int32_t(inds.size());
    const bool zero_missing = rules.missing == MissingRule::Zero;
    const double missing_value = zero_missing ? 0.0 : kNaN;
    const int32_t given = entry ? int32_t(std::min(entry->values.size(), size_t(count))) : 0;
    const double* values = entry ? entry->values.data() : nullptr;
    const double* w = weights.data();
    // Four partial sums, one per k mod 4, added pairwise at the end: four independent chains of additions instead
    // of one, kept in locals by the unrolled loop. Both instantiations add in exactly this order.
    double part0 = 0, part1 = 0, part2 = 0, part3 = 0;
    double lowest = std::numeric_limits<double>::infinity(); // no indicators: every min_each holds vacuously
    int32_t missing_count = 0;
    if (kLines)
    {
        lines->resize(size_t(count));
    }
    auto part_of = [&](int32_t k) -> double& { // the partial sum indicator k adds to
        return (k & 3) == 0 ? part0 : (k & 3) == 1 ? part1 : (k & 3) == 2 ? part2 : part3;
    };
    auto add = [&](int32_t k, double raw, double& part) {
        const bool missing = !std::isfinite(raw);
        const double used = missing ? missing_value : raw;
        missing_count += missing;
        const double contribution = used * w[k];
        part += contribution;
        lowest = used < lowest ? used : lowest; // a NaN never wins here; handled after the loop
        if (kLines)
        {
            IndicatorLine& line = (*lines)[size_t(k)];
            line.indicator = k;
            line.raw = missing ? kNaN : raw;
            line.score = used;
            line.max = inds[size_t(k)].max;
            line.weight = w[k];
            line.contribution = contribution;
            line.missing = missing;
        }
    };
    int32_t k = 0;
    if (!kLines && given == count)
    {
        // The common case, every value present: no per-value test. A NaN or infinite value makes its partial sum
        // non-finite (NaN and inf propagate through * w and +), and then the general loop below starts over. When
        // all values are finite it adds the same products in the same order, so the result is the same either way.
        // The minimum is taken on the values' bits mapped to ordered integers: V8 turns a double compare-and-select
        // into a branch, which mispredicts on real scores, and an integer select into a conditional move.
        int64_t low = INT64_MAX;
        for (; k + 4 <= count; k += 4)
        {
            part0 += values[k] * w[k];
            part1 += values[k + 1] * w[k + 1];
            part2 += values[k + 2] * w[k + 2];
            part3 += values[k + 3] * w[k + 3];
            for (int32_t j = k; j < k + 4; ++j)
            {
                const int64_t o = OrderedBits(values[j]);
                low = o < low ? o : low;
            }
        }
        for (; k < count; ++k)
        {
            double& part = part_of(k);
            part += values[k] * w[k];
            const int64_t o = OrderedBits(values[k]);
            low = o < low ? o : low;
        }
        if (std::isfinite(part0) && std::isfinite(part1) && std::isfinite(part2) && std::isfinite(part3))
        {
            if (count > 0)
            {
                lowest = FromOrderedBits(low);
            }
        }
        else
        {
            part0 = part1 = part2 = part3 = 0;
            k = 0;
        }
    }
    for (; k + 4 <= given; k += 4)
    {
        add(k, values[k], part0);
        add(k + 1, values[k + 1], part1);
        add(k + 2, values[k + 2], part2);
        add(k + 3, values[k + 3], part3);
    }
    for (; k < count; ++k)
    {
        const double raw = k < given ? values[k] : kNaN; // indicators beyond the entry's values are missing
        double& part = part_of(k);
        add(k, raw, part);
    }
    const double weighted = (part0 + part1) + (part2 + part3);
    if (missing_count > 0)
    {
        s.missing_count = int16_t(std::min<int32_t>(missing_count, INT16_MAX));
        for (int32_t k = 0; k < count; ++k)
        {
            if (k >= given || !std::isfinite(values[k]))
            {
                s.missing_first = int16_t(k);
                break;
            }
        }
    }
    if (s.missing_count > 0 && !zero_missing)
    {
        lowest = kNaN;
    }
    if (!entry)
    {
        s.flags |= kRankNoEntry;
    }
    if (s.missing_count > 0)
    {
        s.flags |= kRankMissing;
    }
    if (entry)
    {
        for (const PointItem& item : entry->bonus)
        {
            s.bonus += item.points;
        }
        for (const PointItem& item : entry->deductions)
        {
            s.deductions += item.points;
        }
        if (entry->late)
        {
            s.flags |= kRankLate;
            if (rules.late == LateRule::Penalty)
            {
                s.late_penalty = rules.late_penalty;
                s.flags |= kRankLatePenalized;
            }
        }
        if (entry->disqualified)
        {
            s.flags |= kRankDisqualified;
        }
    }
    s.weighted_sum = weighted;
    s.min_raw = lowest + 0.0; // -0 as 0, whichever loop found it
    s.total = weighted + s.bonus - s.deductions - s.late_penalty;
    return s;
}

// D5/D4/D3: whether a scored cell may be ranked; sets the exclusion flags.
bool Rankable(int32_t cls, const RatingRules& rules, uint16_t* flags)
{
    if (cls < 0)
    {
        *flags |= kRankNoClass;
        return false;
    }
    if (*flags & kRankDisqualified)
    {
        return false;
    }
    if ((*flags & kRankLate) && rules.late == LateRule::Exclude)
    {
        *flags |= kRankLateExcluded;
        return false;
    }
    if ((*flags & kRankMissing) && rules.missing == MissingRule::Exclude)
    {
        *flags |= kRankMissingExcluded;
        return false;
    }
    return true;
}

struct RewardParts
{
    double rank_community = 0;
    double rank_secretary = 0;
    double star_community = 0;
    double star_secretary = 0;
};

RewardParts RewardFor(const RatingRules& rules, int32_t rank, int stars)
{
    RewardParts r;
    if (rank <= 0)
    {
        return r;
    }
    for (const RewardBand& band : rules.rewards)
    {
        if (band.rank_from <= rank && rank <= band.rank_to)
        {
            r.rank_community = band.community;
            r.rank_secretary = band.secretary;
            break;
        }
    }
    for (const StarReward& sr : rules.star_rewards)
    {
        if (sr.stars == stars)
        {
            r.star_community = sr.community;
            r.star_secretary = sr.secretary;
            break;
        }
    }
    return r;
}

struct SortKey
{
    int64_t total = 0;
    int64_t min_raw = 0;
    int64_t deductions = 0;
    const std::string* id = nullptr;
    int32_t unit = 0;
};

// < 0 when a ranks before b under the total and the listed tie-breaks; 0 when they share a rank (D7).
int CompareCriteria(const SortKey& a, const SortKey& b, const std::vector<TieBreak>& tie_break)
{
    if (a.total != b.total)
    {
        return a.total > b.total ? -1 : 1;
    }
    for (TieBreak tb : tie_break)
    {
        switch (tb)
        {
        case TieBreak::MinIndicator:
            if (a.min_raw != b.min_raw)
            {
                return a.min_raw > b.min_raw ? -1 : 1;
            }
            break;
        case TieBreak::FewerDeductions:
            if (a.deductions != b.deductions)
            {
                return a.deductions < b.deductions ? -1 : 1;
            }
            break;
        case TieBreak::Id:
        {
            const int c = a.id->compare(*b.id);
            if (c != 0)
            {
                return c < 0 ? -1 : 1;
            }
            break;
        }
        }
    }
    return 0;
}

// Total descending, then dataset order: a stable LSD radix sort of (max total - total) on 8-bit digits, with the
// position in the slice carried in the low 24 bits. One pass over the keys builds every digit's histogram, and a
// digit all keys share is skipped, so a class whose totals span 10^9 micro-points (1,000 points) takes four passes.
// That is about four times faster than std::sort on the packed integers in wasm. Slices of 2^24 units or more, or
// totals spanning 2^40 micro-points, fall back to a comparison sort.
void SortByTotal(SortKey* first, SortKey* last, std::vector<uint64_t>* packed, std::vector<SortKey>* scratch)
{
    constexpr int kPosBits = 24;
    constexpr int kDigitBits = 8;
    constexpr int kDigits = 5; // 40 bits of total
    const size_t size = size_t(last - first);
    if (size < 2)
    {
        return;
    }
    int64_t hi = first->total, lo = first->total;
    for (const SortKey* k = first + 1; k < last; ++k)
    {
        hi = std::max(hi, k->total);
        lo = std::min(lo, k->total);
    }
    if (size >= (size_t(1) << kPosBits) || uint64_t(hi - lo) >= (uint64_t(1) << (kDigitBits * kDigits)))
    {
        std::sort(first, last, [](const SortKey& a, const SortKey& b) {
            return a.total != b.total ? a.total > b.total : a.unit < b.unit;
        });
        return;
    }
    packed->resize(2 * size);
    uint64_t* a = packed->data();
    uint64_t* b = a + size;
    uint32_t count[kDigits][1 << kDigitBits] = {};
    for (size_t i = 0; i < size; ++i)
    {
        const uint64_t key = uint64_t(hi - first[i].total);
        a[i] = (key << kPosBits) | uint64_t(i);
        for (int d = 0; d < kDigits; ++d)
        {
            ++count[d][(key >> (d * kDigitBits)) & 0xFF];
        }
    }
    for (int d = 0; d < kDigits; ++d)
    {
        uint32_t* c = count[d];
        const int shift = kPosBits + d * kDigitBits;
        if (c[(a[0] >> shift) & 0xFF] == size)
        {
            continue; // every key has this digit
        }
        uint32_t sum = 0;
        for (int v = 0; v < (1 << kDigitBits); ++v)
        {
            const uint32_t n = c[v];
            c[v] = sum;
            sum += n;
        }
        for (size_t i = 0; i < size; ++i)
        {
            b[c[(a[i] >> shift) & 0xFF]++] = a[i];
        }
        std::swap(a, b);
    }
    scratch->assign(first, last);
    constexpr uint64_t kPosMask = (uint64_t(1) << kPosBits) - 1;
    for (size_t i = 0; i < size; ++i)
    {
        first[i] = (*scratch)[size_t(a[i] & kPosMask)];
    }
}

struct StarLevel
{
    int stars = 0;
    int64_t min_each = 0;
    int64_t min_total = 0;
};

const std::vector<double>& EffectiveWeights(const Competition& c, const std::vector<double>& weights,
                                            std::vector<double>* out)
{
    out->resize(c.indicators.size());
    for (size_t k = 0; k < c.indicators.size(); ++k)
    {
        const bool given = k < weights.size() && std::isfinite(weights[k]);
        (*out)[k] = given ? weights[k] : c.indicators[k].weight;
    }
    return *out;
}

} // namespace

int32_t ClassOfCommunity(const Competition& competition, const Community& community)
{
    const std::vector<CompetitionClass>& classes = competition.classes;
    if (!community.class_id.empty())
    {
        for (size_t i = 0; i < classes.size(); ++i)
        {
            if (classes[i].id == community.class_id)
            {
                return int32_t(i);
            }
        }
        return -1; // D2: a named but unknown class is no class, not a fallback by kind
    }
    for (size_t i = 0; i < classes.size(); ++i)
    {
        for (CommunityKind kind : classes[i].kinds)
        {
            if (kind == community.kind)
            {
                return int32_t(i);
            }
        }
    }
    return -1;
}

namespace
{

// What every phase of one ComputeRanking call reads.
struct RankPass
{
    const Dataset& ds;
    const RatingRules& rules;
    const std::vector<StarLevel>& levels;
    bool has_title;
    int64_t title_each;
    int64_t title_total;
};

// Scores every unit of period p and counts the rankable ones per class into (*offsets)[class + 1].
__attribute__((noinline)) void ScorePeriod(const RankPass& pass, RankingResult& r, int32_t p,
                                           std::vector<int32_t>* offsets)
{
    const Competition& comp = pass.ds.competition;
    std::fill(offsets->begin(), offsets->end(), 0);
    int32_t* count = offsets->data() + 1;
    const int32_t n = r.unit_count;
    for (int32_t u = 0; u < n; ++u)
    {
        const size_t cell = r.Cell(p, u);
        const int32_t ei = r.entry[cell];
        const CellScore s = ScoreCell<false>(ei >= 0 ? &comp.scores[size_t(ei)] : nullptr, r.weights,
                                             comp.indicators, pass.rules, nullptr);
        uint16_t flags = s.flags;
        const int32_t cls = r.unit_class[size_t(u)];
        if (Rankable(cls, pass.rules, &flags))
        {
            ++count[cls];
        }
        r.total[cell] = s.total;
        r.bonus[cell] = s.bonus;
        r.deductions[cell] = s.deductions;
        r.min_raw[cell] = s.min_raw;
        r.flags[cell] = flags;
        r.missing_first[cell] = s.missing_first;
        r.missing_count[cell] = s.missing_count;
    }
}

// Buckets the rankable units of period p by class (a counting sort keeps it linear): offsets become the slices'
// starts, and keys hold the quantized sort criteria.
__attribute__((noinline)) void FillKeys(const RankPass& pass, const RankingResult& r, int32_t p,
                                        std::vector<int32_t>& offsets, std::vector<SortKey>* keys)
{
    const int32_t classes = r.class_count;
    std::vector<int32_t> fill(size_t(classes), 0);
    for (int32_t c = 0; c < classes; ++c)
    {
        offsets[size_t(c) + 1] += offsets[size_t(c)];
        fill[size_t(c)] = offsets[size_t(c)];
    }
    keys->resize(size_t(offsets[size_t(classes)]));
    const int32_t n = r.unit_count;
    for (int32_t u = 0; u < n; ++u)
    {
        const size_t cell = r.Cell(p, u);
        const uint16_t flags = r.flags[cell];
        const int32_t cls = r.unit_class[size_t(u)];
        if (cls < 0 || (flags & (kRankDisqualified | kRankLateExcluded | kRankMissingExcluded)))
        {
            continue;
        }
        SortKey& k = (*keys)[size_t(fill[size_t(cls)]++)];
        k.total = Quantize(r.total[cell]);
        k.min_raw = Quantize(r.min_raw[cell]);
        k.deductions = Quantize(r.deductions[cell]);
        k.id = &pass.ds.communities[size_t(u)].id;
        k.unit = u;
    }
}

// Most units differ in total, so sort on the total alone, then apply the tie-breaks only within runs of equal
// totals. Units sharing a rank keep dataset order, which only affects storage order, never ranks.
__attribute__((noinline)) void SortSlice(const RankPass& pass, SortKey* first, SortKey* last,
                                         std::vector<uint64_t>* packed, std::vector<SortKey>* scratch)
{
    SortByTotal(first, last, packed, scratch);
    const std::vector<TieBreak>& tie_break = pass.rules.tie_break;
    if (tie_break.empty())
    {
        return;
    }
    for (SortKey* run = first; run < last;)
    {
        SortKey* end = run + 1;
        while (end < last && end->total == run->total)
        {
            ++end;
        }
        if (end - run > 1)
        {
            std::sort(run, end, [&](const SortKey& a, const SortKey& b) {
                const int cmp = CompareCriteria(a, b, tie_break);
                return cmp != 0 ? cmp < 0 : a.unit < b.unit;
            });
        }
        run = end;
    }
}

// Ranks, stars, the top title and rewards for one sorted class slice of period p.
__attribute__((noinline)) void RankSlice(const RankPass& pass, RankingResult& r, int32_t p, int32_t c,
                                         const SortKey* first, const SortKey* last, PeriodBudget* budget)
{
    const RatingRules& rules = pass.rules;
    const int32_t size = int32_t(last - first);
    const size_t cc = r.ClassCell(p, c);
    r.class_size[cc] = size;
    int32_t quota = 0;
    if (pass.has_title && size > 0)
    {
        // D8; the epsilon keeps 10% of 30 at 3 despite 0.1 not being exact in binary.
        quota = std::max(1, int32_t(std::floor(rules.top_title.quota_pct * size / 100.0 + 1e-9)));
    }
    r.title_quota[cc] = quota;
    int32_t awarded = 0;
    bool title_open = pass.has_title;
    int32_t rank = 0;
    for (int32_t i = 0; i < size; ++i)
    {
        if (i == 0 || CompareCriteria(first[i - 1], first[i], rules.tie_break) != 0)
        {
            rank = i + 1;
        }
        const SortKey& k = first[i];
        const size_t cell = r.Cell(p, k.unit);
        int stars = 0;
        for (const StarLevel& lv : pass.levels)
        {
            if (k.min_raw >= lv.min_each && k.total >= lv.min_total)
            {
                stars = lv.stars;
                break;
            }
        }
        r.rank[cell] = rank;
        r.stars[cell] = int8_t(stars);
        uint16_t flags = uint16_t(r.flags[cell] | kRankRanked);
        ++r.star_counts[cc * 7 + size_t(stars)];

        // Top title: decide per group of equal rank, at the group's first member (D8).
        if (title_open && (i == 0 || rank == i + 1))
        {
            int32_t eligible = 0;
            for (int32_t j = i; j < size && (j == i || CompareCriteria(first[i], first[j], rules.tie_break) == 0);
                 ++j)
            {
                eligible += first[j].min_raw >= pass.title_each && first[j].total >= pass.title_total;
            }
            if (awarded + eligible > quota)
            {
                title_open = false;
            }
            else
            {
                awarded += eligible;
            }
        }
        const bool eligible = pass.has_title && k.min_raw >= pass.title_each && k.total >= pass.title_total;
        if (eligible)
        {
            flags |= title_open ? kRankTopTitle : kRankTitleOverQuota;
        }
        r.flags[cell] = flags;

        const RewardParts parts = RewardFor(rules, rank, stars);
        r.reward_community[cell] = parts.rank_community + parts.star_community;
        r.reward_secretary[cell] = parts.rank_secretary + parts.star_secretary;
        budget->community += r.reward_community[cell];
        budget->secretary += r.reward_secretary[cell];
    }
    r.star_counts[cc * 7 + 6] = r.class_members[size_t(c)] - size;
}

} // namespace

void ComputeRanking(const Dataset& ds, RankingResult* out)
{
    std::vector<double> weights;
    for (const Indicator& ind : ds.competition.indicators)
    {
        weights.push_back(ind.weight);
    }
    ComputeRanking(ds, ds.competition.rules, weights, out);
}

void ComputeRanking(const Dataset& ds, const RatingRules& rules, const std::vector<double>& weights,
                    RankingResult* out)
{
    const Competition& comp = ds.competition;
    RankingResult& r = *out;
    const int32_t n = int32_t(ds.communities.size());
    const int32_t periods = int32_t(comp.periods.size());
    const int32_t classes = int32_t(comp.classes.size());
    r.unit_count = n;
    r.period_count = periods;
    r.indicator_count = int32_t(comp.indicators.size());
    r.class_count = classes;
    r.rules = rules;
    EffectiveWeights(comp, weights, &r.weights);

    r.unit_class.assign(size_t(n), -1);
    r.class_members.assign(size_t(classes), 0);
    for (int32_t u = 0; u < n; ++u)
    {
        const int32_t cls = ClassOfCommunity(comp, ds.communities[size_t(u)]);
        r.unit_class[size_t(u)] = cls;
        if (cls >= 0)
        {
            ++r.class_members[size_t(cls)];
        }
    }

    const size_t cells = size_t(n) * size_t(periods);
    r.entry.assign(cells, -1);
    for (size_t i = 0; i < comp.scores.size(); ++i)
    {
        const ScoreEntry& e = comp.scores[i];
        if (e.period < 0 || e.period >= periods || e.community < 0 || e.community >= n)
        {
            continue;
        }
        int32_t& slot = r.entry[r.Cell(e.period, e.community)];
        if (slot < 0)
        {
            slot = int32_t(i); // D3: the first entry wins
        }
    }

    r.total.resize(cells);
    r.bonus.resize(cells);
    r.deductions.resize(cells);
    r.min_raw.resize(cells);
    r.rank.assign(cells, 0);
    r.stars.assign(cells, 0);
    r.flags.resize(cells);
    r.missing_first.resize(cells);
    r.missing_count.resize(cells);
    r.reward_community.assign(cells, 0.0);
    r.reward_secretary.assign(cells, 0.0);
    const size_t class_cells = size_t(periods) * size_t(classes);
    r.class_size.assign(class_cells, 0);
    r.title_quota.assign(class_cells, 0);
    r.star_counts.assign(class_cells * 7, 0);
    r.budgets.assign(size_t(periods), PeriodBudget());

    // Highest level first, so the first met is the one held (D6).
    std::vector<StarLevel> levels;
    for (const StarRule& sr : rules.stars)
    {
        if (sr.stars >= 1 && sr.stars <= kMaxStars)
        {
            levels.push_back({sr.stars, Quantize(sr.min_each), Quantize(sr.min_total)});
        }
    }
    std::stable_sort(levels.begin(), levels.end(), [](const StarLevel& a, const StarLevel& b) {
        return a.stars > b.stars;
    });
    const bool has_title = !rules.top_title.name.empty();
    const int64_t title_each = Quantize(rules.top_title.min_each);
    const int64_t title_total = Quantize(rules.top_title.min_total);

    std::vector<SortKey> keys;
    std::vector<uint64_t> packed;
    std::vector<SortKey> scratch;
    std::vector<int32_t> offsets(size_t(classes) + 1, 0);
    keys.reserve(size_t(n));
    // Each phase is its own small function: V8's optimising compiler makes much better code of them than of one
    // large function with everything inlined (measured: 18 ms -> see README for the current figure).
    const RankPass pass{ds, rules, levels, has_title, title_each, title_total};
    for (int32_t p = 0; p < periods; ++p)
    {
        ScorePeriod(pass, r, p, &offsets);
        FillKeys(pass, r, p, offsets, &keys);
        PeriodBudget& budget = r.budgets[size_t(p)];
        for (int32_t c = 0; c < classes; ++c)
        {
            SortKey* first = keys.data() + offsets[size_t(c)];
            SortKey* last = keys.data() + offsets[size_t(c) + 1];
            SortSlice(pass, first, last, &packed, &scratch);
            RankSlice(pass, r, p, c, first, last, &budget);
        }
        budget.total = budget.community + budget.secretary;
        budget.budget = rules.budget;
        budget.budget_set = rules.budget > 0;
        budget.over = budget.budget_set ? budget.total - rules.budget : 0.0;
    }
}

// ---- explanation ---------------------------------------------------------------------------------------------------

namespace
{

void Shortfalls(const std::vector<IndicatorLine>& lines, double min_each, std::vector<IndicatorShortfall>* out)
{
    out->clear();
    const int64_t required = Quantize(min_each);
    for (const IndicatorLine& line : lines)
    {
        if (std::isnan(line.score) || Quantize(line.score) < required)
        {
            IndicatorShortfall sf;
            sf.indicator = line.indicator;
            sf.score = line.score;
            sf.required = min_each;
            sf.short_by = std::isnan(line.score) ? min_each : min_each - line.score;
            out->push_back(sf);
        }
    }
}

double TotalShort(double total, double min_total)
{
    if (std::isnan(total))
    {
        return kNaN;
    }
    return AtLeast(total, min_total) ? 0.0 : min_total - total;
}

} // namespace

Explanation Explain(const Dataset& ds, const RankingResult& r, int32_t unit, int32_t period)
{
    Explanation ex;
    const Competition& comp = ds.competition;
    if (unit < 0 || unit >= r.unit_count || period < 0 || period >= r.period_count ||
        r.unit_count != int32_t(ds.communities.size()) || r.indicator_count != int32_t(comp.indicators.size()))
    {
        return ex;
    }
    const size_t cell = r.Cell(period, unit);
    const int32_t ei = r.entry[cell];
    const ScoreEntry* entry = ei >= 0 ? &comp.scores[size_t(ei)] : nullptr;
    const RatingRules& rules = r.rules;

    ex.unit = unit;
    ex.period = period;
    ex.class_index = r.unit_class[size_t(unit)];
    ex.flags = r.flags[cell];
    const CellScore s = ScoreCell<true>(entry, r.weights, comp.indicators, rules, &ex.indicators);
    if (entry)
    {
        ex.note = entry->note;
        ex.bonus = entry->bonus;
        ex.deductions = entry->deductions;
    }
    ex.weighted_sum = s.weighted_sum;
    ex.bonus_sum = s.bonus;
    ex.deduction_sum = s.deductions;
    ex.late_penalty = s.late_penalty;
    ex.total = s.total;

    ex.rank = r.rank[cell];
    ex.prev_rank = period > 0 ? r.rank[r.Cell(period - 1, unit)] : 0;
    if (ex.rank == 0)
    {
        ex.movement = Movement::None;
    }
    else if (ex.prev_rank == 0)
    {
        ex.movement = Movement::New;
    }
    else if (ex.prev_rank == ex.rank)
    {
        ex.movement = Movement::Same;
    }
    else
    {
        ex.movement = ex.prev_rank > ex.rank ? Movement::Up : Movement::Down;
        ex.delta = std::abs(ex.prev_rank - ex.rank);
    }
    if (ex.class_index >= 0)
    {
        ex.class_size = r.class_size[r.ClassCell(period, ex.class_index)];
        ex.class_members = r.class_members[size_t(ex.class_index)];
        ex.title_quota = r.title_quota[r.ClassCell(period, ex.class_index)];
    }

    ex.stars = r.stars[cell];
    std::vector<StarRule> levels;
    for (const StarRule& sr : rules.stars)
    {
        if (sr.stars >= 1 && sr.stars <= kMaxStars)
        {
            levels.push_back(sr);
        }
    }
    std::stable_sort(levels.begin(), levels.end(), [](const StarRule& a, const StarRule& b) {
        return a.stars < b.stars;
    });
    ex.star_checks.resize(levels.size());
    for (size_t i = 0; i < levels.size(); ++i)
    {
        StarCheck& check = ex.star_checks[i];
        check.stars = levels[i].stars;
        check.min_each = levels[i].min_each;
        check.min_total = levels[i].min_total;
        check.total_met = AtLeast(ex.total, check.min_total);
        check.total_margin = ex.total - check.min_total;
        Shortfalls(ex.indicators, check.min_each, &check.each_short);
        check.each_met = check.each_short.empty();
        check.met = check.total_met && check.each_met;
    }
    for (const StarCheck& check : ex.star_checks)
    {
        if (check.stars > ex.stars) // D11: the lowest level above the current one
        {
            ex.next_stars = check.stars;
            ex.next_total_short = TotalShort(ex.total, check.min_total);
            ex.next_each_short = check.each_short;
            break;
        }
    }

    if (rules.top_title.name.empty())
    {
        ex.title = TitleStatus::NoRule;
    }
    else
    {
        ex.title_total_short = TotalShort(ex.total, rules.top_title.min_total);
        Shortfalls(ex.indicators, rules.top_title.min_each, &ex.title_each_short);
        if (ex.flags & kRankTopTitle)
        {
            ex.title = TitleStatus::Awarded;
        }
        else if (ex.rank == 0)
        {
            ex.title = TitleStatus::Unranked;
        }
        else if (ex.flags & kRankTitleOverQuota)
        {
            ex.title = TitleStatus::OverQuota;
        }
        else
        {
            ex.title = TitleStatus::BelowThreshold;
        }
    }

    const RewardParts parts = RewardFor(rules, ex.rank, ex.stars);
    ex.rank_reward_community = parts.rank_community;
    ex.rank_reward_secretary = parts.rank_secretary;
    ex.star_reward_community = parts.star_community;
    ex.star_reward_secretary = parts.star_secretary;
    ex.reward_community = r.reward_community[cell];
    ex.reward_secretary = r.reward_secretary[cell];
    return ex;
}

// ---- rows ----------------------------------------------------------------------------------------------------------

std::vector<RankingRow> BuildRows(const Dataset& ds, const RankingResult& r, int32_t period, int32_t cls)
{
    std::vector<RankingRow> rows;
    const Competition& comp = ds.competition;
    if (period < 0 || period >= r.period_count || r.unit_count != int32_t(ds.communities.size()))
    {
        return rows;
    }
    for (int32_t u = 0; u < r.unit_count; ++u)
    {
        const int32_t unit_cls = r.unit_class[size_t(u)];
        if (cls != kAllClasses && unit_cls != cls)
        {
            continue;
        }
        const size_t cell = r.Cell(period, u);
        const Community& c = ds.communities[size_t(u)];
        RankingRow row;
        row.unit = u;
        row.id = c.id;
        row.name = c.name;
        row.street = c.street;
        row.class_index = unit_cls;
        row.rank = r.rank[cell];
        row.prev_rank = period > 0 ? r.rank[r.Cell(period - 1, u)] : 0;
        if (row.rank == 0)
        {
            row.movement = Movement::None;
        }
        else if (row.prev_rank == 0)
        {
            row.movement = Movement::New;
            row.is_new = true;
        }
        else
        {
            row.delta = row.prev_rank - row.rank;
            row.movement = row.delta == 0 ? Movement::Same : (row.delta > 0 ? Movement::Up : Movement::Down);
        }
        row.stars = r.stars[cell];
        row.flags = r.flags[cell];
        row.top_title = (row.flags & kRankTopTitle) != 0;
        row.total = r.total[cell];
        row.values.assign(comp.indicators.size(), std::numeric_limits<double>::quiet_NaN());
        const int32_t ei = r.entry[cell];
        if (ei >= 0)
        {
            const ScoreEntry& e = comp.scores[size_t(ei)];
            for (size_t k = 0; k < row.values.size() && k < e.values.size(); ++k)
            {
                row.values[k] = std::isfinite(e.values[k]) ? e.values[k] : kNaN;
            }
            row.note = e.note;
        }
        row.bonus = r.bonus[cell];
        row.late_penalty = (row.flags & kRankLatePenalized) ? r.rules.late_penalty : 0.0;
        row.deductions = r.deductions[cell] + row.late_penalty;
        row.reward_community = r.reward_community[cell];
        row.reward_secretary = r.reward_secretary[cell];
        row.missing_first = r.missing_first[cell];
        row.missing_count = r.missing_count[cell];
        rows.push_back(std::move(row));
    }
    SortRows(&rows, RowColumn::Rank, true);
    return rows;
}

namespace
{

std::string MissingText(const RankingRow& row, const Competition& comp, bool english)
{
    if (row.flags & kRankNoEntry)
    {
        return english ? "no score entry" : "本期无评分记录";
    }
    std::string name;
    if (row.missing_first >= 0 && size_t(row.missing_first) < comp.indicators.size())
    {
        name = comp.indicators[size_t(row.missing_first)].name;
    }
    std::string text = english ? "missing indicator " + name : "缺少指标：" + name;
    if (row.missing_count > 1)
    {
        const std::string more = std::to_string(row.missing_count - 1);
        text += english ? " (+" + more + " more)" : "等" + std::to_string(row.missing_count) + "项";
    }
    return text;
}

} // namespace

std::string RowStatusText(const RankingRow& row, const Competition& comp, bool english)
{
    const std::string sep = english ? "; " : "；";
    if (row.flags & kRankNoClass)
    {
        return english ? "no competition class" : "未归入比拼类别";
    }
    if (row.flags & kRankDisqualified)
    {
        std::string text = english ? "disqualified" : "取消资格";
        if (!row.note.empty())
        {
            text += (english ? ": " : "：") + row.note;
        }
        return text;
    }
    if (row.flags & kRankLateExcluded)
    {
        return english ? "late entry, not ranked" : "逾期报送，不参与排名";
    }
    if (row.flags & kRankMissingExcluded)
    {
        return MissingText(row, comp, english) + (english ? ", not ranked" : "，不参与排名");
    }
    // Ranked, but the reader must see why a number is not what was entered (never silently zero).
    std::string text;
    if (row.flags & kRankMissing)
    {
        text += MissingText(row, comp, english) + (english ? ", scored 0" : "，按0分计");
    }
    if (row.flags & kRankLatePenalized)
    {
        text += text.empty() ? "" : sep;
        const std::string pts = FormatNumber(row.late_penalty);
        text += english ? "late entry, -" + pts + " points" : "逾期报送，扣" + pts + "分";
    }
    else if (row.flags & kRankLate)
    {
        text += text.empty() ? "" : sep;
        text += english ? "late entry" : "逾期报送";
    }
    if (!row.note.empty())
    {
        text += text.empty() ? "" : sep;
        text += row.note;
    }
    return text;
}

namespace
{

// Three-way compare in the requested direction with "not applicable" (NaN) last in either direction.
int CompareNumber(double a, double b, bool ascending)
{
    const bool na = std::isnan(a);
    const bool nb = std::isnan(b);
    if (na || nb)
    {
        return na == nb ? 0 : (na ? 1 : -1);
    }
    if (a == b)
    {
        return 0;
    }
    return (a < b) == ascending ? -1 : 1;
}

int CompareText(const std::string& a, const std::string& b, bool ascending)
{
    const int c = a.compare(b);
    if (c == 0)
    {
        return 0;
    }
    return (c < 0) == ascending ? -1 : 1;
}

double IfRanked(const RankingRow& row, double value)
{
    return row.rank > 0 ? value : kNaN;
}

int CompareColumn(const RankingRow& a, const RankingRow& b, RowColumn column, bool asc)
{
    switch (column)
    {
    case RowColumn::Rank:
        return CompareNumber(IfRanked(a, a.rank), IfRanked(b, b.rank), asc);
    case RowColumn::Id:
        return CompareText(a.id, b.id, asc);
    case RowColumn::Name:
        return CompareText(a.name, b.name, asc);
    case RowColumn::Street:
        return CompareNumber(a.street, b.street, asc);
    case RowColumn::Class:
        return CompareNumber(a.class_index, b.class_index, asc);
    case RowColumn::Delta:
        return CompareNumber(a.is_new ? kNaN : IfRanked(a, a.delta), b.is_new ? kNaN : IfRanked(b, b.delta), asc);
    case RowColumn::Stars:
        return CompareNumber(IfRanked(a, a.stars), IfRanked(b, b.stars), asc);
    case RowColumn::TopTitle:
        return CompareNumber(IfRanked(a, a.top_title), IfRanked(b, b.top_title), asc);
    case RowColumn::Total:
        return CompareNumber(a.total, b.total, asc);
    case RowColumn::Bonus:
        return CompareNumber(a.bonus, b.bonus, asc);
    case RowColumn::Deductions:
        return CompareNumber(a.deductions, b.deductions, asc);
    case RowColumn::RewardCommunity:
        return CompareNumber(IfRanked(a, a.reward_community), IfRanked(b, b.reward_community), asc);
    case RowColumn::RewardSecretary:
        return CompareNumber(IfRanked(a, a.reward_secretary), IfRanked(b, b.reward_secretary), asc);
    case RowColumn::Status:
        return CompareNumber(a.flags, b.flags, asc);
    default:
        break;
    }
    const int32_t k = int32_t(column) - int32_t(RowColumn::IndicatorFirst);
    const double va = k >= 0 && size_t(k) < a.values.size() ? a.values[size_t(k)] : kNaN;
    const double vb = k >= 0 && size_t(k) < b.values.size() ? b.values[size_t(k)] : kNaN;
    return CompareNumber(va, vb, asc);
}

} // namespace

void SortRows(std::vector<RankingRow>* rows, RowColumn column, bool ascending)
{
    // Sorts row numbers, then moves each row once: a sort that moves the rows themselves (strings, vectors) made
    // 17 KB of wasm for this one call. The last key, the original position, keeps it stable.
    std::vector<RankingRow>& r = *rows;
    std::vector<uint32_t> order(r.size());
    for (uint32_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](uint32_t ia, uint32_t ib) {
        const RankingRow& a = r[ia];
        const RankingRow& b = r[ib];
        int c = CompareColumn(a, b, column, ascending);
        if (c == 0 && column != RowColumn::Rank)
            c = CompareColumn(a, b, RowColumn::Rank, true);
        if (c == 0)
            c = a.id.compare(b.id);
        return c != 0 ? c < 0 : ia < ib;
    });
    std::vector<RankingRow> sorted;
    sorted.reserve(r.size());
    for (uint32_t i : order)
        sorted.push_back(std::move(r[i]));
    r = std::move(sorted);
}

// ---- what-if, trends, distribution ---------------------------------------------------------------------------------

std::vector<UnitDiff> DiffRankings(const RankingResult& before, const RankingResult& after, int32_t period)
{
    std::vector<UnitDiff> diffs;
    if (before.unit_count != after.unit_count || before.period_count != after.period_count || period < 0 ||
        period >= before.period_count)
    {
        return diffs;
    }
    for (int32_t u = 0; u < before.unit_count; ++u)
    {
        const size_t cell = before.Cell(period, u);
        UnitDiff d;
        d.unit = u;
        d.rank_before = before.rank[cell];
        d.rank_after = after.rank[cell];
        d.stars_before = before.stars[cell];
        d.stars_after = after.stars[cell];
        d.title_before = (before.flags[cell] & kRankTopTitle) != 0;
        d.title_after = (after.flags[cell] & kRankTopTitle) != 0;
        d.reward_before = before.reward_community[cell] + before.reward_secretary[cell];
        d.reward_after = after.reward_community[cell] + after.reward_secretary[cell];
        if (d.rank_before != d.rank_after || d.stars_before != d.stars_after || d.title_before != d.title_after ||
            d.reward_before != d.reward_after)
        {
            diffs.push_back(d);
        }
    }
    return diffs;
}

UnitTrend TrendOfUnit(const RankingResult& r, int32_t unit)
{
    UnitTrend t;
    if (unit < 0 || unit >= r.unit_count)
    {
        return t;
    }
    for (int32_t p = 0; p < r.period_count; ++p)
    {
        const size_t cell = r.Cell(p, unit);
        t.rank.push_back(r.rank[cell]);
        t.total.push_back(r.total[cell]);
        t.stars.push_back(r.stars[cell]);
    }
    return t;
}

RankMatrix ClassRankMatrix(const RankingResult& r, int32_t cls)
{
    RankMatrix m;
    m.period_count = r.period_count;
    if (cls < 0 || cls >= r.class_count)
    {
        return m;
    }
    for (int32_t u = 0; u < r.unit_count; ++u)
    {
        if (r.unit_class[size_t(u)] == cls)
        {
            m.units.push_back(u);
        }
    }
    if (r.period_count > 0)
    {
        const int32_t last = r.period_count - 1;
        std::stable_sort(m.units.begin(), m.units.end(), [&](int32_t a, int32_t b) {
            const uint32_t ra = uint32_t(r.rank[r.Cell(last, a)] - 1); // 0 = unranked wraps to the end
            const uint32_t rb = uint32_t(r.rank[r.Cell(last, b)] - 1);
            return ra < rb;
        });
    }
    m.ranks.reserve(m.units.size() * size_t(r.period_count));
    for (int32_t u : m.units)
    {
        for (int32_t p = 0; p < r.period_count; ++p)
        {
            m.ranks.push_back(r.rank[r.Cell(p, u)]);
        }
    }
    return m;
}

StarDistribution StarsOfClass(const RankingResult& r, int32_t period, int32_t cls)
{
    StarDistribution d;
    if (period < 0 || period >= r.period_count || cls < 0 || cls >= r.class_count)
    {
        return d;
    }
    const size_t base = r.ClassCell(period, cls) * 7;
    for (int s = 0; s <= kMaxStars; ++s)
    {
        d.by_stars[size_t(s)] = r.star_counts[base + size_t(s)];
    }
    d.unranked = r.star_counts[base + 6];
    return d;
}

} // namespace gridstar
