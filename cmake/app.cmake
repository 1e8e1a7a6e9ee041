# The ImGui app: the web build under Emscripten, a desktop build natively (for debugging).
if(NOT EXISTS "${IMGUI_DIR}/imgui.cpp")
    message(FATAL_ERROR "Dear ImGui sources not found in ${IMGUI_DIR}: run scripts/setup.sh first")
endif()

# ImGui itself, built from the Debian source package with our imconfig (32-bit ImDrawIdx: maps and
# timelines pass 65,535 vertices in one draw list).
add_library(imgui STATIC
    ${IMGUI_DIR}/imgui.cpp ${IMGUI_DIR}/imgui_draw.cpp ${IMGUI_DIR}/imgui_tables.cpp ${IMGUI_DIR}/imgui_widgets.cpp
    ${IMGUI_DIR}/backends/imgui_impl_sdl.cpp ${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
target_include_directories(imgui SYSTEM PUBLIC ${IMGUI_DIR} ${IMGUI_DIR}/backends)
target_compile_definitions(imgui PUBLIC IMGUI_USER_CONFIG="${CMAKE_SOURCE_DIR}/src/platform/gridstar_imconfig.h")

if(EMSCRIPTEN)
    target_compile_definitions(imgui PUBLIC IMGUI_IMPL_OPENGL_ES3)
    target_include_directories(imgui SYSTEM PUBLIC ${GS_SDL2_WASM_PREFIX}/include/SDL2)
    target_link_libraries(imgui PUBLIC ${GS_SDL2_WASM_PREFIX}/lib/libSDL2.a)
else()
    find_package(SDL2 REQUIRED)
    find_package(OpenGL REQUIRED)
    target_include_directories(imgui SYSTEM PUBLIC ${SDL2_INCLUDE_DIRS})
    target_link_libraries(imgui PUBLIC ${SDL2_LIBRARIES} OpenGL::GL ${CMAKE_DL_LIBS})
endif()

# The characters of the app's own string literals outside the UI table (load faults and ranking statuses composed by
# the core, the built-in marked days, symbols the views draw): the atlas always holds them (platform/fonts.cpp).
file(GLOB GS_DISPLAY_SOURCES CONFIGURE_DEPENDS src/core/*.cpp src/core/*.h src/ui/*.cpp src/ui/*.h src/platform/*.cpp
    src/platform/*.h)
set(GS_GENERATED_DIR "${CMAKE_BINARY_DIR}/generated")
add_custom_command(
    OUTPUT ${GS_GENERATED_DIR}/display_chars.inc
    COMMAND /usr/bin/python3 ${CMAKE_SOURCE_DIR}/tools/fonts/display_chars.py --out ${GS_GENERATED_DIR}/display_chars.inc
        ${GS_DISPLAY_SOURCES}
    DEPENDS ${CMAKE_SOURCE_DIR}/tools/fonts/display_chars.py ${GS_DISPLAY_SOURCES}
    COMMENT "Collecting the characters of the app's string literals")

# ---- fonts: subset Debian's Noto Sans CJK at build time ----
set(GS_FONT_DIR "${CMAKE_BINARY_DIR}/fonts")
file(GLOB GS_UI_STRING_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/ui/strings*)
set(GS_SAMPLE "${CMAKE_SOURCE_DIR}/assets/sample/laoshan.json")
set(GS_FONT_TEXT_ARGS)
foreach(f ${GS_UI_STRING_SOURCES} ${GS_SAMPLE} ${GS_GENERATED_DIR}/display_chars.inc)
    list(APPEND GS_FONT_TEXT_ARGS --text ${f})
endforeach()
add_custom_command(
    OUTPUT ${GS_FONT_DIR}/gridstar-core.ttf ${GS_FONT_DIR}/gridstar-wide.ttf
    COMMAND /usr/bin/python3 ${CMAKE_SOURCE_DIR}/tools/fonts/subset_fonts.py --out-dir ${GS_FONT_DIR} ${GS_FONT_TEXT_ARGS}
    DEPENDS ${CMAKE_SOURCE_DIR}/tools/fonts/subset_fonts.py ${GS_UI_STRING_SOURCES} ${GS_SAMPLE}
        ${GS_GENERATED_DIR}/display_chars.inc
    COMMENT "Subsetting Noto Sans CJK")
add_custom_target(gridstar_fonts DEPENDS ${GS_FONT_DIR}/gridstar-core.ttf ${GS_FONT_DIR}/gridstar-wide.ttf)


file(GLOB GS_UI_SOURCES CONFIGURE_DEPENDS src/ui/*.cpp)
set(GS_PLATFORM_COMMON src/platform/app_main.cpp src/platform/fonts.cpp ${GS_GENERATED_DIR}/display_chars.inc)

if(EMSCRIPTEN)
    # scripts/run.sh and test.sh point this at build/web; other build trees keep their own copy.
    set(GS_WEB_OUT "${CMAKE_BINARY_DIR}/web" CACHE PATH "Where the web app is written")
    add_executable(gridstar ${GS_PLATFORM_COMMON} ${GS_UI_SOURCES}
        src/platform/main_loop_web.cpp src/platform/storage_web.cpp src/platform/web_api.cpp)
    target_link_libraries(gridstar PRIVATE gridstar_core imgui)
    target_include_directories(gridstar PRIVATE ${GS_GENERATED_DIR})
    add_dependencies(gridstar gridstar_fonts)
    set_target_properties(gridstar PROPERTIES OUTPUT_NAME "gridstar" SUFFIX ".js"
        RUNTIME_OUTPUT_DIRECTORY "${GS_WEB_OUT}")
    set(GS_WEB_JS ${CMAKE_SOURCE_DIR}/web/pre.js ${CMAKE_SOURCE_DIR}/web/storage.js ${CMAKE_SOURCE_DIR}/web/api.js)
    target_link_options(gridstar PRIVATE
        -sUSE_SDL=0 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
        -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=64MB -sMAXIMUM_MEMORY=4GB
        -sEXPORTED_RUNTIME_METHODS=UTF8ToString,stringToUTF8,lengthBytesUTF8,addRunDependency,removeRunDependency
        -sEXPORTED_FUNCTIONS=_main,_malloc,_free
        # No emscripten file system: the core font and the sample come in our own package (web/pack_data.py, read
        # by web/pre.js), which took 10 KB of gzip off the JS and ~20 ms off start-up (FS set-up, the preloader).
        -sFILESYSTEM=0 -sENVIRONMENT=web -sTEXTDECODER=2
        # The app uses WebGL2's core only: enabling each of the browser's ~30 extensions at start-up cost 10-20 ms.
        -sGL_SUPPORT_AUTOMATIC_ENABLE_EXTENSIONS=0 -sGL_SUPPORT_SIMPLE_ENABLE_EXTENSIONS=0
        "SHELL:--pre-js ${CMAKE_SOURCE_DIR}/web/pre.js" "SHELL:--pre-js ${CMAKE_SOURCE_DIR}/web/storage.js"
        "SHELL:--post-js ${CMAKE_SOURCE_DIR}/web/api.js")
    set_property(TARGET gridstar APPEND PROPERTY LINK_DEPENDS ${GS_WEB_JS})
    # The sample's snapshot (the storage format), made at build time by the core itself run under node: start-up
    # decodes it instead of parsing the sample's JSON.
    add_executable(gridstar_make_snapshot tools/snapshot/make_snapshot.cpp)
    target_link_libraries(gridstar_make_snapshot PRIVATE gridstar_core)
    # Synchronous compilation: emcc 3.1.6 would fetch() the wasm by path, which the fetch of node 18+ refuses.
    target_link_options(gridstar_make_snapshot PRIVATE -sENVIRONMENT=node -sNODERAWFS=1 -sALLOW_MEMORY_GROWTH=1
        -sWASM_ASYNC_COMPILATION=0 -sEXIT_RUNTIME=1)
    set(GS_SAMPLE_SNAPSHOT "${CMAKE_BINARY_DIR}/sample/sample.gsnap")
    # Plain node: emscripten's CMAKE_CROSSCOMPILING_EMULATOR adds a flag this node no longer accepts.
    find_program(GS_NODE node)
    if(NOT GS_NODE)
        message(FATAL_ERROR "node not found: the web build runs tools/snapshot under node (scripts/setup.sh)")
    endif()
    add_custom_command(OUTPUT ${GS_SAMPLE_SNAPSHOT}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/sample
        COMMAND ${GS_NODE} $<TARGET_FILE:gridstar_make_snapshot> ${GS_SAMPLE} ${GS_SAMPLE_SNAPSHOT}
        DEPENDS gridstar_make_snapshot ${GS_SAMPLE}
        COMMENT "Snapshot of the embedded sample")
    add_custom_target(gridstar_sample_snapshot DEPENDS ${GS_SAMPLE_SNAPSHOT})
    add_dependencies(gridstar gridstar_sample_snapshot)
    # The data package (core font + the sample's snapshot), the page, the service worker, the manifest and the
    # lazily fetched wide font sit beside the wasm; the build id is stamped over all of them last. A new snapshot or
    # core font relinks, so the package and the stamp never go stale.
    set_property(TARGET gridstar APPEND PROPERTY LINK_DEPENDS ${GS_SAMPLE_SNAPSHOT} ${GS_FONT_DIR}/gridstar-core.ttf)
    add_custom_command(TARGET gridstar POST_BUILD
        COMMAND /usr/bin/python3 ${CMAKE_SOURCE_DIR}/web/pack_data.py --out ${GS_WEB_OUT}/gridstar.data
            fonts/gridstar-core.ttf=${GS_FONT_DIR}/gridstar-core.ttf data/sample.gsnap=${GS_SAMPLE_SNAPSHOT}
        COMMAND ${CMAKE_COMMAND} -E copy ${CMAKE_SOURCE_DIR}/shell.html ${GS_WEB_OUT}/index.html
        COMMAND ${CMAKE_COMMAND} -E copy ${GS_FONT_DIR}/gridstar-wide.ttf ${GS_WEB_OUT}/gridstar-wide.ttf
        COMMAND ${CMAKE_COMMAND} -E copy_directory ${CMAKE_SOURCE_DIR}/web/static ${GS_WEB_OUT}
        # Build id (hash of the files) into index.html and sw.js: each build gets its own offline cache.
        COMMAND /usr/bin/python3 ${CMAKE_SOURCE_DIR}/web/stamp_sw.py --web-dir ${GS_WEB_OUT}
            --template ${CMAKE_SOURCE_DIR}/web/static/sw.js)
    set_property(TARGET gridstar APPEND PROPERTY LINK_DEPENDS ${CMAKE_SOURCE_DIR}/shell.html ${CMAKE_SOURCE_DIR}/web/pack_data.py
        ${CMAKE_SOURCE_DIR}/web/static/sw.js ${CMAKE_SOURCE_DIR}/web/stamp_sw.py)
    # The portable single-file page (build only when asked: `cmake --build <dir> --target gridstar_portable`, or
    # `scripts/run.sh --portable`). Made from the finished web build in about a second, no second link.
    get_filename_component(GS_WEB_PARENT "${GS_WEB_OUT}" DIRECTORY)
    set(GS_PORTABLE_OUT "${GS_WEB_PARENT}/portable" CACHE PATH "Where the portable gridstar.html is written")
    option(GS_PORTABLE_WIDE_FONT "Inline the wide CJK font in the portable page too (~12 MB more)" OFF)
    set(GS_PORTABLE_ARGS)
    if(GS_PORTABLE_WIDE_FONT)
        set(GS_PORTABLE_ARGS --wide-font)
    endif()
    add_custom_target(gridstar_portable
        COMMAND /usr/bin/python3 ${CMAKE_SOURCE_DIR}/tools/portable/make_portable.py --web-dir ${GS_WEB_OUT}
            --out ${GS_PORTABLE_OUT}/gridstar.html ${GS_PORTABLE_ARGS}
        DEPENDS gridstar ${CMAKE_SOURCE_DIR}/tools/portable/make_portable.py
        COMMENT "Writing the portable single-file page")
    # Size: the web build is compiled for size (GS_WEB_COLD_OPT) except the core files whose speed has a target:
    # parsing and validation (json_reader, dataset_json, time_util, model), the snapshot (restore), the ranking
    # engine (what-if) and the map frame (map_view_model). All -O3 measured 494 KB of wasm gzip against 468 KB for
    # this list, with the same load, ranking and map figures; -O2 saved only 6 KB over -O3.
    # No C++ exceptions or RTTI anywhere in the app (em++ does not catch exceptions by default anyway).
    set(GS_WEB_COLD_OPT "-Oz" CACHE STRING "Optimisation of the web build's cold code (UI, most of ImGui)")
    set(GS_WEB_HOT_OPT "-O3" CACHE STRING "Optimisation of the start-up and data paths of the web build")
    set(GS_WEB_HOT_CORE "json_reader;dataset_json;snapshot;word_hash;ranking;map_view_model;time_util;model"
        CACHE STRING "src/core files built with GS_WEB_HOT_OPT")
    # The level is set per source file, never as a target option followed by a per-file override: clang keeps the
    # size mode of an earlier -Oz even after a later -O3 (functions stay minsize, small helpers are not inlined),
    # which had left the "hot" files at -Oz in effect, and the ranking recompute three times slower.
    set(GS_WEB_HOT_SOURCES)
    foreach(f ${GS_WEB_HOT_CORE})
        list(APPEND GS_WEB_HOT_SOURCES ${CMAKE_SOURCE_DIR}/src/core/${f}.cpp)
    endforeach()
    # Link-time optimisation across our code and ImGui: 13 KB less wasm gzip. The -O3 files keep what their compile
    # step did (inlining, simplification); the passes LLVM leaves for link time (loop unrolling, vectorisation) run
    # at wasm-ld's LTO level (its default, O2: emcc 3.1.6 passes none), and functions compiled -Oz keep their minsize
    # attribute there. Measured: the 100k load no slower (A/B in the page), ranking what-if 13.7 ms, frames unchanged.
    foreach(t gridstar imgui gridstar_core)
        target_compile_options(${t} PRIVATE -fno-exceptions -fno-rtti -flto)
        get_target_property(t_sources ${t} SOURCES)
        foreach(src ${t_sources})
            get_filename_component(src_abs "${src}" ABSOLUTE BASE_DIR "${CMAKE_SOURCE_DIR}")
            if(src_abs IN_LIST GS_WEB_HOT_SOURCES)
                set_source_files_properties(${src} PROPERTIES COMPILE_OPTIONS ${GS_WEB_HOT_OPT})
            else()
                set_source_files_properties(${src} PROPERTIES COMPILE_OPTIONS ${GS_WEB_COLD_OPT})
            endif()
        endforeach()
    endforeach()
    # wasm-opt at link for size too: the hot code was already optimised for speed by the compiler.
    target_link_options(gridstar PRIVATE -Oz -flto)
    # A bare ImGui + SDL2 "hello" page from the same toolchain: the benchmark's reference point.
    add_executable(hello_imgui_ref tools/hello/hello.cpp)
    target_link_libraries(hello_imgui_ref PRIVATE imgui)
    set_target_properties(hello_imgui_ref PROPERTIES OUTPUT_NAME "hello" SUFFIX ".js"
        RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/hello")
    target_link_options(hello_imgui_ref PRIVATE -sUSE_SDL=0 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
        -sALLOW_MEMORY_GROWTH=1 -sENVIRONMENT=web)
    add_custom_command(TARGET hello_imgui_ref POST_BUILD
        COMMAND ${CMAKE_COMMAND} -E copy ${CMAKE_SOURCE_DIR}/tools/hello/index.html ${CMAKE_BINARY_DIR}/hello/index.html)
else()
    add_executable(gridstar_desktop ${GS_PLATFORM_COMMON} ${GS_UI_SOURCES}
        src/platform/main_loop_native.cpp src/platform/storage_native.cpp)
    target_link_libraries(gridstar_desktop PRIVATE gridstar_core imgui)
    target_include_directories(gridstar_desktop PRIVATE ${GS_GENERATED_DIR})
    add_dependencies(gridstar_desktop gridstar_fonts)
    target_compile_definitions(gridstar_desktop PRIVATE GS_FONT_DIR="${GS_FONT_DIR}" GS_SAMPLE_PATH="${GS_SAMPLE}")
endif()
