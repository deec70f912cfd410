import Foundation

extension Statistics {
    /// The standard normal cumulative distribution function `Φ(x)`.
    ///
    /// Computed as `erfc(-x/√2) / 2` with the C library's `erfc`, which keeps full relative
    /// precision in the lower tail (`Φ(-37) ≈ 5.7e-300`).
    public static func normalCDF(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// The upper tail `1 - Φ(x)` without the cancellation of subtracting from 1.
    public static func normalSurvival(_ x: Double) -> Double {
        0.5 * erfc(x / 2.0.squareRoot())
    }

    /// The standard normal quantile `Φ⁻¹(p)`: `-∞` at 0, `+∞` at 1, NaN outside [0, 1].
    ///
    /// Method: P. J. Acklam's rational approximation (relative error below 1.15e-9), followed
    /// by one Halley step on `Φ(x) - p` using `erfc`, which brings the result to full double
    /// precision. Reference: P. J. Acklam, "An algorithm for computing the inverse normal
    /// cumulative distribution function" (2003); the refinement is the one Acklam recommends.
    public static func normalQuantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        let x = acklamQuantile(p)
        // exp(x²/2) overflows beyond |x| ≈ 37.6; out there Acklam's 1e-9 is already enough.
        guard x.magnitude < 37.5 else { return x }
        // Φ(x) − p, from the upper tail above ½ where Φ(x) would round to 1 (1 − p is exact).
        let error = p < 0.5 ? normalCDF(x) - p : (1 - p) - normalSurvival(x)
        let u = error * (2 * Double.pi).squareRoot() * exp(x * x / 2)
        return x - u / (1 + x * u / 2)
    }

    private static let acklamA: [Double] = [
        -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
        1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00,
    ]
    private static let acklamB: [Double] = [
        -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
        6.680131188771972e+01, -1.328068155288572e+01,
    ]
    private static let acklamC: [Double] = [
        -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
        -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00,
    ]
    private static let acklamD: [Double] = [
        7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
        3.754408661907416e+00,
    ]

    /// Evaluates a polynomial with coefficients from the highest power down (Horner).
    private static func horner(_ coefficients: [Double], _ x: Double) -> Double {
        coefficients.reduce(0) { $0 * x + $1 }
    }

    private static func acklamQuantile(_ p: Double) -> Double {
        let lowBreak = 0.02425
        if p < lowBreak {
            let q = (-2 * log(p)).squareRoot()
            return horner(acklamC, q) / (horner(acklamD, q) * q + 1)
        }
        if p > 1 - lowBreak {
            let q = (-2 * log1p(-p)).squareRoot()
            return -horner(acklamC, q) / (horner(acklamD, q) * q + 1)
        }
        let q = p - 0.5
        let r = q * q
        return horner(acklamA, r) * q / (horner(acklamB, r) * r + 1)
    }
}
