import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where a student's exercise code runs when it is graded: a bubblewrap (`bwrap`) sandbox that holds the test
/// executable and nothing else of the instructor's — no workspace, no hidden test sources, no reference solutions,
/// no other student's report — plus read-only system and toolchain folders, an empty private `/tmp`, no network,
/// a PID namespace of its own (everything it starts dies with it), an address-space limit and a process-count limit.
/// Decision 37 says why bubblewrap, and what was rejected.
public struct Sandbox: Sendable {
    /// Where the test executable appears inside the sandbox.
    public static let executablePath = "/run/grade/tests.xctest"
    /// The event stream the test runner writes (bound from a file outside, in a folder the sandbox cannot see).
    public static let eventsPath = "/run/grade/events.jsonl"
    /// The user the student's code runs as when the grader is root: a process-count limit does not bind root.
    public static let unprivilegedID = 65534

    public let bwrap: String
    /// RLIMIT_AS: bytes of address space (not only resident memory: a large allocation fails at once).
    public var memoryLimit: UInt64
    /// RLIMIT_NPROC: processes and threads of the sandbox's user.
    public var processLimit: Int

    public static let defaultMemoryLimit: UInt64 = 4 << 30
    public static let defaultProcessLimit = 256

    public init(bwrap: String, memoryLimit: UInt64 = Sandbox.defaultMemoryLimit, processLimit: Int = Sandbox.defaultProcessLimit) {
        self.bwrap = bwrap
        self.memoryLimit = memoryLimit
        self.processLimit = processLimit
    }

    /// The sandbox, if `bwrap` is installed and works here (user namespaces may be disabled); otherwise why not.
    public static func locate(memoryLimit: UInt64 = defaultMemoryLimit,
                              processLimit: Int = defaultProcessLimit) -> Result<Sandbox, CoursewareError> {
        #if os(Linux)
        guard let bwrap = Shell.which("bwrap") else {
            return .failure(CoursewareError("bubblewrap (bwrap) is not installed, so students' code would run with your permissions "
                                            + "and see your whole workspace; install it (`make deps`, or `sudo apt-get install -y bubblewrap`) "
                                            + "or pass --unsandboxed to run untrusted code anyway"))
        }
        for tool in ["/usr/bin/prlimit", "/usr/bin/setpriv"] where !FileManager.default.isExecutableFile(atPath: tool) {
            return .failure(CoursewareError("\(tool) is missing (util-linux); the sandbox needs it to set limits"))
        }
        let sandbox = Sandbox(bwrap: bwrap, memoryLimit: memoryLimit, processLimit: processLimit)
        let probe = Shell.run(bwrap, sandbox.arguments(executable: nil, events: nil) + ["/bin/true"],
                              in: URL(fileURLWithPath: "/"), timeLimit: 30)
        guard probe.status == 0 else {
            return .failure(CoursewareError("bubblewrap does not work here (\(probe.output.split(separator: "\n").first ?? "exit \(probe.status)")); "
                                            + "it needs user namespaces or root. Fix that, or pass --unsandboxed to run untrusted code anyway"))
        }
        return .success(sandbox)
        #else
        return .failure(CoursewareError("grading sandboxes students' code with bubblewrap, which needs Linux; "
                                        + "pass --unsandboxed to run untrusted code anyway"))
        #endif
    }

    /// The folders of the system and of the Swift toolchain the test executable needs, read-only.
    static var systemFolders: [String] {
        var folders = ["/usr", "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives", "/etc/localtime"]
        // The toolchain's runtime libraries (the test executable's RUNPATH), e.g. /opt/swift/usr.
        if let swift = Shell.which("swift") {
            let toolchain = URL(fileURLWithPath: swift).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
            if !toolchain.path.hasPrefix("/usr/") && toolchain.path != "/usr" { folders.append(toolchain.path) }
        }
        return folders
    }

    /// bwrap's arguments up to the command: `executable` is bound read-only at `executablePath`, `events` read-write at
    /// `eventsPath`. The command then runs as an unprivileged user (if we are root) under `prlimit`.
    func arguments(executable: URL?, events: URL?, environment: [String: String] = [:]) -> [String] {
        let root = geteuid() == 0
        // Root creates the namespaces directly and then drops to `nobody` (setpriv): in a user namespace of its own
        // root would stay root to the kernel, which exempts it from RLIMIT_NPROC. Anyone else needs the user namespace.
        var args = root ? ["--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"]
                        : ["--unshare-all", "--cap-drop", "ALL"]
        args += ["--die-with-parent", "--new-session"]
        var made: Set<String> = ["/"]
        func parents(of path: String) {
            var prefix = ""
            for part in path.split(separator: "/").dropLast() {
                prefix += "/" + part
                if made.insert(prefix).inserted { args += ["--perms", "0755", "--dir", prefix] }   // bwrap would make them 0700
            }
        }
        let fm = FileManager.default
        for folder in Sandbox.systemFolders where fm.fileExists(atPath: folder) {
            parents(of: folder)
            args += ["--ro-bind", folder, folder]
            made.insert(folder)
        }
        // On merged-/usr systems these are links into /usr; elsewhere folders of their own.
        for top in ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"] {
            if let link = try? fm.destinationOfSymbolicLink(atPath: top) {
                args += ["--symlink", link, top]
            } else if fm.fileExists(atPath: top) {
                args += ["--ro-bind", top, top]
            }
        }
        args += ["--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp", "--perms", "0755", "--dir", "/run/grade"]
        if let executable { args += ["--ro-bind", executable.path, Sandbox.executablePath] }
        if let events { args += ["--bind", events.path, Sandbox.eventsPath] }
        args += ["--chdir", "/tmp", "--clearenv"]
        var env = ["PATH": "/usr/bin:/bin", "HOME": "/tmp", "TMPDIR": "/tmp", "LANG": "C.UTF-8"]
        for (key, value) in environment { env[key] = value }
        for key in env.keys.sorted() { args += ["--setenv", key, env[key]!] }
        args.append("--")
        if root {
            args += ["/usr/bin/setpriv", "--reuid=\(Sandbox.unprivilegedID)", "--regid=\(Sandbox.unprivilegedID)", "--clear-groups",
                     "--inh-caps=-all", "--bounding-set=-all"]
        }
        args += ["/usr/bin/prlimit", "--as=\(memoryLimit)", "--nproc=\(processLimit)", "--core=0", "--"]
        return args
    }

    /// Runs the test executable at `executable` with `arguments` in a fresh sandbox; the runner's event stream is
    /// written to `events` (a file outside the sandbox, writable by the sandbox's user).
    public func run(executable: URL, arguments: [String], events: URL, environment: [String: String],
                    timeLimit: Double?) -> Shell.Result {
        Shell.run(bwrap, self.arguments(executable: executable, events: events, environment: environment)
                    + [Sandbox.executablePath] + arguments,
                  in: URL(fileURLWithPath: "/"), timeLimit: timeLimit)
    }
}
