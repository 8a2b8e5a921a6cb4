extension Duration {
    /// The duration in seconds, as a Double (attoseconds kept to Double's precision).
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
