/// Errors that end a command with a message and a non-zero exit.
public enum HarnessError: Error, CustomStringConvertible {
    case io(String)
    public var description: String {
        switch self { case .io(let m): return m }
    }
}
