import Dispatch

/// Runs blocking work (waiting for a chapter's process) on a Dispatch thread and awaits it.
///
/// Swift Testing runs tests on the cooperative thread pool, one thread per core. A synchronous test that waits a
/// minute for a chapter to finish holds one of the two threads of a 2-core machine for that minute, so at most two
/// tests ran at a time and whichever long test happened to start last set the end of `make test`. A test that
/// awaits this instead gives its thread back while the chapter runs; the chapters then share the cores with the
/// rest of the suite. (Courseware's tests carry their own copy: test targets do not share files.)
func offThePool<T>(_ body: @escaping () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
    }
}
