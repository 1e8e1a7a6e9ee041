#include "core/geometry.h"

#include <algorithm>
#include <cmath>
#include <queue>

namespace gridstar
{

namespace
{

constexpr double kEarthRadiusM = 6371008.8; // mean radius; the projection is local, so the choice barely matters
constexpr double kPi = 3.14159265358979323846;

bool SamePoint(Vec2 a, Vec2 b)
{
    return a.x == b.x && a.y == b.y;
}

double Dot(Vec2 a, Vec2 b, Vec2 c, Vec2 d)
{
    return (b.x - a.x) * (d.x - c.x) + (b.y - a.y) * (d.y - c.y);
}

// Inclusive, orientation-independent.
bool PointInTriangle(Vec2 a, Vec2 b, Vec2 c, Vec2 p)
{
    double d1 = Cross(a, b, p);
    double d2 = Cross(b, c, p);
    double d3 = Cross(c, a, p);
    bool has_neg = d1 < 0 || d2 < 0 || d3 < 0;
    bool has_pos = d1 > 0 || d2 > 0 || d3 > 0;
    return !(has_neg && has_pos);
}

bool PointInTriangleStrict(Vec2 a, Vec2 b, Vec2 c, Vec2 p)
{
    double d1 = Cross(a, b, p);
    double d2 = Cross(b, c, p);
    double d3 = Cross(c, a, p);
    return (d1 > 0 && d2 > 0 && d3 > 0) || (d1 < 0 && d2 < 0 && d3 < 0);
}

// p known collinear with segment ab: is it within the segment's box?
bool OnSegment(Vec2 a, Vec2 b, Vec2 p)
{
    return p.x >= std::min(a.x, b.x) && p.x <= std::max(a.x, b.x) && p.y >= std::min(a.y, b.y) &&
           p.y <= std::max(a.y, b.y);
}

int Sign(double v)
{
    return (v > 0) - (v < 0);
}

// Touching counts as intersecting.
bool SegmentsIntersect(Vec2 p1, Vec2 p2, Vec2 p3, Vec2 p4)
{
    int o1 = Sign(Cross(p1, p2, p3));
    int o2 = Sign(Cross(p1, p2, p4));
    int o3 = Sign(Cross(p3, p4, p1));
    int o4 = Sign(Cross(p3, p4, p2));
    if (o1 != o2 && o3 != o4)
        return true;
    if (o1 == 0 && OnSegment(p1, p2, p3))
        return true;
    if (o2 == 0 && OnSegment(p1, p2, p4))
        return true;
    if (o3 == 0 && OnSegment(p3, p4, p1))
        return true;
    if (o4 == 0 && OnSegment(p3, p4, p2))
        return true;
    return false;
}

double DistanceToSegmentSq(Vec2 p, Vec2 a, Vec2 b)
{
    double dx = b.x - a.x;
    double dy = b.y - a.y;
    double len_sq = dx * dx + dy * dy;
    double t = 0;
    if (len_sq > 0)
        t = std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len_sq, 0.0, 1.0);
    double qx = a.x + t * dx - p.x;
    double qy = a.y + t * dy - p.y;
    return qx * qx + qy * qy;
}

// ---- ear clipping --------------------------------------------------------------------------
// Rings become circular doubly linked lists in one node array; holes are spliced into the outer list through
// a pair of duplicated "bridge" vertices, then ears are cut until three vertices remain.
struct EarNode
{
    Vec2 p;
    uint32_t index = 0;
    int32_t prev = -1;
    int32_t next = -1;
    bool removed = false;
};

class EarClipper
{
public:
    explicit EarClipper(std::vector<uint32_t>* out) : out_(out) {}

    // Links the ring counter-clockwise (outer) or clockwise (hole). Returns a node, or -1 if degenerate.
    int32_t AddRing(const PointRing& ring, uint32_t first_index, bool want_ccw)
    {
        size_t n = ring.size();
        if (n < 3)
            return -1;
        bool is_ccw = RingSignedArea(ring) > 0;
        bool reverse = is_ccw != want_ccw;
        int32_t first = -1;
        int32_t last = -1;
        for (size_t k = 0; k < n; ++k)
        {
            size_t i = reverse ? n - 1 - k : k;
            int32_t id = static_cast<int32_t>(nodes_.size());
            EarNode node;
            node.p = ring[i];
            node.index = first_index + static_cast<uint32_t>(i);
            node.prev = last;
            nodes_.push_back(node);
            if (last >= 0)
                nodes_[last].next = id;
            else
                first = id;
            last = id;
        }
        nodes_[last].next = first;
        nodes_[first].prev = last;
        return Filter(first, -1);
    }

    // Splices the hole (given by any of its nodes) into the outer list. Returns the outer list's node.
    int32_t BridgeHole(int32_t hole, int32_t outer)
    {
        int32_t h = Leftmost(hole);
        int32_t m = FindBridge(h, outer);
        if (m < 0)
            return outer; // hole outside the outer ring: drop it rather than corrupt the list
        int32_t b = Split(m, h);
        Filter(b, nodes_[b].next);
        int32_t a = Filter(m, nodes_[m].next);
        return a >= 0 ? a : outer;
    }

