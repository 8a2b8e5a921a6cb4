import Audit
import Candidates
import Cases
import Certification
import FileIO
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
    /// How references are computed, certified and cached.
    public var certifier = ReferenceCertifier()
    public var timing = TimingPolicy()
    public var showProgress = true
    /// How the run was invoked, for the report.
    public var commandLine = "harness"
    /// Pairs of candidate names whose results are compared with each other on every case, in every
    /// precision both have (`PairComparison`).
    public var comparePairs: [(String, String)] = RunConfig.defaultPairs
    /// Candidate name → worker command of the external candidates, for the report's rerun commands.
    public var externalCommands: [String: String] = [:]
    /// Set when the run is one shard of a suite (recorded in `RunInfo.shard`).
    public var shard: ShardInfo?
    /// The seed's comparison: the MLX proposal (native, and ported to MLX) against PyTorch, and the port
    /// against the native candidate.
    public static let defaultPairs = [("mlx-proposal-t8", "torch"), ("mlx", "torch"), ("mlx", "mlx-proposal-t8")]

    public init(suiteName: String, cases: [CaseSpec], candidates: [any ExpmCandidate], seed: UInt64, blasThreads: Int) {
        self.suiteName = suiteName
        self.cases = cases
        self.candidates = candidates
        self.seed = seed
        self.blasThreads = blasThreads
    }
}

/// Runs a set of cases: references first (in parallel, MPFR), then each candidate on each case
/// (sequentially, so that timings see an otherwise idle machine with a fixed BLAS thread count).
public struct Runner {
    public let config: RunConfig

    public init(config: RunConfig) { self.config = config }

