// Storage on the desktop: files under $XDG_DATA_HOME/gridstar (or ~/.local/share/gridstar). A save writes the
// new files completely, then renames a new `current` pointer over the old one, so a crash never leaves half a
// dataset current.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

#include "core/snapshot.h"
#include "platform/storage.h"

namespace gridstar::storage
{
namespace
{

std::string Dir()
{
    const char* xdg = getenv("XDG_DATA_HOME");
    const char* home = getenv("HOME");
    std::string base = xdg && *xdg ? xdg : std::string(home ? home : ".") + "/.local/share";
    return base + "/gridstar";
}

bool ReadAll(const std::string& path, std::string* out)
{
    std::ifstream f(path, std::ios::binary);
    if (!f)
        return false;
    std::stringstream ss;
    ss << f.rdbuf();
    *out = ss.str();
    return true;
}

bool WriteAll(const std::string& path, const void* data, size_t n)
{
    FILE* f = fopen(path.c_str(), "wb");
    if (!f)
        return false;
    bool ok = fwrite(data, 1, n, f) == n;
    ok = fflush(f) == 0 && ok;
    ok = fclose(f) == 0 && ok;
    return ok;
}

} // namespace

void Init(StorageInfo* info)
{
    std::string dir = Dir();
    mkdir((dir.substr(0, dir.rfind('/'))).c_str(), 0755);
    mkdir(dir.c_str(), 0755);
    struct stat st;
    info->available = stat(dir.c_str(), &st) == 0;
    info->persisted = info->available;
    info->bytes_used = -1;
}

Restored Restore()
{
    Restored r;
    std::string id, snap;
    if (!ReadAll(Dir() + "/current", &id) || id.empty() || !ReadAll(Dir() + "/" + id + ".snap", &snap))
        return r;
    auto ds = std::make_unique<Dataset>();
    if (DecodeSnapshot(reinterpret_cast<const uint8_t*>(snap.data()), snap.size(), ds.get()) == SnapshotStatus::Ok)
        r.dataset = std::move(ds);
    else
        r.message = "stored snapshot unreadable; open the dataset again";
    return r;
}

void Save(const std::vector<uint8_t>& snapshot, std::string_view json, const std::string& name)
{
    std::string dir = Dir();
    std::string id = std::to_string(time(nullptr)) + "-" + std::to_string(rand());
    if (!WriteAll(dir + "/" + id + ".snap", snapshot.data(), snapshot.size()) ||
        !WriteAll(dir + "/" + id + ".json", json.data(), json.size()) ||
        !WriteAll(dir + "/current.tmp", id.data(), id.size()) ||
        rename((dir + "/current.tmp").c_str(), (dir + "/current").c_str()) != 0)
    {
        fprintf(stderr, "GridStar: saving failed; the stored copy is unchanged\n");
        return;
    }
    (void)name;
}

void Poll(StorageInfo*)
{
}

} // namespace gridstar::storage