    int32_t Leftmost(int32_t start) const
    {
        int32_t best = start;
        int32_t p = start;
        do
        {
            const Vec2& q = nodes_[p].p;
            const Vec2& b = nodes_[best].p;
            if (q.x < b.x || (q.x == b.x && q.y < b.y))
                best = p;
            p = nodes_[p].next;
        } while (p != start);
        return best;
    }

    Vec2 Pos(int32_t i) const { return nodes_[i].p; }

    void BuildVertexGrid(int32_t start)
    {
        grid_start_.clear();
        grid_items_.clear();
        size_t count = 0;
        grid_box_ = Box();
        int32_t p = start;
        do
        {
            grid_box_.Add(nodes_[p].p);
            ++count;
            p = nodes_[p].next;
        } while (p != start);
        if (count < 64)
            return; // a linear scan is cheaper
        double cells = static_cast<double>(count) / 4.0;
        double w = std::max(grid_box_.Width(), 1e-12);
        double h = std::max(grid_box_.Height(), 1e-12);
        grid_nx_ = std::clamp(static_cast<int>(std::ceil(std::sqrt(cells * w / h))), 1, 1024);
        grid_ny_ = std::clamp(static_cast<int>(std::ceil(cells / grid_nx_)), 1, 1024);
        grid_cw_ = w / grid_nx_;
        grid_ch_ = h / grid_ny_;
        grid_start_.assign(static_cast<size_t>(grid_nx_) * grid_ny_ + 1, 0);
        p = start;
        do
        {
            ++grid_start_[GridCell(nodes_[p].p) + 1];
            p = nodes_[p].next;
        } while (p != start);
        for (size_t i = 1; i < grid_start_.size(); ++i)
            grid_start_[i] += grid_start_[i - 1];
        grid_items_.resize(count);
        std::vector<uint32_t> fill(grid_start_.begin(), grid_start_.end() - 1);
        p = start;
        do
        {
            grid_items_[fill[GridCell(nodes_[p].p)]++] = p;
            p = nodes_[p].next;
        } while (p != start);
    }

    // Cuts ears until the list is exhausted; returns false when a forced (possibly overlapping) cut was needed.
    bool Clip(int32_t ear)
    {
        bool clean = true;
        if (ear < 0)
            return clean;
        int pass = 0;
        int32_t stop = ear;
        while (nodes_[ear].prev != nodes_[ear].next)
        {
            int32_t prev = nodes_[ear].prev;
            int32_t next = nodes_[ear].next;
            if (IsEar(ear, pass >= 2))
            {
                Emit(prev, ear, next);
                Remove(ear);
                pass = 0;
                ear = nodes_[next].next; // skipping one vertex gives better-shaped triangles
                stop = ear;
                continue;
            }
            ear = next;
            if (ear != stop)
                continue;
            // A full turn without an ear.
            if (pass == 0)
            {
                ear = Filter(ear, -1);
                if (ear < 0)
                    return clean;
                pass = 1;
            }
            else if (pass == 1)
            {
                pass = 2; // accept ears with vertices on their edges
            }
            else
            {
                // Self-intersecting or numerically hopeless: cut a convex corner anyway. The signed areas still
                // sum to the polygon's; only overlap is possible.
                int32_t pick = ear;
                int32_t q = ear;
                do
                {
                    if (Cross(Pos(nodes_[q].prev), Pos(q), Pos(nodes_[q].next)) > 0)
                    {
                        pick = q;
                        break;
                    }
                    q = nodes_[q].next;
                } while (q != ear);
                int32_t a = nodes_[pick].prev;
                int32_t c = nodes_[pick].next;
                Emit(a, pick, c);
                Remove(pick);
                clean = false;
                pass = 0;
                ear = c;
            }
            stop = ear;
        }
        return clean;
    }

private:
    size_t GridCell(Vec2 p) const
    {
        int cx = std::clamp(static_cast<int>((p.x - grid_box_.min_x) / grid_cw_), 0, grid_nx_ - 1);
        int cy = std::clamp(static_cast<int>((p.y - grid_box_.min_y) / grid_ch_), 0, grid_ny_ - 1);
        return static_cast<size_t>(cy) * grid_nx_ + cx;
    }

    void Remove(int32_t i)
    {
        EarNode& n = nodes_[i];
        nodes_[n.prev].next = n.next;
        nodes_[n.next].prev = n.prev;
        n.removed = true;
    }

    void Emit(int32_t a, int32_t b, int32_t c)
    {
        out_->push_back(nodes_[a].index);
        out_->push_back(nodes_[b].index);
        out_->push_back(nodes_[c].index);
    }