    public func run() -> RunResults {
        let progress = Progress(enabled: config.showProgress)
        let items = self.items
        let pairs = PairComparison.pairs(config.comparePairs, among: config.candidates.map(\.id))
        let clock = ContinuousClock()
        let refStart = clock.now
        let references = caseReferences(items, progress)
        let refSeconds = (clock.now - refStart).inSeconds

        BLASThreads.set(config.blasThreads)
        let candStart = clock.now
        var productTimes = [String: Double]()
        var records = [CaseRecord]()
        for (k, item) in items.enumerated() {
            progress.update("candidates \(k + 1)/\(items.count): \(item.id)")
            let refs = references[k]
            var values = [String: Matrix<Double>]()
            let results = config.candidates.map { c -> CandidateRecord in
                if !c.runsInProcess { BLASThreads.quiesce() }
                let key = "\(c.productUnit)-\(item.matrix.rows)"
                let product = productTimes[key] ?? productSeconds(c, n: item.matrix.rows)
                productTimes[key] = product
                let (record, value) = evaluate(c, on: item.matrix, reference: refs.seen(by: c.precision), productSeconds: product)
                if record.outcome == .ok, pairs.contains(where: { $0.0 == c.id || $0.1 == c.id }) { values[c.id] = value }
                return record
            }
            var record = CaseRecord(
                id: item.id, family: item.family, n: item.matrix.rows, norm1: item.matrix.norm1,
                reference: refs.exact.record, results: results)
            let comparisons = pairs.compactMap { a, b -> PairComparison? in
                guard let x = values[a], let y = values[b], let ra = results.first(where: { $0.id == a }),
                      let rb = results.first(where: { $0.id == b }) else { return nil }
                return PairComparison(first: ra, x, second: rb, y)
            }
            record.comparisons = comparisons.isEmpty ? nil : comparisons
            record.path = item.path
            record.float32Reference = refs.rounded[.float32]?.record
            records.append(record)
        }
        progress.finish()
        return RunResults(suite: config.suiteName, info: info(items, refSeconds, (clock.now - candStart).inSeconds),
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

    /// A case's references: of the matrix itself, and of the matrix as each precision that cannot hold
    /// it exactly sees it (user input that Float cannot hold), against which that precision is judged.
    struct CaseReferences {
        var exact: CertifiedReference
        var rounded: [Precision: CertifiedReference] = [:]

        func seen(by p: Precision) -> CertifiedReference { rounded[p] ?? exact }
    }

    /// One matrix whose reference is wanted: a case's own (`precision` nil) or as a precision sees it.
    private struct Job {
        var item: Int
        var precision: Precision?
        var matrix: Matrix<Double>
        var label: String
        var spec: CaseSpec?
    }

    /// The references of every item, and of its rounded views where a candidate's precision changes it.
    func caseReferences(_ items: [Item], _ progress: Progress) -> [CaseReferences] {
        var jobs = items.enumerated().map { k, item in
            Job(item: k, precision: nil, matrix: item.matrix, label: item.id, spec: item.spec)
        }
        let precisions = Array(Set(config.candidates.map(\.precision))).sorted()
        for (k, item) in items.enumerated() {
            for p in precisions {
                guard let c = config.candidates.first(where: { $0.precision == p }) else { continue }
                let seen = c.inputAsSeen(item.matrix)
                if seen != item.matrix {
                    jobs.append(Job(item: k, precision: p, matrix: seen, label: "\(item.id) (rounded to \(p))", spec: nil))
                }
            }
        }
        let certified = certifyAll(jobs.map(\.matrix), labels: jobs.map(\.label), specs: jobs.map(\.spec), progress)
        var result = items.indices.map { CaseReferences(exact: certified[$0]) }
        for (job, ref) in zip(jobs, certified) {
            if let p = job.precision { result[job.item].rounded[p] = ref }
        }
        return result
    }

    /// References for all matrices, certified concurrently (largest first, for load balance); `labels`
    /// name them in progress lines and `specs` give the generated cases (nil for user matrices).
    func certifyAll(_ matrices: [Matrix<Double>], labels: [String], specs: [CaseSpec?],
                    _ progress: Progress) -> [CertifiedReference] {
        let order = matrices.indices.sorted { matrices[$0].rows > matrices[$1].rows }
        let box = ResultBox<CertifiedReference>(count: matrices.count)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, matrices.count))
        let certifier = config.certifier
        let eta = RemainingTime(estimates: matrices.map { certifier.cost(of: $0)?.seconds ?? 0 }, workers: workers)
        progress.update("references: \(matrices.count) to compute on \(workers) thread(s), largest first"
            + (eta.total > 10 ? ", about \(ReferenceCost.describe(seconds: eta.total / Double(workers)))…" : "…"))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let slot = box.claim() {
                let k = order[slot]
                let c = certifier.certify(matrices[k], spec: specs[k])
                let done = box.store(c, at: k)
                let left = eta.finished(k)
                progress.update("references \(done)/\(matrices.count): \(labels[k]) "
                    + (c.cached ? "(cached, " : String(format: "(%.1f s, ", c.reference.certificate.seconds))
                    + String(format: "%.0f digits)", c.reference.certificate.normwiseDigits)
                    + (left > 10 ? "; about \(ReferenceCost.describe(seconds: left)) left" : ""))
            }
        }
        return box.values()
    }

    // MARK: candidates

    /// Accuracy, choice and cost from one call; time from the timing policy. `ref` is exp of the
    /// matrix the candidate sees (`a` rounded to its precision).
    /// The record, and the result itself when the call returned one (for pair comparisons).
    func evaluate(_ c: any ExpmCandidate, on a: Matrix<Double>, reference ref: CertifiedReference,
                  productSeconds: Double) -> (CandidateRecord, Matrix<Double>?) {
        let input = c.inputAsSeen(a)
        var record = CandidateRecord(
            candidate: c.name, precision: c.precision, outcome: .ok, message: nil, choice: nil,
            errors: nil, bound: .nan, boundKappa: .nan, boundBasis: .normSurrogate, verdict: .fail,
            seconds: .nan, productSeconds: productSeconds)
        // Operations are counted whether or not the call returns: a candidate that refuses after an
        // eigendecomposition made one.
        let (call, counts, equivalents) = OperationCounter.measuring(order: a.rows) { Result { try c.runReporting(a) } }
        if c.operationsObservable {
            record.products = counts.products
            record.solves = counts.solves
            record.eigendecompositions = counts.eigendecompositions
            record.productEquivalents = equivalents
        }
        switch call {
        case .success(let r):
            record.choice = r.choice
            record.transportSeconds = r.transportSeconds
            let judged = ResultJudgement(r.value, precision: c.precision, input: input, reference: ref)
            record.apply(judged)
            if judged.outcome == .ok { record.structure = StructureMetrics.measure(c, a: a, x: r.value) }
            (record.seconds, record.selfMeasuredSeconds) = time(c, a)
            return (record, r.value)
        case .failure(let error):
            // No answer to judge; the bound is still stated, as for any result.
            record.apply(Yardstick(precision: c.precision, input: input, reference: ref))
            record.outcome = (error as? CandidateFailure)?.outcome ?? .threw
            record.message = String(describing: error)
            record.verdict = Verdict.judge(outcome: record.outcome, error: nil, bound: record.bound,
                                           referenceCertified: ref.record.certified)
        }
        return (record, nil)
    }

    /// Median time of one call measured here, and the median of the candidate's own times if it reports them.
    private func time(_ c: any ExpmCandidate, _ a: Matrix<Double>) -> (Double, Double?) {
        // The structure checks just ran products here: stop the BLAS threads they woke before a library
        // in another process is timed on the same cores.
        if !c.runsInProcess { BLASThreads.quiesce() }
        return timeCandidate(c, a, config.timing)
    }

    /// Median time of one n×n product in the candidate's precision, on fixed pseudo-random operands.
    func productSeconds(_ c: any ExpmCandidate, n: Int) -> Double {
        timeProduct(c, n: n, config.timing)
    }

    /// id → source of every candidate that is not a native one; nil when all are.
    private var externalSources: [String: String]? {
        let native = Set(CandidateRegistry.nativeCandidates.map(\.id))
        let others = config.candidates.filter { !native.contains($0.id) }
        return others.isEmpty ? nil : Dictionary(others.map { ($0.id, $0.source) }, uniquingKeysWith: { a, _ in a })
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
            externalSources: externalSources,
            externalCommands: config.externalCommands.isEmpty ? nil : config.externalCommands,
            referenceBits: [config.certifier.bits, config.certifier.checkBits],
            certificateTargetDigits: config.certifier.targetDigits,
            boundConstant: Verdict.boundConstant, kappaExactMaxOrder: Witnesses.kappaExactMaxOrder,
            kappaEstimator: ExpCondition.estimator, timing: config.timing,
            referenceSeconds: refSeconds, candidateSeconds: candSeconds, shard: config.shard)
    }
}

