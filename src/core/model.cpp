#include "core/model.h"

namespace gridstar
{

Counts ComputeCounts(const Dataset& ds)
{
    Counts c;
    c.streets = int64_t(ds.streets.size());
    c.communities = int64_t(ds.communities.size());
    c.grids = int64_t(ds.grids.size());
    c.micro_grids = int64_t(ds.micro_grids.size());
    for (const Grid& g : ds.grids)
        if (!g.worker.name.empty())
            ++c.grid_workers;
    c.teams = int64_t(ds.teams.size());
    if (!ds.volunteers.empty())
    {
        c.volunteers = int64_t(ds.volunteers.size());
    }
    else
    {
        for (const Team& t : ds.teams)
            c.volunteers += t.members;
    }
    c.activities = int64_t(ds.activities.size());
    for (const Activity& a : ds.activities)
        c.service_hours += a.hours;
    for (const Community& cm : ds.communities)
    {
        c.households += cm.households;
        c.population += cm.population;
    }
    c.events = int64_t(ds.events.size());
    for (const Event& e : ds.events)
        if (e.status == EventStatus::Closed || e.status == EventStatus::Rated || e.closed_at != 0)
            ++c.events_closed;
    return c;
}

} // namespace gridstar