    // Removes duplicates and collinear vertices between start and end (the whole list when end < 0).
    // Returns a surviving node, or -1 when fewer than three remain.
    int32_t Filter(int32_t start, int32_t end)
    {
        if (start < 0)
            return -1;
        if (end < 0)
            end = start;
        int32_t p = start;
        bool again;
        do
        {
            again = false;
            EarNode& n = nodes_[p];
            if (n.prev == n.next)
                return -1;
            if (SamePoint(n.p, Pos(n.next)) || Cross(Pos(n.prev), n.p, Pos(n.next)) == 0)
            {
                int32_t prev = n.prev;
                Remove(p);
                p = end = prev;
                if (nodes_[p].next == p || nodes_[p].prev == nodes_[p].next)
                    return -1;
                again = true;
            }
            else
            {
                p = n.next;
            }
        } while (again || p != end);
        return end;
    }

    bool Blocks(int32_t q, int32_t a, int32_t b, int32_t c, bool relaxed) const
    {
        if (q == a || q == b || q == c)
            return false;
        const EarNode& n = nodes_[q];
        Vec2 pa = Pos(a), pb = Pos(b), pc = Pos(c);
        if (SamePoint(n.p, pa) || SamePoint(n.p, pb) || SamePoint(n.p, pc))
            return false;
        bool inside = relaxed ? PointInTriangleStrict(pa, pb, pc, n.p) : PointInTriangle(pa, pb, pc, n.p);
        // Only a reflex (or flat) vertex can be the first to poke into a convex corner's triangle.
        return inside && Cross(Pos(n.prev), n.p, Pos(n.next)) <= 0;
    }

    bool IsEar(int32_t b, bool relaxed) const
    {
        int32_t a = nodes_[b].prev;
        int32_t c = nodes_[b].next;
        Vec2 pa = Pos(a), pb = Pos(b), pc = Pos(c);
        if (Cross(pa, pb, pc) <= 0)
            return false;
        if (grid_items_.empty())
        {
            for (int32_t q = nodes_[c].next; q != a; q = nodes_[q].next)
            {
                if (Blocks(q, a, b, c, relaxed))
                    return false;
            }
            return true;
        }
        double min_x = std::min({pa.x, pb.x, pc.x}), max_x = std::max({pa.x, pb.x, pc.x});
        double min_y = std::min({pa.y, pb.y, pc.y}), max_y = std::max({pa.y, pb.y, pc.y});
        size_t c0 = GridCell({min_x, min_y});
        size_t c1 = GridCell({max_x, max_y});
        int cx0 = static_cast<int>(c0 % grid_nx_), cy0 = static_cast<int>(c0 / grid_nx_);
        int cx1 = static_cast<int>(c1 % grid_nx_), cy1 = static_cast<int>(c1 / grid_nx_);
        for (int cy = cy0; cy <= cy1; ++cy)
        {
            for (int cx = cx0; cx <= cx1; ++cx)
            {
                size_t cell = static_cast<size_t>(cy) * grid_nx_ + cx;
                for (uint32_t k = grid_start_[cell]; k < grid_start_[cell + 1]; ++k)
                {
                    int32_t q = grid_items_[k];
                    if (!nodes_[q].removed && Blocks(q, a, b, c, relaxed))
                        return false;
                }
            }
        }
        return true;
    }

    // Is the direction from node a towards point t inside the polygon's angle at a?
    bool LocallyInside(int32_t a, Vec2 t) const
    {
        Vec2 prev = Pos(nodes_[a].prev), p = Pos(a), next = Pos(nodes_[a].next);
        if (Cross(prev, p, next) >= 0)
            return Cross(p, next, t) > 0 && Cross(prev, p, t) > 0;
        return Cross(p, next, t) > 0 || Cross(prev, p, t) > 0;
    }

    // A vertex of the outer list visible from hole vertex h (the hole's leftmost point), found by casting a ray
    // towards -x and then preferring, among vertices in the triangle it spans, the one at the smallest angle.
    int32_t FindBridge(int32_t h, int32_t outer) const
    {
        Vec2 hp = Pos(h);
        double best_x = -std::numeric_limits<double>::infinity();
        int32_t m = -1;
        int32_t p = outer;
        do
        {
            Vec2 a = Pos(p);
            Vec2 b = Pos(nodes_[p].next);
            // With the outer ring counter-clockwise, the boundary just left of an interior point runs downwards.
            if (hp.y <= a.y && hp.y >= b.y && a.y != b.y)
            {
                double x = a.x + (hp.y - a.y) * (b.x - a.x) / (b.y - a.y);
                if (x <= hp.x && x > best_x)
                {
                    best_x = x;
                    m = a.x > b.x ? p : nodes_[p].next;
                    if (x == hp.x)
                    {
                        if (hp.y == a.y)
                            return p;
                        if (hp.y == b.y)
                            return nodes_[p].next;
                    }
                }
            }
            p = nodes_[p].next;
        } while (p != outer);
        if (m < 0)
            return -1;
        Vec2 mp = Pos(m);
        Vec2 ip = {best_x, hp.y};
        int32_t best = LocallyInside(m, hp) ? m : -1;
        double best_tan = best >= 0 && hp.x > mp.x ? std::abs(hp.y - mp.y) / (hp.x - mp.x)
                                                   : std::numeric_limits<double>::infinity();
        p = outer;
        do
        {
            Vec2 q = Pos(p);
            if (p != m && q.x >= mp.x && q.x <= hp.x && PointInTriangle(hp, ip, mp, q) && LocallyInside(p, hp))
            {
                double dx = hp.x - q.x;
                double tan = dx > 0 ? std::abs(hp.y - q.y) / dx : std::numeric_limits<double>::infinity();
                if (best < 0 || tan < best_tan || (tan == best_tan && q.x > Pos(best).x))
                {
                    best = p;
                    best_tan = tan;
                }
            }
            p = nodes_[p].next;
        } while (p != outer);
        return best >= 0 ? best : m;
    }

