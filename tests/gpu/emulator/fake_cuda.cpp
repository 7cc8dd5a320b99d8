// A stand-in for libcuda.so.1: the driver API calls the CUDA backend makes, with "device memory"
// in host memory and kernels run by a scheduler of fibers (one per CUDA thread, ucontext), which
// gives __syncthreads and warp shuffles their real meaning: a fiber waits until its block (or warp)
// has arrived. Blocks run one after another. Launch limits are checked as the driver would.
#include "device.h"
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <ucontext.h>
#include <utility>
#include <vector>

emu_uint3 threadIdx, blockIdx, blockDim, gridDim;

#include "kernels.cu"

typedef int CUresult;
enum { OK = 0, INVALID_VALUE = 1, OUT_OF_MEMORY = 2, NOT_FOUND = 500, LAUNCH_FAILED = 719 };

namespace {

template <typename... A, size_t... I>
void invoke_impl(void (*f)(A...), void** p, std::index_sequence<I...>) { f(*static_cast<A*>(p[I])...); }

template <typename... A>
void invoke(void (*f)(A...), void** p) { invoke_impl(f, p, std::index_sequence_for<A...>{}); }

struct Kernel { const char* name; void (*run)(void**); };
#include "registry.inc"

enum State { Runnable, AtBarrier, AtShuffle, Done };
struct Fiber { ucontext_t context; std::vector<char> stack; State state; double value; int mask; double result; };

ucontext_t scheduler;
std::vector<Fiber> fibers;
int current;
Kernel* running;
void** parameters;

void fiber_main() { running->run(parameters); fibers[current].state = Done; }

void park(State state)
{
    fibers[current].state = state;
    swapcontext(&fibers[current].context, &scheduler);
}

bool run_block(unsigned int threads)
{
    for (unsigned int i = 0; i < threads; i++)
    {
        Fiber& f = fibers[i];
        getcontext(&f.context);
        f.context.uc_stack.ss_sp = f.stack.data();
        f.context.uc_stack.ss_size = f.stack.size();
        f.context.uc_link = &scheduler;
        makecontext(&f.context, fiber_main, 0);
        f.state = Runnable;
    }

    for (;;)
    {
        for (unsigned int i = 0; i < threads; i++)
        {
            if (fibers[i].state != Runnable) continue;
            current = (int)i;
            threadIdx = {i, 0, 0};
            swapcontext(&scheduler, &fibers[i].context);
        }

        bool progress = false, anyLeft = false;
        for (unsigned int w = 0; w < threads; w += 32)
        {
            unsigned int end = w + 32 < threads ? w + 32 : threads;
            bool any = false, all = true;
            for (unsigned int i = w; i < end; i++)
            {
                any |= fibers[i].state == AtShuffle;
                all &= fibers[i].state == AtShuffle || fibers[i].state == Done;
            }
            if (!any || !all) continue;
            if (end - w != 32) { std::fprintf(stderr, "emulator: %s shuffles in a partial warp\n", running->name); return false; }
            for (unsigned int i = w; i < end; i++)
            {
                if (fibers[i].state != AtShuffle) { std::fprintf(stderr, "emulator: %s shuffles with exited lanes\n", running->name); return false; }
                fibers[i].result = fibers[w + ((i - w) ^ fibers[i].mask)].value;
            }
            for (unsigned int i = w; i < end; i++) fibers[i].state = Runnable;
            progress = true;
        }
        if (progress) continue;

        bool allAtBarrier = true;
        for (unsigned int i = 0; i < threads; i++)
        {
            anyLeft |= fibers[i].state != Done;
            allAtBarrier &= fibers[i].state == AtBarrier || fibers[i].state == Done;
        }
        if (!anyLeft) return true;
        if (!allAtBarrier) { std::fprintf(stderr, "emulator: %s deadlocks (threads wait at different barriers or shuffles)\n", running->name); return false; }
        for (unsigned int i = 0; i < threads; i++)
            if (fibers[i].state == AtBarrier) fibers[i].state = Runnable;
    }
}

const char* error_name(CUresult r)
{
    switch (r)
    {
        case OK: return "CUDA_SUCCESS";
        case INVALID_VALUE: return "CUDA_ERROR_INVALID_VALUE";
        case OUT_OF_MEMORY: return "CUDA_ERROR_OUT_OF_MEMORY";
        case NOT_FOUND: return "CUDA_ERROR_NOT_FOUND";
        default: return "CUDA_ERROR_LAUNCH_FAILED";
    }
}

size_t limit = getenv("EMU_MEMORY_LIMIT") ? strtoull(getenv("EMU_MEMORY_LIMIT"), nullptr, 10) : (size_t)8 << 30;
size_t used;
std::map<unsigned long long, size_t> blocks;

} // namespace

void emu_syncthreads() { park(AtBarrier); }

double emu_shuffle_xor(double value, int laneMask)
{
    fibers[current].value = value;
    fibers[current].mask = laneMask;
    park(AtShuffle);
    return fibers[current].result;
}

