import Candidates
import Foundation
import Linalg
import Reference

/// What to run and how.
public struct RunConfig: Sendable {
    public var suiteName: String
    public var cases: [CaseSpec]
    /// Matrices from files, run after the generated cases (real ones; complex ones are the caller's
    /// to set aside).
    public var userMatrices: [UserMatrix] = []
    public var candidates: [any ExpmCandidate]
    public var seed: UInt64
    public var blasThreads: Int
    public var referenceBits = 256
    public var checkBits = 192
    /// Certified digits a reference needs for its case to be judged (the foundation issue's target).
    public var certificateTargetDigits = 25.0
    public var timing = TimingPolicy()
    public var showProgress = true
    /// How the run was invoked, for the report.
    public var commandLine = "harness"
    /// Where references are cached; nil: no cache (tests, `--no-cache`).
    public var cache: ReferenceCache?
    /// Largest order for which Arb's rigorous enclosure is computed as a witness (a few seconds at
    /// n = 256 on 2 cores; 0 disables it).
    public var arbMaxOrder = 256
}

/// Runs a set of cases: references first (in parallel, MPFR), then each candidate on each case
/// (sequentially, so that timings see an otherwise idle machine with a fixed BLAS thread count).
public struct Runner {
    public let config: RunConfig

    public init(config: RunConfig) { self.config = config }

    public func run() -> RunResults {
        let progress = Progress(enabled: config.showProgress)
        let items = self.items
        let matrices = items.map(\.matrix)
        // Where float32 candidates see a different matrix (user input that Float cannot hold), they
        // are judged against exp of what they see: a second reference, of the rounded matrix.
        let rounded = items.indices.filter { k in config.candidates.contains { inputAsSeen(by: $0, matrices[k]) != matrices[k] } }
        let clock = ContinuousClock()
        let refStart = clock.now
        let allReferences = computeReferences(
            matrices + rounded.map { matrices[$0].converted(to: Float.self).converted(to: Double.self) },
            labels: items.map(\.id) + rounded.map { items[$0].id + " (rounded to float32)" },
            specs: items.map(\.spec) + rounded.map { _ in nil }, progress)
        let references = Array(allReferences.prefix(items.count))
        var roundedReferences = [Int: (ReferenceExp, cached: Bool, evidence: Evidence)]()
        for (slot, k) in rounded.enumerated() { roundedReferences[k] = allReferences[items.count + slot] }
        let refSeconds = seconds(clock.now - refStart)

        BLASThreads.set(config.blasThreads)
        let candStart = clock.now
        var productTimes = [String: Double]()
        var records = [CaseRecord]()
        for (k, item) in items.enumerated() {
            progress.update("candidates \(k + 1)/\(items.count): \(item.id)")
            let a = matrices[k]
            let (ref, cached, evidence) = references[k]
            let refRecord = referenceRecord(ref, cached: cached, evidence: evidence)
            let roundedRecord = roundedReferences[k].map { referenceRecord($0.0, cached: $0.cached, evidence: $0.evidence) }
            let results = config.candidates.map { c -> CandidateRecord in
                let key = "\(c.precision)-\(a.rows)"
                if productTimes[key] == nil { productTimes[key] = productSeconds(c, n: a.rows) }
                let input = inputAsSeen(by: c, a)
                let exact = input == a
                let r = exact ? ref : roundedReferences[k]!.0
                let certified = exact ? refRecord.certified : roundedRecord!.certified
                let seen = exact ? evidence : roundedReferences[k]!.evidence
                let kappa = BoundBasis.choose(kappa: seen.kappa, exact: seen.kappaExact, inputNorm1: input.norm1)
                return evaluate(c, on: a, reference: r, certified: certified, kappa: kappa, productSeconds: productTimes[key]!)
            }
            var record = CaseRecord(
                id: item.id, family: item.family, n: a.rows, norm1: a.norm1,
                reference: refRecord, results: results)
            record.path = item.path
            record.float32Reference = roundedRecord
            records.append(record)
        }
        progress.finish()
        return RunResults(suite: config.suiteName, info: info(items, refSeconds, seconds(clock.now - candStart)),
                          cases: records, audit: SchemeAudit.run(config.candidates))
    }