    // Links a → b with duplicates a2, b2 closing the other side; returns b2.
    int32_t Split(int32_t a, int32_t b)
    {
        int32_t a2 = static_cast<int32_t>(nodes_.size());
        int32_t b2 = a2 + 1;
        EarNode na = nodes_[a];
        EarNode nb = nodes_[b];
        nodes_.push_back(na);
        nodes_.push_back(nb);
        int32_t an = na.next;
        int32_t bp = nb.prev;
        nodes_[a].next = b;
        nodes_[b].prev = a;
        nodes_[a2].next = an;
        nodes_[an].prev = a2;
        nodes_[b2].next = a2;
        nodes_[a2].prev = b2;
        nodes_[bp].next = b2;
        nodes_[b2].prev = bp;
        return b2;
    }

    std::vector<EarNode> nodes_;
    std::vector<uint32_t>* out_;
    Box grid_box_;
    int grid_nx_ = 1;
    int grid_ny_ = 1;
    double grid_cw_ = 1;
    double grid_ch_ = 1;
    std::vector<uint32_t> grid_start_;
    std::vector<int32_t> grid_items_;
};

} // namespace

// ---- Box -----------------------------------------------------------------------------------
void Box::Add(Vec2 p)
{
    min_x = std::min(min_x, p.x);
    min_y = std::min(min_y, p.y);
    max_x = std::max(max_x, p.x);
    max_y = std::max(max_y, p.y);
}

void Box::AddBox(const Box& b)
{
    if (b.IsEmpty())
        return;
    min_x = std::min(min_x, b.min_x);
    min_y = std::min(min_y, b.min_y);
    max_x = std::max(max_x, b.max_x);
    max_y = std::max(max_y, b.max_y);
}

Box BoundsOf(const PointRing& ring)
{
    Box b;
    for (const Vec2& p : ring)
        b.Add(p);
    return b;
}

Box BoundsOf(const PointMultiPolygon& mp)
{
    Box b;
    for (const PointPolygon& poly : mp)
    {
        if (!poly.empty())
            b.AddBox(BoundsOf(poly[0]));
    }
    return b;
}

// ---- projection ----------------------------------------------------------------------------
Projection MakeProjection(double lon0, double lat0)
{
    Projection proj;
    proj.lon0 = lon0;
    proj.lat0 = lat0;
    double metres_per_deg = kEarthRadiusM * kPi / 180.0;
    proj.metres_per_deg_y = metres_per_deg;
    // Clamped so a (invalid) polar origin cannot produce a zero scale and a division by zero in Unproject.
    proj.metres_per_deg_x = metres_per_deg * std::max(std::cos(lat0 * kPi / 180.0), 1e-6);
    return proj;
}

Projection MakeProjectionFor(const Dataset& ds)
{
    double min_lon = 1e9, min_lat = 1e9, max_lon = -1e9, max_lat = -1e9;
    auto add = [&](const MultiPolygon& mp)
    {
        for (const Polygon& poly : mp)
        {
            for (const Ring& ring : poly)
            {
                for (const LonLat& p : ring)
                {
                    min_lon = std::min(min_lon, p.lon);
                    max_lon = std::max(max_lon, p.lon);
                    min_lat = std::min(min_lat, p.lat);
                    max_lat = std::max(max_lat, p.lat);
                }
            }
        }
    };
    add(ds.district.boundary);
    if (min_lon > max_lon)
    {
        // No district outline: every unit's outline decides. Cheap enough at load time.
        for (const Street& s : ds.streets)
            add(s.boundary);
        for (const Community& c : ds.communities)
            add(c.boundary);
        for (const Grid& g : ds.grids)
            add(g.boundary);
        for (const MicroGrid& m : ds.micro_grids)
            add(m.boundary);
    }
    if (min_lon > max_lon)
        return MakeProjection(0, 0);
    return MakeProjection((min_lon + max_lon) * 0.5, (min_lat + max_lat) * 0.5);
}

PointRing ProjectRing(const Projection& proj, const Ring& ring)
{
    PointRing out;
    out.reserve(ring.size());
    for (const LonLat& p : ring)
        out.push_back(proj.Project(p));
    return out;
}

