import Candidates
import Foundation
import Linalg
import Reference

/// What to run and how.
public struct RunConfig: Sendable {
    public var suiteName: String
    public var cases: [CaseSpec]
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
}

/// Runs a set of cases: references first (in parallel, MPFR), then each candidate on each case
/// (sequentially, so that timings see an otherwise idle machine with a fixed BLAS thread count).
public struct Runner {
    public let config: RunConfig

    public init(config: RunConfig) { self.config = config }

    public func run() -> RunResults {
        let progress = Progress(enabled: config.showProgress)
        let matrices = config.cases.map { $0.matrix() }
        // A literature matrix that is not Float-representable reaches Float candidates rounded;
        // they are judged against the reference of that rounded matrix (computed alongside).
        let floatInputs = matrices.map { a -> Matrix<Double>? in
            let rounded = CaseSpec.roundedToFloat(a)
            return rounded == a ? nil : rounded
        }
        let extra = floatInputs.indices.filter { floatInputs[$0] != nil }
        let clock = ContinuousClock()
        let refStart = clock.now
        let all = computeReferences(
            matrices + extra.map { floatInputs[$0]! },
            labels: config.cases.map(\.id) + extra.map { config.cases[$0].id + " (Float-rounded)" }, progress)
        let references = Array(all[..<matrices.count])
        var floatReferences = [Int: ReferenceExp]()
        for (slot, k) in extra.enumerated() { floatReferences[k] = all[matrices.count + slot] }
        let refSeconds = seconds(clock.now - refStart)

        BLASThreads.set(config.blasThreads)
        let candStart = clock.now
        var productTimes = [String: Double]()
        var records = [CaseRecord]()
        for (k, spec) in config.cases.enumerated() {
            progress.update("candidates \(k + 1)/\(config.cases.count): \(spec.id)")
            let a = matrices[k]
            let ref = references[k]
            let results = config.candidates.map { c -> CandidateRecord in
                let key = "\(c.precision)-\(a.rows)"
                if productTimes[key] == nil { productTimes[key] = productSeconds(c, n: a.rows) }
                return evaluate(c, on: a, reference: ref, floatReference: floatReferences[k],
                                productSeconds: productTimes[key]!)
            }
            records.append(CaseRecord(
                id: spec.id, family: spec.family.rawValue, n: spec.n, norm1: a.norm1,
                reference: referenceRecord(ref), results: results))
        }
        progress.finish()
        return RunResults(suite: config.suiteName, info: info(refSeconds, seconds(clock.now - candStart)),
                          cases: records, audit: SchemeAudit.run(config.candidates))
    }

    // MARK: references

    /// References for all matrices, computed concurrently (largest first, for load balance).
    func computeReferences(_ matrices: [Matrix<Double>], labels: [String], _ progress: Progress) -> [ReferenceExp] {
        let order = matrices.indices.sorted { matrices[$0].rows > matrices[$1].rows }
        let box = ResultBox<ReferenceExp>(count: matrices.count)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, matrices.count))
        let bits = config.referenceBits, checkBits = config.checkBits
        progress.update("references: \(matrices.count) to compute in MPFR on \(workers) thread(s), largest first…")
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let slot = box.claim() {
                let k = order[slot]
                let r = TaylorReference.compute(matrices[k], bits: bits, checkBits: checkBits)
                let done = box.store(r, at: k)
                progress.update("references \(done)/\(matrices.count): \(labels[k]) "
                    + String(format: "(%.1f s, %.0f digits)", r.certificate.seconds, r.certificate.normwiseDigits))
            }
        }
        return box.values()
    }

    func referenceRecord(_ r: ReferenceExp) -> ReferenceRecord {
        if !r.hi.isFinite {
            return ReferenceRecord(certificate: r.certificate, certified: false,
                                   note: "exp(A) is not finite in Double (overflow or non-finite input)")
        }
        let ok = r.certificate.normwiseDigits >= config.certificateTargetDigits
        return ReferenceRecord(
            certificate: r.certificate, certified: ok,
            note: ok ? nil : String(format: "certified to %.1f digits, below the target %.0f",
                                    r.certificate.normwiseDigits, config.certificateTargetDigits))
    }

    // MARK: candidates

    /// Accuracy, choice and cost from one call; time from the timing policy.
    ///
    /// `floatReference` is exp of the Float-rounded matrix, for cases whose matrix is not
    /// Float-representable: a candidate whose input differs from `a` is judged against it.
    func evaluate(_ c: any ExpmCandidate, on a: Matrix<Double>, reference: ReferenceExp,
                  floatReference: ReferenceExp? = nil, productSeconds: Double) -> CandidateRecord {
        let input = inputAsSeen(by: c, a)
        var ref = reference
        if input != a {
            guard let floatReference else {
                preconditionFailure("the candidate rounds this matrix; a reference of the rounded input is needed")
            }
            ref = floatReference
        }
        let bound = Verdict.bound(unitRoundoff: c.unitRoundoff, inputNorm1: input.norm1)
        let certified = referenceRecord(ref).certified
        var record = CandidateRecord(
            candidate: c.name, precision: c.precision, outcome: .ok, message: nil, choice: nil,
            products: 0, solves: 0, eigendecompositions: 0, productEquivalents: 0, errors: nil, bound: bound, verdict: .fail,
            seconds: .nan, productSeconds: productSeconds)
        do {
            let ((x, choice), counts, equivalents) = try OperationCounter.measuring(order: a.rows) { try c.run(a) }
            record.choice = choice
            record.products = counts.products
            record.solves = counts.solves
            record.eigendecompositions = counts.eigendecompositions
            record.productEquivalents = equivalents
            if x.isFinite {
                record.errors = ErrorMetrics(x: x, hi: ref.hi, lo: ref.lo)
            } else {
                record.outcome = .nonFinite
                record.message = "result has NaN or Inf entries"
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

    private func info(_ refSeconds: Double, _ candSeconds: Double) -> RunInfo {
        RunInfo(
            command: config.commandLine,
            date: ISO8601DateFormatter().string(from: Date()),
            commit: MachineInfo.gitCommit(), machine: .current(),
            blasThreads: BLASThreads.current, blasLibrary: BLASThreads.libraryDescription,
            seed: config.seed,
            families: Array(Set(config.cases.map { $0.family })).sorted { $0.rawValue < $1.rawValue }.map(\.rawValue),
            sizes: Array(Set(config.cases.map(\.n))).sorted(),
            candidates: config.candidates.map(\.id),
            referenceBits: [config.referenceBits, config.checkBits],
            certificateTargetDigits: config.certificateTargetDigits,
            boundConstant: Verdict.boundConstant, timing: config.timing,
            referenceSeconds: refSeconds, candidateSeconds: candSeconds)
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
