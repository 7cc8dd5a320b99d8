// A stand-in for libnvrtc: "compiles" by checking the options and that the source is the one the
// emulated driver was built from (kernels.cu), and returns a marker image the fake driver accepts.
#include <cstring>
#include <string>

static const char* const BuiltSource =
#include "kernels.inc"
    ;

struct Program { std::string source, log; };

extern "C" {
int nvrtcVersion(int* major, int* minor) { *major = 12; *minor = 8; return 0; }
int nvrtcGetNumSupportedArchs(int* n) { *n = 5; return 0; }
int nvrtcGetSupportedArchs(int* a) { int archs[] = {75, 80, 86, 89, 90}; std::memcpy(a, archs, sizeof archs); return 0; }
int nvrtcCreateProgram(void** p, const char* src, const char*, int n, const char* const*, const char* const*)
{
    if (n != 0) return 3;
    *p = new Program{src, ""};
    return 0;
}
int nvrtcCompileProgram(void* p, int n, const char* const* options)
{
    Program* program = (Program*)p;
    bool arch = false, fmad = false;
    for (int i = 0; i < n; i++)
    {
        arch |= std::strncmp(options[i], "--gpu-architecture=sm_", 22) == 0 || std::strncmp(options[i], "--gpu-architecture=compute_", 27) == 0;
        fmad |= std::strcmp(options[i], "--fmad=false") == 0;
    }
    if (!arch || !fmad) { program->log = "emulator: expected --gpu-architecture and --fmad=false"; return 5; }
    if (program->source != BuiltSource) { program->log = "emulator: the kernel source differs from the one the emulator was built from; run tests/gpu/emulator/build.sh again"; return 6; }
    program->log = "emulated";
    return 0;
}
int nvrtcGetProgramLogSize(void* p, size_t* n) { *n = ((Program*)p)->log.size() + 1; return 0; }
int nvrtcGetProgramLog(void* p, char* log) { std::strcpy(log, ((Program*)p)->log.c_str()); return 0; }
int nvrtcGetCUBINSize(void*, size_t* n) { *n = 10; return 0; }
int nvrtcGetCUBIN(void*, char* image) { std::memcpy(image, "EMU-CUBIN", 10); return 0; }
int nvrtcGetPTXSize(void*, size_t* n) { *n = 8; return 0; }
int nvrtcGetPTX(void*, char* image) { std::memcpy(image, "EMU-PTX", 8); return 0; }
int nvrtcDestroyProgram(void** p) { delete (Program*)*p; *p = nullptr; return 0; }
const char* nvrtcGetErrorString(int r) { return r == 0 ? "NVRTC_SUCCESS" : "NVRTC_ERROR"; }
}
