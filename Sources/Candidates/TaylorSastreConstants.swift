/// Constants of taylor-sastre: the coefficients of the evaluation formulas and the quantities of the
/// order and scaling selection of Sastre, Ibáñez & Defez, "Boosting the computation of the matrix
/// exponential", Appl. Math. Comput. 340:206–220, 2019, doi:10.1016/j.amc.2018.08.017 (below: "the
/// paper"), as implemented by the first author's MATLAB function `expmpol.m` (J. Sastre, revised
/// 2018-02-04, HiPerSC, Universitat Politècnica de València; distributed at
/// personales.upv.es/~jorsasma/software/expmpol.m, the address GraphMatFun.jl's
/// `src/generators/sid.jl` cites for it). `expmpol.m` names the paper as its reference [1] and its
/// selection parameters as "Table 5 of [1]".
///
/// Every coefficient is given with the 16 significant digits published. The test suite expands each
/// formula as a power series and checks that it reproduces 1/k! through the claimed order (measured
/// offline in 60-digit arithmetic: the published digits reproduce 1/k! to a relative 1.2e-15 or better).
public enum TaylorSastreCoefficients {
    /// c1 … c6 of the order-8 formula (three products counting A²):
    /// y0 = A²(c1·A² + c2·A), T8 = (y0 + c3·A² + c4·A)(y0 + c5·A²) + c6·y0 + A²/2 + A + I.
    /// Digits: `expmpol.m`, EFFEVPOL case 8 (the same digits are in hipersc/MatrixFunctions
    /// `src/expm/taylor_m15/expm_taylor_flow.m`, `coefs_expm_sastre`, m == 8).
    public static let t8: [Double] = [
        4.980119205559973e-03, 1.992047682223989e-02, 7.665265321119147e-02,
        8.765009801785554e-01, 1.225521150112075e-01, 2.974307204847627,
    ]

    /// c1 … c14 of the order-15+ formula, the paper's eqs. (10)–(12) (four products counting A²):
    /// y0 = A²(c1·A² + c2·A); y1 = (y0 + c3·A² + c4·A)(y0 + c5·A²) + c6·y0 + c7·A²;
    /// T15+ = (y1 + c8·A² + c9·A)(y1 + c10·y0 + c11·A) + c12·y1 + c13·y0 + c14·A² + A + I.
    /// Digits: `expmpol.m`, EFFEVPOL case 15; identical in GraphMatFun.jl `src/generators/sid.jl`
    /// (k = 4, annotated "(10)", "(11)", "(12)" and "copied from the paper") and in
    /// hipersc/MatrixFunctions `src/expm/taylor_m15/expm_taylor_flow.m`.
    public static let t15Plus: [Double] = [
        4.018761610201036e-04, 2.945531440279683e-03, -8.709066576837676e-03,
        4.017568440673568e-01, 3.230762888122312e-02, 5.768988513026145,
        2.338576034271299e-02, 2.381070373870987e-01, 2.224209172496374,
        -5.792361707073261, -4.130276365929783e-02, 1.040801735231354e+01,
        -6.331712455883370e+01, 3.484665863364574e-01,
    ]

    /// c1 … c20 of the order-21+ formula, the paper's eqs. (17)–(19) (five products counting A², A³):
    /// y0 = A³(c1·A³ + c2·A² + c3·A);
    /// y1 = (y0 + c4·A³ + c5·A² + c6·A)(y0 + c7·A³ + c8·A²) + c9·y0 + c10·A³ + c11·A²;
    /// T21+ = (y1 + c12·A³ + c13·A² + c14·A)(y1 + c15·y0 + c16·A) + c17·y1 + c18·y0 + c19·A³ + c20·A² + A + I.
    /// Digits: `expmpol.m`, EFFEVPOL case 21; identical in GraphMatFun.jl `src/generators/sid.jl` (k = 5,
    /// annotated "(17)", "(18)", "(19)").
    public static let t21Plus: [Double] = [
        1.161658834444880e-06, 4.500852739573010e-06, 5.374708803114821e-05,
        2.005403977292901e-03, 6.974348269544424e-02, 9.418613214806352e-01,
        2.852960512714315e-03, -7.544837153586671e-03, 1.829773504500424e+00,
        3.151382711608315e-02, 1.392249143769798e-01, -2.269101241269351e-03,
        -5.394098846866402e-02, 3.112216227982407e-01, 9.343851261938047e+00,
        6.865706355662834e-01, 3.233370163085380e+00, -5.726379787260966e+00,
        -1.413550099309667e-02, -1.638413114712016e-01,
    ]

