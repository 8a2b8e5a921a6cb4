import ArgumentParser
@testable import HarnessCLI

/// The message and exit status with which `harness args…` is refused at parsing or validation (before
/// any work); nil when the command line is accepted.
func refusal(_ args: [String]) -> (message: String, exitCode: Int32)? {
    do {
        _ = try HarnessCommand.parseAsRoot(args)
        return nil
    } catch {
        return (HarnessCommand.message(for: error), HarnessCommand.exitCode(for: error).rawValue)
    }
}
