import Testing
import Reference
@Test func referencePlaceholder() {}