    /// c1 … c23 of the order-24 formula (six products counting A², A³, A⁴ = (A²)²):
    /// y0 = A⁴(c1·A⁴ + c2·A³ + c3·A² + c4·A);
    /// y1 = (y0 + c5·A⁴ + c6·A³ + c7·A² + c8·A)(y0 + c9·A⁴ + c10·A³ + c11·A²) + c12·y0 + c13·A⁴
    ///      + c14·A³ + c15·A² + c16·A;
    /// T24 = y1·(y0 + c17·A⁴ + c18·A³ + c19·A² + c20·A) + c21·A⁴ + c22·A³ + c23·A² + A + I.
    /// Digits: `expmpol.m`, EFFEVPOL case 24 (GraphMatFun.jl `sid.jl`, k = 6, takes them from there).
    public static let t24: [Double] = [
        1.172460202011541e-08, 9.379681616092325e-08, 1.406952242413849e-06,
        2.294895435403922e-05, 2.024281516007681e-03, 1.430688980356062e-02,
        1.952545843107103e-01, 2.865001388641538e+00, -1.204349003694297e-03,
        2.547056607231984e-03, 2.721930992200371e-02, 2.498969092549990e+02,
        2.018492049443954e-02, 1.965098904519709e-01, 1.739158441630994e+00,
        8.290085751394409e+00, 2.919349464582001e-04, 1.758035313846159e-04,
        1.606091400855144e-02, 3.655234395347475e-02, 2.243394407902074e-03,
        -3.005000525808178e-02, 1.969779342112314e-01,
    ]

    /// c1 … c29 of the order-30 formula (seven products counting A², A³, A⁴ = (A²)², A⁵ = A⁴·A):
    /// y0 = A⁵(c1·A⁵ + c2·A⁴ + c3·A³ + c4·A² + c5·A);
    /// y1 = (y0 + c6·A⁵ + c7·A⁴ + c8·A³ + c9·A² + c10·A)(y0 + c11·A⁵ + c12·A⁴ + c13·A³ + c14·A²)
    ///      + c15·y0 + c16·A⁵ + c17·A⁴ + c18·A³ + c19·A² + c20·A;
    /// T30 = y1·(y0 + c21·A⁵ + c22·A⁴ + c23·A³ + c24·A² + c25·A) + c26·A⁵ + c27·A⁴ + c28·A³ + c29·A² + A + I.
    /// Digits: `expmpol.m`, EFFEVPOL case 30 (GraphMatFun.jl `sid.jl`, k = 7, takes them from there).
    public static let t30: [Double] = [
        1.556371639324141e-11, 1.556371639324141e-10, 2.957106114715868e-09,
        6.204734935438909e-08, 1.313681421698863e-06, 3.501669195497238e-05,
        1.283057135586989e-03, 2.479095151834799e-02, 4.155284057336423e-01,
        5.951585263506065e+00, 3.753710741641900e-05, 2.100333647757715e-04,
        2.630043177655382e-03, 3.306559506631931e-02, 6.175954247606858e+01,
        2.742336655922557e-03, 3.005135891320298e-02, 2.857950268422422e-01,
        2.991654767354374e+00, 1.110689398085882e+01, 8.572383602707347e-06,
        9.027588625491207e-05, 1.121744731945438e-03, 8.139086096860678e-03,
        -2.638236222337760e-04, 6.263526066651383e-05, 4.985549176118462e-03,
        7.705596948494946e-02, 5.029302610017967e-01,
    ]
}

