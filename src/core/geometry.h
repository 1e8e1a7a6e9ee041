// Planar geometry for the Map view: projection, triangulation, simplification, hit-testing, label points.
// Everything here runs at load time (or in hit-tests), never allocates per frame and never throws.
// Projected coordinates are metres east (x) and north (y) of the projection origin; y grows upwards.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "core/model.h"

namespace gridstar
{

struct Vec2
{
    double x = 0;
    double y = 0;
};

using PointRing = std::vector<Vec2>;               // closing point removed
using PointPolygon = std::vector<PointRing>;       // [0] outer ring, [1..] holes
using PointMultiPolygon = std::vector<PointPolygon>;

struct Box
{
    double min_x = std::numeric_limits<double>::infinity();
    double min_y = std::numeric_limits<double>::infinity();
    double max_x = -std::numeric_limits<double>::infinity();
    double max_y = -std::numeric_limits<double>::infinity();

    bool IsEmpty() const { return !(min_x <= max_x && min_y <= max_y); }
    double Width() const { return IsEmpty() ? 0.0 : max_x - min_x; }
    double Height() const { return IsEmpty() ? 0.0 : max_y - min_y; }
    Vec2 Center() const { return {(min_x + max_x) * 0.5, (min_y + max_y) * 0.5}; }
    void Add(Vec2 p);
    void AddBox(const Box& b);
    bool Contains(Vec2 p) const { return p.x >= min_x && p.x <= max_x && p.y >= min_y && p.y <= max_y; }
    bool Intersects(const Box& b) const
    {
        return b.min_x <= max_x && b.max_x >= min_x && b.min_y <= max_y && b.max_y >= min_y;
    }
};

Box BoundsOf(const PointRing& ring);
Box BoundsOf(const PointMultiPolygon& mp);

// ---- projection ----------------------------------------------------------------------------
// Local equirectangular projection: x = R·Δlon·cos(lat0), y = R·Δlat. Over a district (tens of km) the scale
// error is well under 1 %, so shapes keep their proportions, and unlike Web Mercator the units are metres,
// which makes simplification tolerances and areas meaningful.
struct Projection
{
    double lon0 = 0;
    double lat0 = 0;
    double metres_per_deg_x = 1; // R·π/180·cos(lat0)
    double metres_per_deg_y = 1; // R·π/180

    Vec2 Project(LonLat p) const { return {(p.lon - lon0) * metres_per_deg_x, (p.lat - lat0) * metres_per_deg_y}; }
    LonLat Unproject(Vec2 p) const { return {lon0 + p.x / metres_per_deg_x, lat0 + p.y / metres_per_deg_y}; }
};

Projection MakeProjection(double lon0, double lat0);
// Origin at the centre of the bounding box of every boundary in the dataset (district first, else any unit).
Projection MakeProjectionFor(const Dataset& ds);

PointRing ProjectRing(const Projection& proj, const Ring& ring);
PointMultiPolygon ProjectMultiPolygon(const Projection& proj, const MultiPolygon& mp);

// ---- measures ------------------------------------------------------------------------------
double Cross(Vec2 a, Vec2 b, Vec2 c); // twice the signed area of triangle abc, > 0 when counter-clockwise
double RingSignedArea(const PointRing& ring); // > 0 when counter-clockwise
double PolygonArea(const PointPolygon& poly);  // |outer| − Σ|holes|
double MultiPolygonArea(const PointMultiPolygon& mp);
// Sum of |triangle areas| of an index list (3 per triangle) into `points`.
double TrianglesArea(const std::vector<Vec2>& points, const std::vector<uint32_t>& indices);

double DistanceToSegment(Vec2 p, Vec2 a, Vec2 b);
double DistanceToRing(Vec2 p, const PointRing& ring); // to the closed outline
double DistanceToBoundary(Vec2 p, const PointPolygon& poly);

// Drops the closing point, consecutive duplicates and exactly collinear middle points (none of which change the
// area). The result may have fewer than 3 points when the ring is degenerate.
PointRing CleanRing(const PointRing& ring);

// ---- triangulation -------------------------------------------------------------------------
// Ear clipping with hole bridging. Appends 3 indices per triangle to `out`; an index i refers to the i-th point of
// the concatenation of all rings (outer first, then holes in order) plus `index_base`. Works with either ring
// orientation, skips duplicate and collinear points and degenerate rings. Self-intersecting input still yields
// triangles whose signed areas sum to the polygon's, but they may overlap. Returns false if a fallback was needed.
bool TriangulatePolygon(const PointPolygon& poly, std::vector<uint32_t>* out, uint32_t index_base = 0);
// Same for every polygon, indices into the concatenation of all rings of all polygons.
bool TriangulateMultiPolygon(const PointMultiPolygon& mp, std::vector<uint32_t>* out, uint32_t index_base = 0);

// ---- simplification ------------------------------------------------------------------------
// Douglas–Peucker on a closed ring: every original point stays within `tolerance` of the result. When the result
// would have fewer than 3 points the original ring is returned unchanged, so a ring never collapses.
PointRing SimplifyRing(const PointRing& ring, double tolerance);

// ---- containment ---------------------------------------------------------------------------
// Even-odd rule, so holes and the parts of a multipolygon need no special casing.
bool PointInRing(Vec2 p, const PointRing& ring);
bool PointInRing(Vec2 p, const Vec2* ring, size_t n); // a ring stored inside a larger point array
bool PointInPolygon(Vec2 p, const PointPolygon& poly);
bool PointInMultiPolygon(Vec2 p, const PointMultiPolygon& mp);

// True when two non-adjacent edges touch or cross, or two adjacent edges fold back onto each other.
// Consecutive duplicate points are ignored. Uses a uniform grid of edges, so near O(n) on real outlines.
bool RingSelfIntersects(const PointRing& ring);
bool RingSelfIntersects(const Ring& ring); // lon/lat taken as planar x/y (the test is affine-invariant)

// ---- labels --------------------------------------------------------------------------------
// Area centroid (holes subtracted); may lie outside a concave polygon.
Vec2 PolygonCentroid(const PointPolygon& poly);
// The interior point farthest from the outline, to within `precision`, by best-first subdivision of the bbox.
Vec2 PoleOfInaccessibility(const PointPolygon& poly, double precision);
// Centroid of the largest part when it is inside, else that part's pole of inaccessibility.
Vec2 LabelPoint(const PointMultiPolygon& mp);

// ---- spatial index -------------------------------------------------------------------------
// Uniform grid of item bounding boxes: each item is listed in every cell its box overlaps. Built once, read-only.
struct GridIndex
{
    Box bounds;
    int cells_x = 0;
    int cells_y = 0;
    double cell_w = 1;
    double cell_h = 1;
    std::vector<uint32_t> cell_start; // cells_x·cells_y + 1 offsets into `items`
    std::vector<int32_t> items;
    std::vector<Box> boxes;           // per item, as given to Build (empty boxes are not indexed)

    // `target_per_cell` items on average per cell.
    void Build(const std::vector<Box>& item_boxes, double target_per_cell = 2.0);
    bool Empty() const { return items.empty(); }
    // Items whose cell contains p (a superset of the boxes that contain p). Returns the count; *first set.
    uint32_t CellItems(Vec2 p, const int32_t** first) const;
    // Appends each item whose box intersects `rect` exactly once (no per-query scratch memory needed).
    void Query(const Box& rect, std::vector<int32_t>* out) const;

    int CellX(double x) const;
    int CellY(double y) const;
};

} // namespace gridstar