extension ExpmCandidate {
    /// The input rounded to the candidate's precision and widened back: the matrix it computes with.
    func inputAsSeen(_ a: Matrix<Double>) -> Matrix<Double> {
        input(a).converted(to: Double.self)
    }
}

/// Times `c` on `a` in the candidate's own precision (conversion kept outside the clock); the result of
/// every call is kept alive so that the optimiser cannot drop the work. A candidate that times itself
/// (`selfTimed`) is asked for the policy's repeats after its first call, and the median of those is
/// both its time and its self-measured time; NaN when that fails.
func timeCandidate<C: ExpmCandidate>(_ c: C, _ a: Matrix<Double>, _ policy: TimingPolicy) -> (Double, Double?) {
    do {
        if let own = try c.selfTimed(a, plan: policy.repeatPlan) {
            let median = TimingPolicy.median(of: own.seconds)
            return (median, median)
        }
    } catch {
        return (.nan, nil)  // it times itself, and that failed: no time rather than the harness's around IPC
    }
    let x = c.input(a)
    var own = [Double]()
    let seconds = policy.median {
        let r = try? c.exp(x)
        if let s = r?.selfMeasuredSeconds { own.append(s) }
        blackHole(r)
    }
    return (seconds, own.isEmpty ? nil : TimingPolicy.median(of: own))
}

func timeProduct<C: ExpmCandidate>(_ c: C, n: Int, _ policy: TimingPolicy) -> Double {
    // The median of the library's own times (NaN when it could not time them), else the harness's gemm.
    c.ownProductTimes(n: n, plan: policy.repeatPlan).map(TimingPolicy.median(of:)) ?? timeGemm(C.Scalar.self, n: n, policy)
}

/// Median time of one n×n gemm on fixed pseudo-random operands. Specialised for Float and Double so
/// that the measurement is BLAS plus the same thin wrapper the candidates pay, not generic dispatch.
@_specialize(where T == Float)
@_specialize(where T == Double)
func timeGemm<T: BLASScalar>(_: T.Type, n: Int, _ policy: TimingPolicy) -> Double {
    var rng = PortableRandom(seed: UInt64(n))
    let a = Matrix<T>(order: n) { _, _ in T(rng.normal()) }
    let b = Matrix<T>(order: n) { _, _ in T(rng.normal()) }
    return policy.median { blackHole(a * b) }
}

/// Work queue and result slots shared by the reference workers.
final class ResultBox<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var done = 0
    private var slots: [T?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func claim() -> Int? {
        lock.withLock {
            guard next < slots.count else { return nil }
            next += 1
            return next - 1
        }
    }

    /// Stores a result and returns how many are done.
    func store(_ value: T, at k: Int) -> Int {
        lock.withLock {
            slots[k] = value
            done += 1
            return done
        }
    }

    func values() -> [T] { lock.withLock { slots.map { $0! } } }
}

/// The time left in the reference phase: the cost model's estimates of the references not yet done,
/// shared among the workers and scaled by how the finished ones compared with their estimates.
final class RemainingTime: @unchecked Sendable {
    private let estimates: [Double]
    private let workers: Int
    private let start = ContinuousClock.now
    private let lock = NSLock()
    private var doneEstimate = 0.0
    let total: Double

    init(estimates: [Double], workers: Int) {
        self.estimates = estimates
        self.workers = max(1, workers)
        total = estimates.reduce(0, +)
    }

    /// Marks reference `k` done; returns the seconds likely left.
    func finished(_ k: Int) -> Double {
        lock.withLock {
            doneEstimate += estimates[k]
            let left = (total - doneEstimate) / Double(workers)
            guard doneEstimate > 0 else { return left }
            let elapsed = (ContinuousClock.now - start).inSeconds
            return left * elapsed / (doneEstimate / Double(workers))
        }
    }
}