/// The selection parameters of taylor-sastre ("Table 5" of the paper, as listed in `expmpol.m`).
///
/// For an approximation P_m of order m write e^{-x}P_m(x) − 1 = Σ_{k>m} g_k x^k. The selection tests
/// the two leading terms of this error series against the unit roundoff u:
///     c_m·a_{m+1} + a_{m+2} ≤ max(1, ‖A‖₁)·(u/|g_{m+2}|),   c_m = |g_{m+1}/g_{m+2}|,
/// where a_k is a bound on ‖A^k‖₁ built from the 1-norms of the powers already computed.
/// For the Taylor polynomial T_m, |g_{m+1}| = 1/(m+1)! and |g_{m+2}| = 1/(m!·(m+2)), so
/// c_m = (m+2)/(m+1) and u/|g_{m+2}| = u·m!·(m+2) in closed form; for 15+ and 21+ (whose coefficients
/// beyond the order differ from 1/k!) both come from the expansion of the formula ("especial
/// calculation" in `expmpol.m`; reproduced by the test suite from the coefficients above).
///
/// Θ_m is the largest θ with Σ_{k>m} |g_k| θ^k = u (relative forward error bound, m ≤ 15) or
/// Σ_{k>m} |h_k| θ^k = u·θ with log(e^{-x}P_m(x)) = Σ h_k x^k (relative backward error bound,
/// m ≥ 21), as `expmpol.m` labels them. Only Θ1 (first test) and Θ30 (choice of s) enter the
/// algorithm; the others are kept for the record and for the audit.
public struct TaylorSastreParameters: Sendable, Equatable {
    /// Θ1: ‖A‖₁ ≤ Θ1 selects T1 = I + A with no product.
    public var theta1: Double
    /// Θ_m for m = 2, 4, 8, 15, 21, 24, 30 (same order as `orders`).
    public var theta: [Double]
    /// c_m = |g_{m+1}/g_{m+2}| for m = 2, 4, 8, 15, 21, 24, 30 (independent of u).
    public var ratio: [Double]
    /// u/|g_{m+2}| for m = 2, 4, 8, 15, 21, 24, 30.
    public var uOverG: [Double]

    /// The orders the selection tries after T1, in order.
    public static let orders = [2, 4, 8, 15, 21, 24, 30]

    /// c_m, `expmpol.m` vector `c` ("Table 5 of [1]"): 4/3, 6/5, 10/9, 26/25, 32/31 are the closed
    /// form (m+2)/(m+1); 1.148757271434994 (m = 15) and 1.027657297529898 (m = 21) are published digits.
    public static let publishedRatio: [Double] = [
        4.0 / 3.0, 6.0 / 5.0, 10.0 / 9.0, 1.148757271434994, 1.027657297529898, 26.0 / 25.0, 32.0 / 31.0,
    ]

    /// Double precision (u = 2^-53), all digits as published in `expmpol.m` ("Table 5 of [1]"):
    /// `thetam1`, vector `theta` (m = 2, 4, 8, 15: forward bound; 21, 24, 30: backward bound) and
    /// vector `ucm2` (= u/|g_{m+2}|). The test suite recomputes every one of them from its definition.
    public static let float64 = TaylorSastreParameters(
        theta1: 1.490116111983279e-8,
        theta: [
            8.733457513635361e-006, 1.678018844321752e-003, 6.950240768069781e-02,
            6.925462617470704e-01, 1.682715644786316, 2.219048869365090, 3.539666348743690,
        ],
        ratio: publishedRatio,
        uOverG: [
            8.881784197001252e-016, 1.598721155460225e-014, 4.476419235288631e-011,
            5.874311180519475e-03, 2.935676824339517e+05, 1.790973863109916e+09, 9.423674633957229e+017,
        ])

    /// Single precision (u = 2^-24). Not published: the paper and `expmpol.m` treat double only.
    /// - u/|g_{m+2}| is linear in u: the published double values times 2^-24/2^-53 = 2^29 (exact).
    /// - Θ_m computed here from the same definitions with u = 2^-24 (60-digit arithmetic, mpmath),
    ///   exact Taylor coefficients for m = 1, 2, 4, 8, 24, 30 and the published coefficients for 15+
    ///   and 21+. The same computation reproduces every published double Θ_m (to 16 digits for the
    ///   Taylor orders, 12 digits for 15+ and 14 for 21+, whose published coefficients are rounded);
    ///   the test suite repeats it in Double for both precisions.
    /// The orders tried are those of the double algorithm: the paper gives no single-precision choice
    /// of the maximal order, so none is made here (order 30 is more than u = 2^-24 needs).
    public static let float32 = TaylorSastreParameters(
        theta1: 3.4522725285844767e-4,
        theta: [
            7.085562666589674e-3, 9.209142637615428e-2, 6.141309112480704e-1,
            2.2374949363651844, 3.9496380647585476, 4.649782224100758, 6.321082126301961,
        ],
        ratio: publishedRatio,
        uOverG: float64.uOverG.map { $0 * 0x1p29 })
}