    /// One matrix to run: a generated case or a user's file.
    struct Item {
        var id: String
        var family: String
        var matrix: Matrix<Double>
        var path: String?
        /// The generated case, nil for a user's file.
        var spec: CaseSpec?
    }

    /// The generated cases, then the user matrices (family "user", id = file name).
    var items: [Item] {
        config.cases.map { Item(id: $0.id, family: $0.family.rawValue, matrix: $0.matrix(), path: nil, spec: $0) }
            + config.userMatrices.map { Item(id: $0.name, family: Runner.userFamily, matrix: $0.real, path: $0.path, spec: nil) }
    }

    /// The family reports give user matrices.
    public static let userFamily = "user"

    // MARK: references

    /// References for all matrices, computed concurrently (largest first, for load balance), read
    /// from the cache when present, with their witnesses; `labels` name them in progress lines and
    /// `specs` give the generated cases (for closed forms; nil for user matrices).
    func computeReferences(_ matrices: [Matrix<Double>], labels: [String], specs: [CaseSpec?],
                           _ progress: Progress) -> [(ReferenceExp, cached: Bool, evidence: Evidence)] {
        let order = matrices.indices.sorted { matrices[$0].rows > matrices[$1].rows }
        let box = ResultBox<(ReferenceExp, cached: Bool, evidence: Evidence)>(count: matrices.count)
        let target = config.certificateTargetDigits
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, matrices.count))
        let bits = config.referenceBits, checkBits = config.checkBits
        let cache = config.cache
        let arbMaxOrder = config.arbMaxOrder
        progress.update("references: \(matrices.count) to compute in MPFR on \(workers) thread(s), largest first…")
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let slot = box.claim() {
                let k = order[slot]
                let cached = cache?.load(matrices[k], bits: bits, checkBits: checkBits)
                let r = cached ?? TaylorReference.compute(matrices[k], bits: bits, checkBits: checkBits)
                if cached == nil { cache?.store(r, for: matrices[k], bits: bits, checkBits: checkBits) }
                let witnessKey = "closed-forms+arb\(arbMaxOrder)+eigen\(Runner.eigenMaxOrder)+kappa\(Runner.kappaExactMaxOrder)-refnorm"
                let evidence = (cached != nil ? cache?.loadEvidence(matrices[k], bits: bits, checkBits: checkBits, witnesses: witnessKey) : nil)
                    ?? Self.witness(r, specs[k], matrices[k], target: target, arbMaxOrder: arbMaxOrder)
                cache?.storeEvidence(evidence, for: matrices[k], bits: bits, checkBits: checkBits, witnesses: witnessKey)
                let done = box.store((r, cached != nil, evidence), at: k)
                progress.update("references \(done)/\(matrices.count): \(labels[k]) "
                    + (cached != nil ? "(cached, " : String(format: "(%.1f s, ", r.certificate.seconds))
                    + String(format: "%.0f digits)", r.certificate.normwiseDigits))
            }
        }
        return box.values()
    }

    /// The independent witnesses available for a case, and the evidence they give.
    ///
    /// Closed forms where the case has one; Arb's rigorous enclosure (arb_mat_exp) for n ≤
    /// `arbMaxOrder`, whose digits are proven: the distance from the reference to Arb's midpoint plus
    /// Arb's radius bounds the reference's error.
    static func witness(_ r: ReferenceExp, _ spec: CaseSpec?, _ a: Matrix<Double>, target: Double,
                        arbMaxOrder: Int = 0, eigenMaxOrder: Int = Runner.eigenMaxOrder) -> Evidence {
        var independent = [(name: String, digits: AgreementDigits)]()
        var underflow = 0
        let reference = MPMatrix.fromHiLo(r.hi, r.lo, precision: 256)
        if let spec, let name = spec.closedFormName, let exact = spec.closedForm(of: a), r.hi.isFinite {
            let (x, y, k) = maskingUnderflow(reference, exact)
            underflow = max(underflow, k)
            // The exact value first: entries it has exactly zero are then measured against its largest
            // entry, so rounding noise of order 2^-256·‖E‖ in the reference there is not a disagreement.
            independent.append((name, Agreement.digits(y, x, cap: Evidence.storedDigits)))
        }
        if a.rows <= arbMaxOrder, r.hi.isFinite, let arb = ArbWitness.exp(a) {
            // Rigorous, unless the reference has entries below Double's normal range (where the true
            // value may have underflowed): those are set aside and the rest compared with Arb's
            // midpoint, whose radius (~2^-200 relative) is far below the 31 digits claimed.
            let digits: AgreementDigits
            if r.hi.elements.contains(where: { abs($0) < Double.leastNormalMagnitude }) {
                let (x, y, k) = maskingUnderflow(reference, MPMatrix.fromHiLo(arb.hi, arb.lo, precision: 256))
                underflow = max(underflow, k)
                digits = Agreement.digits(x, y, cap: Evidence.storedDigits)
            } else {
                digits = arb.digits(hi: r.hi, lo: r.lo, cap: Evidence.storedDigits)
            }
            independent.append((arbWitnessName, digits))
        }
        var refusals = [String]()
        if a.rows <= eigenMaxOrder, r.hi.isFinite {
            switch EigenReference.compute(a, bits: 256, maximumOrder: eigenMaxOrder) {
            case .computed(let eig):
                let (x, y, k) = maskingUnderflow(reference, eig.value)
                underflow = max(underflow, k)
                independent.append((eigenWitnessName, Agreement.digits(x, y, cap: Evidence.storedDigits)))
            case .notApplicable(let reason):
                refusals.append("\(eigenWitnessName): not applicable (\(reason))")
            }
        }
        var e = Evidence.assess(r.certificate, independent: independent, target: target)
        e.underflowEntries = underflow
        e.refusals = refusals
        if r.hi.isFinite && a.rows > 0 {
            // ‖e^A‖₁ from the certified reference: the estimate path then needs no Double expm of its own.
            let k = ExpCondition.kappa(a, expNorm1: r.hi.norm1)
            if k.value.isFinite { (e.kappa, e.kappaExact) = (k.value, k.exact) }
        }
        return e
    }

    /// Largest order for which runs compute κ_exp exactly (n² block exponentials of order 2n in MPFR:
    /// well under a second at n = 8, about 2 s at n = 16 on 2 cores, once per matrix thanks to the cache); above it, the
    /// normest1 estimate (tested within a factor 3 of exact).
    static let kappaExactMaxOrder = ExpCondition.exactMaxOrder

    static let eigenWitnessName = "eigen: V·e^Λ·V⁻¹, Newton-refined in MPFR"
    /// Largest order for the eigendecomposition witness (its cost grows like n³ per Newton step in
    /// MPFR complex arithmetic: ~1 s at n = 64).
    static let eigenMaxOrder = 64

    /// Entries where the witness's exact value is below Double's smallest normal number and the
    /// stored reference is too: there the right Double answer is 0 or a subnormal, which cannot carry
    /// relative accuracy; they are recorded as underflow and set to 0 in both before comparing.
    static func maskingUnderflow(_ reference: MPMatrix, _ witness: MPMatrix) -> (MPMatrix, MPMatrix, Int) {
        let tiny = MPFloat(Double.leastNormalMagnitude, precision: 256)
        let x = reference.copy(), y = witness.copy()
        var count = 0
        for j in 0..<x.order {
            for i in 0..<x.order where y[i, j].magnitude < tiny && x[i, j].magnitude < tiny {
                if !(y[i, j].isZero && x[i, j].isZero) { count += 1 }  // exact zeros are not underflow
                x[i, j] = MPFloat(0, precision: 256)
                y[i, j] = MPFloat(0, precision: 256)
            }
        }
        return (x, y, count)
    }

    static let arbWitnessName = "arb: arb_mat_exp enclosure (rigorous)"

    func referenceRecord(_ r: ReferenceExp, cached: Bool = false, evidence: Evidence) -> ReferenceRecord {
        if r.hi.elements.contains(where: \.isNaN) {
            return ReferenceRecord(certificate: r.certificate, evidence: evidence, certified: false, cached: cached,
                                   note: "no reference: the input has NaN or Inf entries")
        }
        let ok = evidence.certifiedDigits >= config.certificateTargetDigits
        var note = ok ? nil : String(format: "certified to %.1f digits (%@), below the target %.0f",
                                     evidence.certifiedDigits, evidence.basis, config.certificateTargetDigits)
        if let d = evidence.disagreement { note = [note, d].compactMap { $0 }.joined(separator: "; ") }
        if evidence.underflowEntries > 0 {
            note = [note, "\(evidence.underflowEntries) entr\(evidence.underflowEntries == 1 ? "y" : "ies") of exp(A) below Double's normal range: the right Double answer there is 0 or subnormal"]
                .compactMap { $0 }.joined(separator: "; ")
        }
        let overflow = r.hi.elements.filter(\.isInfinite).count
        if overflow > 0 {
            note = [note, "\(overflow) entr\(overflow == 1 ? "y" : "ies") of exp(A) beyond Double's range: the right Double answer there is ±Inf"]
                .compactMap { $0 }.joined(separator: "; ")
        }
        return ReferenceRecord(certificate: r.certificate, evidence: evidence, certified: ok, cached: cached, note: note)
    }

    // MARK: candidates

    /// Accuracy, choice and cost from one call; time from the timing policy. `ref` is exp of the
    /// matrix the candidate sees (`a` rounded to its precision).
    func evaluate(_ c: any ExpmCandidate, on a: Matrix<Double>, reference ref: ReferenceExp,
                  certified: Bool, kappa: (kappa: Double, basis: BoundBasis), productSeconds: Double) -> CandidateRecord {
        let bound = Verdict.bound(unitRoundoff: c.unitRoundoff, kappa: kappa.kappa)
        var record = CandidateRecord(
            candidate: c.name, precision: c.precision, outcome: .ok, message: nil, choice: nil,
            products: 0, solves: 0, eigendecompositions: 0, productEquivalents: 0, errors: nil,
            bound: bound, boundKappa: kappa.kappa, boundBasis: kappa.basis, verdict: .fail,
            seconds: .nan, productSeconds: productSeconds)
        do {
            let ((x, choice), counts, equivalents) = try OperationCounter.measuring(order: a.rows) { try c.run(a) }
            record.choice = choice
            record.products = counts.products
            record.solves = counts.solves
            record.eigendecompositions = counts.eigendecompositions
            record.productEquivalents = equivalents
            let range = ExpectedRange(ref.hi, precision: c.precision)
            if let problem = range.check(x) {
                record.outcome = .nonFinite
                record.message = problem
            } else {
                record.errors = ErrorMetrics(x: x, hi: ref.hi, lo: ref.lo, skip: range.overflows, tiny: range.tiny)
                record.structure = StructureMetrics.measure(c, a: a, x: x)
            }
            record.seconds = time(c, a)
        } catch {
            record.outcome = .threw
            record.message = String(describing: error)
        }
        if !certified {
            record.verdict = .excluded
        } else if let e = record.errors, record.outcome == .ok {
            record.verdict = e.normwiseRelative <= bound ? .pass : .fail
        }
        return record
    }

    private func time(_ c: any ExpmCandidate, _ a: Matrix<Double>) -> Double {
        timeCandidate(c, a, config.timing)
    }

    /// Median time of one n×n product in the candidate's precision, on fixed pseudo-random operands.
    func productSeconds(_ c: any ExpmCandidate, n: Int) -> Double {
        timeProduct(c, n: n, config.timing)
    }

    private func info(_ items: [Item], _ refSeconds: Double, _ candSeconds: Double) -> RunInfo {
        RunInfo(
            command: config.commandLine,
            date: ISO8601DateFormatter().string(from: Date()),
            commit: MachineInfo.gitCommit(), machine: .current(),
            blasThreads: BLASThreads.current, blasLibrary: BLASThreads.libraryDescription,
            seed: config.seed,
            families: Array(Set(items.map(\.family))).sorted(),
            sizes: Array(Set(items.map(\.matrix.rows))).sorted(),
            candidates: config.candidates.map(\.id),
            referenceBits: [config.referenceBits, config.checkBits],
            certificateTargetDigits: config.certificateTargetDigits,
            boundConstant: Verdict.boundConstant, kappaExactMaxOrder: Runner.kappaExactMaxOrder, timing: config.timing,
            referenceSeconds: refSeconds, candidateSeconds: candSeconds)
    }
}

