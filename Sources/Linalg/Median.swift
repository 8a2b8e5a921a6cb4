extension Array where Element == Double {
    /// The middle value (mean of the two middle ones for an even count) of the non-NaN elements; nil
    /// when there are none.
    public var median: Double? {
        let s = filter { !$0.isNaN }.sorted()
        guard !s.isEmpty else { return nil }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
