import Linalg

/// The θ the `sweep` family is placed around, fixed here rather than read from the candidates, so that the
/// case list (and with it the baseline's ids) does not move when a candidate's code does: a candidate
/// whose θ is wrong is then measured at the θ its source publishes, where the wrong switch shows.
///
/// One group per candidate and precision, in the order of `SchemeCatalog`, float32 first, ascending; each
/// θ_m is the largest ‖A‖₁ at which the candidate applies its scheme of degree m (for a scaled scheme, the
/// bound ‖A/2^s‖₁ ≤ θ that sets s). Names are "θ" and the scheme's degree label ("θ15+" for T15+).
/// Values are the Doubles the candidates' own constant files hold, where each is cited in full; the
/// test `SweepThresholdsTests` fails, printing the table to paste here, when the two differ, so that a
/// change is made on purpose and with the baseline.
public enum SweepThresholds {
    public static let table: [[NormSweep.Threshold]] = [
        // mlx-proposal-t8, float32: as posted in ml-explore/mlx issue #1779 (2025-01-19), PyTorch's `thetas_float`.
        [
            .init("mlx-proposal-t8", .float32, "θ1", 1.192092800768788e-07),
            .init("mlx-proposal-t8", .float32, "θ2", 0.0005978858893805233),
            .init("mlx-proposal-t8", .float32, "θ4", 0.05116619363445086),
            .init("mlx-proposal-t8", .float32, "θ8", 0.5800524627688768),
        ],
        // mlx-proposal-t8, float64: as posted there, PyTorch's `thetas_double`.
        [
            .init("mlx-proposal-t8", .float64, "θ1", 2.220446049250313e-16),
            .init("mlx-proposal-t8", .float64, "θ2", 2.580956802971767e-08),
            .init("mlx-proposal-t8", .float64, "θ4", 0.0003397168839976962),
            .init("mlx-proposal-t8", .float64, "θ8", 0.04991228871115323),
        ],
        // pade13-higham05, float32: Higham 2005's criterion for u = 2^-24 (single-precision branches of MATLAB's and Eigen's expm).
        [
            .init("pade13-higham05", .float32, "θ3", 0.4258730016922831),
            .init("pade13-higham05", .float32, "θ5", 1.880152677804762),
            .init("pade13-higham05", .float32, "θ7", 3.92572478313866),
        ],
        // pade13-higham05, float64: Higham, SIAM J. Matrix Anal. Appl. 26(4):1179–1193, 2005, Table 2.3.
        [
            .init("pade13-higham05", .float64, "θ3", 0.01495585217958292),
            .init("pade13-higham05", .float64, "θ5", 0.253939833006323),
            .init("pade13-higham05", .float64, "θ7", 0.9504178996162932),
            .init("pade13-higham05", .float64, "θ9", 2.097847961257068),
            .init("pade13-higham05", .float64, "θ13", 5.371920351148152),
        ],
        // pade13-almohy09, float32: Higham 2005's single-precision schedule (Al-Mohy & Higham 2009 give none).
        [
            .init("pade13-almohy09", .float32, "θ3", 0.4258730016922831),
            .init("pade13-almohy09", .float32, "θ5", 1.880152677804762),
            .init("pade13-almohy09", .float32, "θ7", 3.92572478313866),
        ],
        // pade13-almohy09, float64: Al-Mohy & Higham, SIAM J. Matrix Anal. Appl. 31(3):970–989, 2009, Algorithm 5.1;
        // θ13 = 4.25 as in the authors' expm_new.m.
        [
            .init("pade13-almohy09", .float64, "θ3", 0.01495585217958292),
            .init("pade13-almohy09", .float64, "θ5", 0.253939833006323),
            .init("pade13-almohy09", .float64, "θ7", 0.9504178996162932),
            .init("pade13-almohy09", .float64, "θ9", 2.097847961257068),
            .init("pade13-almohy09", .float64, "θ13", 4.25),
        ],
        // taylor-bbc18, float32: Bader, Blanes & Casas, Mathematics 7(12):1174, 2019, u = 2^-24 (PyTorch `thetas_float`).
        [
            .init("taylor-bbc18", .float32, "θ1", 1.192092800768788e-07),
            .init("taylor-bbc18", .float32, "θ2", 0.0005978858893805233),
            .init("taylor-bbc18", .float32, "θ4", 0.05116619363445086),
            .init("taylor-bbc18", .float32, "θ8", 0.5800524627688768),
            .init("taylor-bbc18", .float32, "θ12", 1.461661507209034),
            .init("taylor-bbc18", .float32, "θ18", 3.010066362817634),
        ],
        // taylor-bbc18, float64: the same for u = 2^-53 (PyTorch `thetas_double`).
        [
            .init("taylor-bbc18", .float64, "θ1", 2.220446049250313e-16),
            .init("taylor-bbc18", .float64, "θ2", 2.580956802971767e-08),
            .init("taylor-bbc18", .float64, "θ4", 0.0003397168839976962),
            .init("taylor-bbc18", .float64, "θ8", 0.04991228871115323),
            .init("taylor-bbc18", .float64, "θ12", 0.299615891381158),
            .init("taylor-bbc18", .float64, "θ18", 1.090863719290036),
        ],
        // taylor-bbc18-fixed, float32: θ18 of Bader, Blanes & Casas 2019 (it always uses T18).
        [
            .init("taylor-bbc18-fixed", .float32, "θ18", 3.010066362817634),
        ],
        // taylor-bbc18-fixed, float64: θ18 of Bader, Blanes & Casas 2019.
        [
            .init("taylor-bbc18-fixed", .float64, "θ18", 1.090863719290036),
        ],
        // taylor-sastre, float32: Sastre, Ibáñez & Defez, Appl. Math. Comput. 340:206–220, 2019, Table 5 (expmpol.m).
        [
            .init("taylor-sastre", .float32, "θ1", 0.00034522725285844765),
            .init("taylor-sastre", .float32, "θ2", 0.007085562666589674),
            .init("taylor-sastre", .float32, "θ4", 0.09209142637615428),
            .init("taylor-sastre", .float32, "θ8", 0.6141309112480704),
            .init("taylor-sastre", .float32, "θ15+", 2.2374949363651844),
            .init("taylor-sastre", .float32, "θ21+", 3.9496380647585476),
            .init("taylor-sastre", .float32, "θ24", 4.649782224100758),
            .init("taylor-sastre", .float32, "θ30", 6.321082126301961),
        ],
        // taylor-sastre, float64: the same, double precision (expmpol.m).
        [
            .init("taylor-sastre", .float64, "θ1", 1.490116111983279e-08),
            .init("taylor-sastre", .float64, "θ2", 8.733457513635361e-06),
            .init("taylor-sastre", .float64, "θ4", 0.001678018844321752),
            .init("taylor-sastre", .float64, "θ8", 0.0695024076806978),
            .init("taylor-sastre", .float64, "θ15+", 0.6925462617470703),
            .init("taylor-sastre", .float64, "θ21+", 1.682715644786316),
            .init("taylor-sastre", .float64, "θ24", 2.21904886936509),
            .init("taylor-sastre", .float64, "θ30", 3.53966634874369),
        ],
    ]
}