/// Where exp(A) leaves the candidate's range: entries beyond its largest finite number, whose right
/// answer is ±Inf in that precision, and the smallest normal magnitude below which relative accuracy
/// cannot be asked.
struct ExpectedRange {
    let overflows: [Bool]
    let tiny: Double
    let reference: Matrix<Double>

    init(_ hi: Matrix<Double>, precision: String) {
        let (maxFinite, minNormal) = precision == "float32"
            ? (Double(Float.greatestFiniteMagnitude), Double(Float.leastNormalMagnitude))
            : (Double.greatestFiniteMagnitude, Double.leastNormalMagnitude)
        // Beyond the largest finite number by about half an ulp (2^-25 relative for Float) the value
        // rounds to ±Inf; a Double reference entry that is already ±Inf overflows in both precisions.
        overflows = hi.elements.map { $0.isInfinite || abs($0) > maxFinite * (1 + 0x1p-25) }
        tiny = minNormal
        reference = hi
    }

    /// Why X is not a finite answer where exp(A) is finite (or not ±Inf where exp(A) overflows); nil if fine.
    func check(_ x: Matrix<Double>) -> String? {
        if x.elements.contains(where: \.isNaN) { return "result has NaN entries" }
        for k in x.elements.indices {
            if overflows[k] {
                if x.elements[k] != (reference.elements[k] > 0 ? Double.infinity : -Double.infinity) {
                    return "exp(A) overflows this precision at an entry where the result is \(x.elements[k])"
                }
            } else if x.elements[k].isInfinite {
                return "result has Inf entries where exp(A) is finite"
            }
        }
        return nil
    }
}