extern "C" {
CUresult cuInit(unsigned int) { return OK; }
CUresult cuDriverGetVersion(int* v) { *v = 12080; return OK; }
CUresult cuDeviceGetCount(int* n) { *n = 1; return OK; }
CUresult cuDeviceGet(int* d, int ordinal) { *d = ordinal; return ordinal == 0 ? OK : INVALID_VALUE; }
CUresult cuDeviceGetName(char* name, int length, int) { std::snprintf(name, length, "Emulated GPU (CPU fibers)"); return OK; }
CUresult cuDeviceGetAttribute(int* v, int attribute, int)
{
    *v = attribute == 75 ? 9 : attribute == 76 ? 0 : attribute == 16 ? 4 : 0;
    return OK;
}
CUresult cuDeviceTotalMem_v2(size_t* bytes, int) { *bytes = limit; return OK; }
CUresult cuDevicePrimaryCtxRetain(void** context, int) { *context = (void*)0x1; return OK; }
CUresult cuCtxSetCurrent(void* context) { return context == (void*)0x1 ? OK : INVALID_VALUE; }
CUresult cuMemGetInfo_v2(size_t* free, size_t* total) { *free = limit - used; *total = limit; return OK; }
CUresult cuMemAlloc_v2(unsigned long long* p, size_t bytes)
{
    if (bytes == 0) return INVALID_VALUE;
    if (used + bytes > limit) return OUT_OF_MEMORY;
    void* m = std::aligned_alloc(256, (bytes + 255) / 256 * 256);
    std::memset(m, 0xCD, bytes); // garbage, as fresh device memory is
    *p = (unsigned long long)m;
    blocks[*p] = bytes;
    used += bytes;
    return OK;
}
CUresult cuMemFree_v2(unsigned long long p)
{
    auto it = blocks.find(p);
    if (it == blocks.end()) return INVALID_VALUE;
    used -= it->second;
    blocks.erase(it);
    std::free((void*)p);
    return OK;
}
CUresult cuMemcpyHtoDAsync_v2(unsigned long long dst, const void* src, size_t n, void*) { std::memcpy((void*)dst, src, n); return OK; }
CUresult cuMemcpyDtoHAsync_v2(void* dst, unsigned long long src, size_t n, void*) { std::memcpy(dst, (void*)src, n); return OK; }
CUresult cuMemcpyDtoDAsync_v2(unsigned long long dst, unsigned long long src, size_t n, void*) { std::memmove((void*)dst, (void*)src, n); return OK; }
CUresult cuMemsetD32Async(unsigned long long dst, unsigned int value, size_t n, void*)
{
    unsigned int* p = (unsigned int*)dst;
    for (size_t i = 0; i < n; i++) p[i] = value;
    return OK;
}
CUresult cuStreamCreate(void** stream, unsigned int) { *stream = (void*)0x2; return OK; }
CUresult cuStreamSynchronize(void* stream) { return stream == (void*)0x2 ? OK : INVALID_VALUE; }
CUresult cuModuleLoadData(void** module, const void* image) { *module = (void*)0x3; return std::strncmp((const char*)image, "EMU", 3) == 0 ? OK : 200; }
CUresult cuModuleGetFunction(void** function, void*, const char* name)
{
    for (Kernel& k : kernels)
        if (std::strcmp(k.name, name) == 0) { *function = &k; return OK; }
    return NOT_FOUND;
}
CUresult cuLaunchKernel(void* function, unsigned int gx, unsigned int gy, unsigned int gz, unsigned int bx, unsigned int by, unsigned int bz,
                        unsigned int shared, void* stream, void** params, void** extra)
{
    if (gx == 0 || gy == 0 || gz != 1 || gy > 65535 || bx == 0 || bx > 1024 || by != 1 || bz != 1 || shared != 0 || stream != (void*)0x2 || extra != nullptr)
    {
        std::fprintf(stderr, "emulator: bad launch of %s: grid %u×%u×%u, block %u×%u×%u\n", ((Kernel*)function)->name, gx, gy, gz, bx, by, bz);
        return INVALID_VALUE;
    }
    if (fibers.size() < 1024)
    {
        fibers.resize(1024);
        for (Fiber& f : fibers) f.stack.resize(64 * 1024);
    }
    running = (Kernel*)function;
    parameters = params;
    blockDim = {bx, 1, 1};
    gridDim = {gx, gy, 1};
    for (unsigned int y = 0; y < gy; y++)
        for (unsigned int x = 0; x < gx; x++)
        {
            blockIdx = {x, y, 0};
            if (!run_block(bx)) return LAUNCH_FAILED;
        }
    return OK;
}
CUresult cuGetErrorName(CUresult r, const char** s) { *s = error_name(r); return OK; }
CUresult cuGetErrorString(CUresult r, const char** s) { *s = error_name(r); return OK; }
}
