#ifndef T2T_CMEMORY_H
#define T2T_CMEMORY_H
/// The first call asks the C allocator to keep freed blocks below 256 MiB in the process, and to return heap memory
/// to the system only when more than 512 MiB are free at its top; later calls cost one atomic load.
/// Returns 1 when the allocator took both settings (glibc), 0 where there is nothing to set.
int t2t_keep_large_buffers(void);
#endif