PointMultiPolygon ProjectMultiPolygon(const Projection& proj, const MultiPolygon& mp)
{
    PointMultiPolygon out;
    out.reserve(mp.size());
    for (const Polygon& poly : mp)
    {
        PointPolygon pp;
        pp.reserve(poly.size());
        for (const Ring& ring : poly)
            pp.push_back(ProjectRing(proj, ring));
        out.push_back(std::move(pp));
    }
    return out;
}

// ---- measures ------------------------------------------------------------------------------
double Cross(Vec2 a, Vec2 b, Vec2 c)
{
    return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
}

double RingSignedArea(const PointRing& ring)
{
    size_t n = ring.size();
    if (n < 3)
        return 0;
    // Relative to the first point, which keeps the products small and the sum accurate far from the origin.
    double sum = 0;
    Vec2 o = ring[0];
    for (size_t i = 1; i + 1 < n; ++i)
        sum += Cross(o, ring[i], ring[i + 1]);
    return sum * 0.5;
}

double PolygonArea(const PointPolygon& poly)
{
    if (poly.empty())
        return 0;
    double area = std::abs(RingSignedArea(poly[0]));
    for (size_t i = 1; i < poly.size(); ++i)
        area -= std::abs(RingSignedArea(poly[i]));
    return area;
}

double MultiPolygonArea(const PointMultiPolygon& mp)
{
    double area = 0;
    for (const PointPolygon& poly : mp)
        area += PolygonArea(poly);
    return area;
}

double TrianglesArea(const std::vector<Vec2>& points, const std::vector<uint32_t>& indices)
{
    double area = 0;
    for (size_t i = 0; i + 2 < indices.size(); i += 3)
        area += std::abs(Cross(points[indices[i]], points[indices[i + 1]], points[indices[i + 2]]));
    return area * 0.5;
}

double DistanceToSegment(Vec2 p, Vec2 a, Vec2 b)
{
    return std::sqrt(DistanceToSegmentSq(p, a, b));
}

double DistanceToRing(Vec2 p, const PointRing& ring)
{
    size_t n = ring.size();
    if (n == 0)
        return std::numeric_limits<double>::infinity();
    double best = std::numeric_limits<double>::infinity();
    for (size_t i = 0, j = n - 1; i < n; j = i++)
        best = std::min(best, DistanceToSegmentSq(p, ring[j], ring[i]));
    return std::sqrt(best);
}

double DistanceToBoundary(Vec2 p, const PointPolygon& poly)
{
    double best = std::numeric_limits<double>::infinity();
    for (const PointRing& ring : poly)
        best = std::min(best, DistanceToRing(p, ring));
    return best;
}

PointRing CleanRing(const PointRing& ring)
{
    PointRing out;
    out.reserve(ring.size());
    for (const Vec2& p : ring)
    {
        if (out.empty() || !SamePoint(out.back(), p))
            out.push_back(p);
    }
    while (out.size() > 1 && SamePoint(out.front(), out.back()))
        out.pop_back();
    // Collinear removal may expose new collinear triples (and spikes), so repeat until stable.
    bool changed = true;
    while (changed && out.size() >= 3)
    {
        changed = false;
        PointRing next;
        next.reserve(out.size());
        size_t n = out.size();
        for (size_t i = 0; i < n; ++i)
        {
            Vec2 prev = next.empty() ? out[n - 1] : next.back();
            Vec2 nxt = out[(i + 1) % n];
            if (Cross(prev, out[i], nxt) == 0 || SamePoint(prev, out[i]))
            {
                changed = true;
                continue;
            }
            next.push_back(out[i]);
        }
        out.swap(next);
    }
    return out;
}

// ---- triangulation -------------------------------------------------------------------------
bool TriangulatePolygon(const PointPolygon& poly, std::vector<uint32_t>* out, uint32_t index_base)
{
    if (poly.empty() || out == nullptr)
        return true;
    EarClipper clipper(out);
    int32_t outer = clipper.AddRing(poly[0], index_base, true);
    if (outer < 0)
        return true; // degenerate outer ring: zero area, nothing to fill
    uint32_t offset = index_base + static_cast<uint32_t>(poly[0].size());
    std::vector<int32_t> holes;
    for (size_t r = 1; r < poly.size(); ++r)
    {
        int32_t h = clipper.AddRing(poly[r], offset, false);
        offset += static_cast<uint32_t>(poly[r].size());
        if (h >= 0)
            holes.push_back(clipper.Leftmost(h));
    }
    // Left to right, so each hole's leftward ray meets the outer ring or an already merged hole.
    std::sort(holes.begin(), holes.end(),
              [&](int32_t a, int32_t b)
              {
                  Vec2 pa = clipper.Pos(a), pb = clipper.Pos(b);
                  return pa.x < pb.x || (pa.x == pb.x && pa.y < pb.y);
              });
    for (int32_t h : holes)
        outer = clipper.BridgeHole(h, outer);
    clipper.BuildVertexGrid(outer);
    return clipper.Clip(outer);
}

