// Load throughput of the core: parse + validate + build the model, then snapshot encode/decode (the storage
// format's restore path). Prints `name: value unit` lines. Usage: bench_load [label=path ...]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/dataset_json.h"
#include "core/snapshot.h"

using namespace gridstar;

static double Ms(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

int main(int argc, char** argv)
{
    std::vector<std::pair<std::string, std::string>> inputs;
    for (int i = 1; i < argc; ++i)
    {
        std::string a = argv[i];
        size_t eq = a.find('=');
        inputs.emplace_back(eq == std::string::npos ? "input" : a.substr(0, eq), eq == std::string::npos ? a : a.substr(eq + 1));
    }
    if (inputs.empty())
        inputs.emplace_back("sample", std::string(GS_SAMPLE_PATH));
    for (const auto& [label, path] : inputs)
    {
        std::ifstream f(path, std::ios::binary);
        if (!f)
        {
            fprintf(stderr, "bench_load: cannot read %s\n", path.c_str());
            continue;
        }
        std::stringstream ss;
        ss << f.rdbuf();
        std::string text = ss.str();
        const double mb = double(text.size()) / 1e6;
        const int runs = text.size() > 50000000 ? 1 : 3;
        std::vector<double> total_ms;
        LoadResult keep;
        for (int r = 0; r < runs; ++r)
        {
            auto t0 = std::chrono::steady_clock::now();
            LoadResult res = LoadDatasetJson(text);
            total_ms.push_back(Ms(t0));
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
        printf("load_%s_bytes: %zu B\n", label.c_str(), text.size());
        printf("load_%s_parse_ms: %.1f ms\n", label.c_str(), keep.parse_ms);
        printf("load_%s_validate_ms: %.1f ms\n", label.c_str(), keep.validate_ms);
        printf("load_%s_total_ms: %.1f ms\n", label.c_str(), med);
        printf("load_%s_throughput: %.1f MB/s\n", label.c_str(), mb / (med / 1000.0));
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
    }
    return 0;
}
