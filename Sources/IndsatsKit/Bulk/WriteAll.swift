#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes all of `data` to a file descriptor, retrying short writes and
/// EINTR; returns the errno that stopped it, or nil when everything went out.
func writeAll(_ fd: Int32, _ data: Data) -> Int32? {
    data.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }
}