bool TriangulateMultiPolygon(const PointMultiPolygon& mp, std::vector<uint32_t>* out, uint32_t index_base)
{
    bool clean = true;
    uint32_t base = index_base;
    for (const PointPolygon& poly : mp)
    {
        clean = TriangulatePolygon(poly, out, base) && clean;
        for (const PointRing& ring : poly)
            base += static_cast<uint32_t>(ring.size());
    }
    return clean;
}

// ---- simplification ------------------------------------------------------------------------
PointRing SimplifyRing(const PointRing& ring, double tolerance)
{
    size_t n = ring.size();
    if (n <= 3 || !(tolerance > 0))
        return ring;
    // A closed ring has no natural endpoints: anchor at point 0 and the point farthest from it.
    size_t far = 0;
    double far_d = -1;
    for (size_t i = 1; i < n; ++i)
    {
        double dx = ring[i].x - ring[0].x, dy = ring[i].y - ring[0].y;
        double d = dx * dx + dy * dy;
        if (d > far_d)
        {
            far_d = d;
            far = i;
        }
    }
    if (far == 0)
        return ring;
    std::vector<uint8_t> keep(n, 0);
    keep[0] = keep[far] = 1;
    double tol_sq = tolerance * tolerance;
    // Explicit stack of [first, last] spans; index n stands for point 0 again.
    std::vector<std::pair<size_t, size_t>> stack = {{0, far}, {far, n}};
    while (!stack.empty())
    {
        auto [first, last] = stack.back();
        stack.pop_back();
        Vec2 a = ring[first];
        Vec2 b = ring[last % n];
        double worst = -1;
        size_t worst_i = 0;
        for (size_t i = first + 1; i < last; ++i)
        {
            double d = DistanceToSegmentSq(ring[i], a, b);
            if (d > worst)
            {
                worst = d;
                worst_i = i;
            }
        }
        if (worst > tol_sq)
        {
            keep[worst_i] = 1;
            stack.push_back({first, worst_i});
            stack.push_back({worst_i, last});
        }
    }
    PointRing out;
    for (size_t i = 0; i < n; ++i)
    {
        if (keep[i])
            out.push_back(ring[i]);
    }
    if (out.size() < 3)
        return ring;
    return out;
}

// ---- containment ---------------------------------------------------------------------------
bool PointInRing(Vec2 p, const PointRing& ring)
{
    return PointInRing(p, ring.data(), ring.size());
}

bool PointInRing(Vec2 p, const Vec2* ring, size_t n)
{
    bool inside = false;
    if (n == 0)
        return false;
    for (size_t i = 0, j = n - 1; i < n; j = i++)
    {
        const Vec2& a = ring[i];
        const Vec2& b = ring[j];
        if ((a.y > p.y) != (b.y > p.y))
        {
            double x = a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y);
            if (p.x < x)
                inside = !inside;
        }
    }
    return inside;
}

bool PointInPolygon(Vec2 p, const PointPolygon& poly)
{
    bool inside = false;
    for (const PointRing& ring : poly)
    {
        if (PointInRing(p, ring))
            inside = !inside;
    }
    return inside;
}

bool PointInMultiPolygon(Vec2 p, const PointMultiPolygon& mp)
{
    for (const PointPolygon& poly : mp)
    {
        if (PointInPolygon(p, poly))
            return true;
    }
    return false;
}

