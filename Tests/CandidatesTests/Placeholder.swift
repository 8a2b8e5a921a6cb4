import Testing
import Candidates
@Test func candidatesPlaceholder() {}
