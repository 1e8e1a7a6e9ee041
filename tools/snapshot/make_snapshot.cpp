// Build-time tool: reads a gridstar/1 JSON file, validates it with the app's own loader and writes its snapshot
// (the storage format). The web build ships the embedded sample this way, so start-up decodes the sample instead of
// parsing 2 MB of JSON. Built with em++ and run by node in the web build (the core is already compiled for wasm
// there); any fault in the input fails the build with the loader's path-named messages.
//
//     make_snapshot <in.json> <out.gsnap>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "core/dataset_json.h"
#include "core/snapshot.h"

int main(int argc, char** argv)
{
    if (argc != 3)
    {
        std::fprintf(stderr, "usage: make_snapshot <in.json> <out.gsnap>\n");
        return 2;
    }
    std::ifstream in(argv[1], std::ios::binary);
    if (!in)
    {
        std::fprintf(stderr, "make_snapshot: cannot read %s\n", argv[1]);
        return 1;
    }
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    gridstar::LoadResult r = gridstar::LoadDatasetJson(text);
    for (const gridstar::Fault& f : r.faults)
        std::fprintf(stderr, "%s: %s\n", argv[1], gridstar::FaultToString(f).c_str());
    if (!r.ok)
        return 1;
    std::vector<uint8_t> snap = gridstar::EncodeSnapshot(*r.dataset);
    std::string tmp = std::string(argv[2]) + ".tmp";
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(snap.data()), std::streamsize(snap.size()));
    out.close(); // flushes: a failed flush shows in the stream's state
    if (!out || std::rename(tmp.c_str(), argv[2]) != 0)
    {
        std::fprintf(stderr, "make_snapshot: cannot write %s\n", argv[2]);
        std::remove(tmp.c_str());
        return 1;
    }
    std::printf("make_snapshot: %s -> %s (%zu bytes)\n", argv[1], argv[2], snap.size());
    return 0;
}