bool RingSelfIntersects(const PointRing& input)
{
    PointRing ring;
    ring.reserve(input.size());
    for (const Vec2& p : input)
    {
        if (ring.empty() || !SamePoint(ring.back(), p))
            ring.push_back(p);
    }
    while (ring.size() > 1 && SamePoint(ring.front(), ring.back()))
        ring.pop_back();
    size_t n = ring.size();
    if (n < 3)
        return false; // degenerate, reported separately by validation
    auto folds_back = [&](size_t i) // edges (i-1, i) and (i, i+1) overlap beyond their shared point
    {
        Vec2 a = ring[(i + n - 1) % n], b = ring[i], c = ring[(i + 1) % n];
        return Cross(a, b, c) == 0 && Dot(a, b, b, c) < 0;
    };
    for (size_t i = 0; i < n; ++i)
    {
        if (folds_back(i))
            return true;
    }
    if (n == 3)
        return false;

    // Bucket edges into a uniform grid and test only edges sharing a cell.
    Box box = BoundsOf(ring);
    double w = std::max(box.Width(), 1e-300);
    double h = std::max(box.Height(), 1e-300);
    double cells = static_cast<double>(n);
    int nx = std::clamp(static_cast<int>(std::ceil(std::sqrt(cells * w / h))), 1, 512);
    int ny = std::clamp(static_cast<int>(std::ceil(cells / nx)), 1, 512);
    double cw = w / nx, ch = h / ny;
    auto cx_of = [&](double x) { return std::clamp(static_cast<int>((x - box.min_x) / cw), 0, nx - 1); };
    auto cy_of = [&](double y) { return std::clamp(static_cast<int>((y - box.min_y) / ch), 0, ny - 1); };
    std::vector<uint32_t> start(static_cast<size_t>(nx) * ny + 1, 0);
    auto for_cells = [&](size_t e, auto&& fn)
    {
        Vec2 a = ring[e], b = ring[(e + 1) % n];
        int x0 = cx_of(std::min(a.x, b.x)), x1 = cx_of(std::max(a.x, b.x));
        int y0 = cy_of(std::min(a.y, b.y)), y1 = cy_of(std::max(a.y, b.y));
        for (int y = y0; y <= y1; ++y)
        {
            for (int x = x0; x <= x1; ++x)
                fn(static_cast<size_t>(y) * nx + x);
        }
    };
    for (size_t e = 0; e < n; ++e)
        for_cells(e, [&](size_t c) { ++start[c + 1]; });
    for (size_t i = 1; i < start.size(); ++i)
        start[i] += start[i - 1];
    std::vector<uint32_t> items(start.back());
    std::vector<uint32_t> fill(start.begin(), start.end() - 1);
    for (size_t e = 0; e < n; ++e)
        for_cells(e, [&](size_t c) { items[fill[c]++] = static_cast<uint32_t>(e); });

    for (size_t c = 0; c + 1 < start.size(); ++c)
    {
        for (uint32_t i = start[c]; i < start[c + 1]; ++i)
        {
            for (uint32_t j = i + 1; j < start[c + 1]; ++j)
            {
                size_t e = items[i], f = items[j];
                if (e > f)
                    std::swap(e, f);
                if (f == e + 1 || (e == 0 && f == n - 1))
                    continue; // adjacent: handled by folds_back
                if (SegmentsIntersect(ring[e], ring[(e + 1) % n], ring[f], ring[(f + 1) % n]))
                    return true;
            }
        }
    }
    return false;
}

bool RingSelfIntersects(const Ring& ring)
{
    PointRing pr;
    pr.reserve(ring.size());
    for (const LonLat& p : ring)
        pr.push_back({p.lon, p.lat});
    return RingSelfIntersects(pr);
}

// ---- labels --------------------------------------------------------------------------------
Vec2 PolygonCentroid(const PointPolygon& poly)
{
    double area_sum = 0, cx = 0, cy = 0;
    for (size_t r = 0; r < poly.size(); ++r)
    {
        const PointRing& ring = poly[r];
        size_t n = ring.size();
        if (n < 3)
            continue;
        Vec2 o = ring[0];
        double a = 0, x = 0, y = 0;
        for (size_t i = 1; i + 1 < n; ++i)
        {
            double t = Cross(o, ring[i], ring[i + 1]);
            a += t;
            x += t * (o.x + ring[i].x + ring[i + 1].x);
            y += t * (o.y + ring[i].y + ring[i + 1].y);
        }
        // Outer counts positive and holes negative whatever their stored orientation.
        double sign = ((a > 0) == (r == 0)) ? 1.0 : -1.0;
        area_sum += sign * a;
        cx += sign * x;
        cy += sign * y;
    }
    if (area_sum == 0)
    {
        if (!poly.empty() && !poly[0].empty())
            return BoundsOf(poly[0]).Center();
        return {};
    }
    return {cx / (3.0 * area_sum), cy / (3.0 * area_sum)};
}

Vec2 PoleOfInaccessibility(const PointPolygon& poly, double precision)
{
    if (poly.empty() || poly[0].empty())
        return {};
    Box box = BoundsOf(poly[0]);
    double size = std::min(box.Width(), box.Height());
    if (!(size > 0))
        return box.Center();
    if (!(precision > 0))
        precision = std::max(box.Width(), box.Height()) * 1e-3;

    struct Cell
    {
        Vec2 c;
        double half = 0;
        double dist = 0; // signed distance from the centre to the outline, > 0 inside
        double bound = 0; // the best any point in the cell could do
    };
    auto make_cell = [&](Vec2 c, double half)
    {
        Cell cell;
        cell.c = c;
        cell.half = half;
        double d = DistanceToBoundary(c, poly);
        cell.dist = PointInPolygon(c, poly) ? d : -d;
        cell.bound = cell.dist + half * std::sqrt(2.0);
        return cell;
    };
    auto lower = [](const Cell& a, const Cell& b) { return a.bound < b.bound; };
    std::priority_queue<Cell, std::vector<Cell>, decltype(lower)> queue(lower);
    double half = size * 0.5;
    for (double x = box.min_x; x < box.max_x; x += size)
    {
        for (double y = box.min_y; y < box.max_y; y += size)
            queue.push(make_cell({x + half, y + half}, half));
    }
    Cell best = make_cell(PolygonCentroid(poly), 0);
    Cell centre = make_cell(box.Center(), 0);
    if (centre.dist > best.dist)
        best = centre;
    // The cap bounds the cost on huge outlines; the answer is then merely good rather than optimal.
    int budget = 4000;
    while (!queue.empty() && budget-- > 0)
    {
        Cell cell = queue.top();
        queue.pop();
        if (cell.dist > best.dist)
            best = cell;
        if (cell.bound - best.dist <= precision)
            continue;
        double h = cell.half * 0.5;
        queue.push(make_cell({cell.c.x - h, cell.c.y - h}, h));
        queue.push(make_cell({cell.c.x + h, cell.c.y - h}, h));
        queue.push(make_cell({cell.c.x - h, cell.c.y + h}, h));
        queue.push(make_cell({cell.c.x + h, cell.c.y + h}, h));
    }
    return best.c;
}