/// The input rounded to the candidate's precision and widened back.
private func inputAsSeen<C: ExpmCandidate>(by c: C, _ a: Matrix<Double>) -> Matrix<Double> {
    c.input(a).converted(to: Double.self)
}

/// Times `c` on `a` in the candidate's own precision (conversion kept outside the clock).
private func timeCandidate<C: ExpmCandidate>(_ c: C, _ a: Matrix<Double>, _ policy: TimingPolicy) -> Double {
    let x = c.input(a)
    return policy.median { _ = try? c.exp(x) }
}

private func timeProduct<C: ExpmCandidate>(_ c: C, n: Int, _ policy: TimingPolicy) -> Double {
    timeGemm(C.Scalar.self, n: n, policy)
}

/// Median time of one n×n gemm on fixed pseudo-random operands. Specialised for Float and Double so
/// that the measurement is BLAS plus the same thin wrapper the candidates pay, not generic dispatch.
@_specialize(where T == Float)
@_specialize(where T == Double)
func timeGemm<T: BLASScalar>(_: T.Type, n: Int, _ policy: TimingPolicy) -> Double {
    var rng = PortableRandom(seed: UInt64(n))
    let a = Matrix<T>(order: n) { _, _ in T(rng.normal()) }
    let b = Matrix<T>(order: n) { _, _ in T(rng.normal()) }
    return policy.median { _ = a * b }
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

/// Work queue and result slots shared by the reference workers.
final class ResultBox<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var done = 0
    private var slots: [T?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func claim() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard next < slots.count else { return nil }
        next += 1
        return next - 1
    }

    /// Stores a result and returns how many are done.
    func store(_ value: T, at k: Int) -> Int {
        lock.lock(); defer { lock.unlock() }
        slots[k] = value
        done += 1
        return done
    }

    func values() -> [T] { slots.map { $0! } }
}
