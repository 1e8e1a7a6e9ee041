// Factories of the workspace's views, one per file (view_*.cpp).
#pragma once

#include <memory>

#include "ui/view.h"

namespace gridstar::ui
{

std::unique_ptr<View> MakeOverviewView();
std::unique_ptr<View> MakeMapView();
std::unique_ptr<View> MakeTimelineView();
std::unique_ptr<View> MakeRankingView();
std::unique_ptr<View> MakeDataView();

} // namespace gridstar::ui