Vec2 LabelPoint(const PointMultiPolygon& mp)
{
    const PointPolygon* largest = nullptr;
    double largest_area = -1;
    for (const PointPolygon& poly : mp)
    {
        double a = PolygonArea(poly);
        if (!poly.empty() && a > largest_area)
        {
            largest_area = a;
            largest = &poly;
        }
    }
    if (largest == nullptr)
        return {};
    Vec2 c = PolygonCentroid(*largest);
    if (PointInPolygon(c, *largest))
        return c;
    Box box = BoundsOf((*largest)[0]);
    return PoleOfInaccessibility(*largest, std::max(box.Width(), box.Height()) * 0.005);
}

// ---- spatial index -------------------------------------------------------------------------
int GridIndex::CellX(double x) const
{
    return std::clamp(static_cast<int>(std::floor((x - bounds.min_x) / cell_w)), 0, cells_x - 1);
}

int GridIndex::CellY(double y) const
{
    return std::clamp(static_cast<int>(std::floor((y - bounds.min_y) / cell_h)), 0, cells_y - 1);
}

void GridIndex::Build(const std::vector<Box>& item_boxes, double target_per_cell)
{
    boxes = item_boxes;
    bounds = Box();
    size_t count = 0;
    for (const Box& b : boxes)
    {
        if (!b.IsEmpty())
        {
            bounds.AddBox(b);
            ++count;
        }
    }
    cell_start.clear();
    items.clear();
    if (count == 0)
    {
        cells_x = cells_y = 0;
        return;
    }
    double cells = std::max(1.0, static_cast<double>(count) / std::max(target_per_cell, 0.1));
    double w = std::max(bounds.Width(), 1e-9);
    double h = std::max(bounds.Height(), 1e-9);
    cells_x = std::clamp(static_cast<int>(std::ceil(std::sqrt(cells * w / h))), 1, 2048);
    cells_y = std::clamp(static_cast<int>(std::ceil(cells / cells_x)), 1, 2048);
    cell_w = w / cells_x;
    cell_h = h / cells_y;
    cell_start.assign(static_cast<size_t>(cells_x) * cells_y + 1, 0);
    for (int pass = 0; pass < 2; ++pass)
    {
        std::vector<uint32_t> fill;
        if (pass == 1)
        {
            for (size_t i = 1; i < cell_start.size(); ++i)
                cell_start[i] += cell_start[i - 1];
            items.resize(cell_start.back());
            fill.assign(cell_start.begin(), cell_start.end() - 1);
        }
        for (size_t i = 0; i < boxes.size(); ++i)
        {
            const Box& b = boxes[i];
            if (b.IsEmpty())
                continue;
            int x0 = CellX(b.min_x), x1 = CellX(b.max_x), y0 = CellY(b.min_y), y1 = CellY(b.max_y);
            for (int y = y0; y <= y1; ++y)
            {
                for (int x = x0; x <= x1; ++x)
                {
                    size_t c = static_cast<size_t>(y) * cells_x + x;
                    if (pass == 0)
                        ++cell_start[c + 1];
                    else
                        items[fill[c]++] = static_cast<int32_t>(i);
                }
            }
        }
    }
}

uint32_t GridIndex::CellItems(Vec2 p, const int32_t** first) const
{
    *first = nullptr;
    if (items.empty() || !bounds.Contains(p))
        return 0;
    size_t c = static_cast<size_t>(CellY(p.y)) * cells_x + CellX(p.x);
    *first = items.data() + cell_start[c];
    return cell_start[c + 1] - cell_start[c];
}

void GridIndex::Query(const Box& rect, std::vector<int32_t>* out) const
{
    if (items.empty() || rect.IsEmpty() || !rect.Intersects(bounds))
        return;
    int x0 = CellX(rect.min_x), x1 = CellX(rect.max_x), y0 = CellY(rect.min_y), y1 = CellY(rect.max_y);
    for (int y = y0; y <= y1; ++y)
    {
        for (int x = x0; x <= x1; ++x)
        {
            size_t c = static_cast<size_t>(y) * cells_x + x;
            for (uint32_t k = cell_start[c]; k < cell_start[c + 1]; ++k)
            {
                int32_t item = items[k];
                const Box& b = boxes[item];
                if (!b.Intersects(rect))
                    continue;
                // Report from one cell only: the first cell shared by the item's box and the query.
                if (std::max(CellX(b.min_x), x0) == x && std::max(CellY(b.min_y), y0) == y)
                    out->push_back(item);
            }
        }
    }
}

} // namespace gridstar
