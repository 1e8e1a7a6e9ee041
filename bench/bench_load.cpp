// Load throughput of the core: parse + validate + build the model, then snapshot encode/decode (the storage
// format's restore path). Prints `name: value unit` lines.
// Usage: bench_load [--nlohmann] [label=path ...]
//   --nlohmann  also time a bare nlohmann::json DOM parse of the same bytes (the previous loader's first step)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#if defined(__EMSCRIPTEN__)
#include <emscripten/heap.h>
#else
#include <sys/resource.h>
#endif

#include "core/dataset_json.h"
#include "core/map_model.h"
#include "core/session.h"
#include "core/timeline.h"
#include "core/snapshot.h"

using namespace gridstar;

// CPU time of this process, which other jobs on a busy machine do not inflate (wall time is what users see).
static double CpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

static double Ms(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// Peak memory of the process so far: the wasm heap size (it only grows) or the native peak RSS.
static double PeakMB()
{
#if defined(__EMSCRIPTEN__)
    return double(emscripten_get_heap_size()) / 1e6;
#else
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return double(ru.ru_maxrss) / 1e3; // KiB on Linux
#endif
}

int main(int argc, char** argv)
{
    std::vector<std::pair<std::string, std::string>> inputs;
    bool with_nlohmann = false;
    for (int i = 1; i < argc; ++i)
    {
        std::string a = argv[i];
        if (a == "--nlohmann")
        {
            with_nlohmann = true;
            continue;
        }
        size_t eq = a.find('=');
        inputs.emplace_back(eq == std::string::npos ? "input" : a.substr(0, eq), eq == std::string::npos ? a : a.substr(eq + 1));
    }
    if (inputs.empty())
        inputs.emplace_back("sample", std::string(GS_SAMPLE_PATH));
    for (const auto& [label, path] : inputs)
    {
        // Read straight into one buffer of the file's size, so the peak memory counts the JSON once.
        std::ifstream f(path, std::ios::binary | std::ios::ate);
        if (!f)
        {
            fprintf(stderr, "bench_load: cannot read %s\n", path.c_str());
            continue;
        }
        std::string text(size_t(f.tellg()), '\0');
        f.seekg(0);
        f.read(&text[0], std::streamsize(text.size()));
        const double mb = double(text.size()) / 1e6;
        const int runs = text.size() > 50000000 ? 1 : 3;
        std::vector<double> total_ms, cpu_ms;
        LoadResult keep;
        for (int r = 0; r < runs; ++r)
        {
            auto t0 = std::chrono::steady_clock::now();
            const double c0 = CpuMs();
            LoadResult res = LoadDatasetJson(text);
            total_ms.push_back(Ms(t0));
            cpu_ms.push_back(CpuMs() - c0);
            if (!res.ok)
            {
                fprintf(stderr, "bench_load: %s does not load (%zu errors)\n", path.c_str(), res.error_count);
                return 1;
            }
            if (r == runs - 1)
                keep = std::move(res);
        }
        std::sort(total_ms.begin(), total_ms.end());
        double med = total_ms[total_ms.size() / 2];
        std::sort(cpu_ms.begin(), cpu_ms.end());
        const double cpu_med = cpu_ms[cpu_ms.size() / 2];
        printf("load_%s_bytes: %zu B\n", label.c_str(), text.size());
        printf("load_%s_parse_ms: %.1f ms\n", label.c_str(), keep.parse_ms);
        printf("load_%s_validate_ms: %.1f ms\n", label.c_str(), keep.validate_ms);
        printf("load_%s_total_ms: %.1f ms\n", label.c_str(), med);
        printf("load_%s_throughput: %.1f MB/s\n", label.c_str(), mb / (med / 1000.0));
        printf("load_%s_cpu_ms: %.1f ms (%.1f MB/s of CPU time)\n", label.c_str(), cpu_med, mb / (cpu_med / 1000.0));
        printf("load_%s_json_nodes: %zu\n", label.c_str(), keep.json_nodes);
        printf("load_%s_json_dom_mb: %.1f MB\n", label.c_str(), double(keep.json_bytes) / 1e6);
        printf("load_%s_peak_memory_mb: %.1f MB (%.2fx the JSON)\n", label.c_str(), PeakMB(), PeakMB() / mb);
        // What the app derives from a new dataset: font codepoints on the next frame; the timeline index and the map
        // model the first time those views are shown.
        {
            auto tc = std::chrono::steady_clock::now();
            std::vector<uint32_t> cps = CollectCodepoints(*keep.dataset);
            printf("derive_%s_codepoints_ms: %.1f ms (%zu codepoints)\n", label.c_str(), Ms(tc), cps.size());
            tc = std::chrono::steady_clock::now();
            TimelineIndex index;
            index.Build(*keep.dataset);
            printf("derive_%s_timeline_index_ms: %.1f ms\n", label.c_str(), Ms(tc));
            tc = std::chrono::steady_clock::now();
            MapModel map = BuildMapModel(*keep.dataset);
            printf("derive_%s_map_model_ms: %.1f ms\n", label.c_str(), Ms(tc));
            printf("derive_%s_peak_memory_mb: %.1f MB (%.2fx the JSON)\n", label.c_str(), PeakMB(), PeakMB() / mb);
        }
        auto t1 = std::chrono::steady_clock::now();
        std::vector<uint8_t> snap = EncodeSnapshot(*keep.dataset);
        printf("snapshot_%s_encode_ms: %.1f ms\n", label.c_str(), Ms(t1));
        printf("snapshot_%s_bytes: %zu B\n", label.c_str(), snap.size());
        Dataset back;
        auto t2 = std::chrono::steady_clock::now();
        SnapshotStatus st = DecodeSnapshot(snap.data(), snap.size(), &back);
        printf("snapshot_%s_decode_ms: %.1f ms\n", label.c_str(), Ms(t2));
        if (st != SnapshotStatus::Ok)
            return 1;
        if (with_nlohmann)
        {
            keep = LoadResult();
            back = Dataset();
            auto t3 = std::chrono::steady_clock::now();
            const double c3 = CpuMs();
            {
                nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
                const double parse_ms = Ms(t3);
                printf("nlohmann_%s_dom_parse_ms: %.1f ms (%.1f MB/s; cpu %.1f ms)\n", label.c_str(), parse_ms,
                       mb / (parse_ms / 1000.0), CpuMs() - c3);
                if (j.is_discarded())
                    return 1;
                t3 = std::chrono::steady_clock::now();
            }
            printf("nlohmann_%s_dom_free_ms: %.1f ms\n", label.c_str(), Ms(t3));
            printf("nlohmann_%s_peak_memory_mb: %.1f MB\n", label.c_str(), PeakMB());
        }
    }
    return 0;
}
