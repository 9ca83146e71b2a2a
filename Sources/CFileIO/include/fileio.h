#ifndef SHOWROOM_FILEIO_H
#define SHOWROOM_FILEIO_H

/// Starts writing back `length` bytes at `offset` of `fd` to the disk without waiting
/// (Linux `sync_file_range(SYNC_FILE_RANGE_WRITE)`), so that the final fsync of a large
/// upload has little left to do. Returns 0, or -1 with errno set; a no-op elsewhere.
int showroom_start_writeback(int fd, long long offset, long long length);

#endif
