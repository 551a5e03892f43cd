// Colour-blind-safe colours: Okabe and Ito's qualitative palette for methods, viridis for the heat map.

enum Palette {
    /// Okabe–Ito, ordered for contrast on white (the yellow last).
    static let categorical = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"]
    /// Dash patterns that repeat with the colours' second cycle, so more than eight series stay distinct.
    static let dashes = ["", "6 3", "2 2", "8 3 2 3"]

    static func color(_ index: Int) -> String { categorical[index % categorical.count] }
    static func dash(_ index: Int) -> String { dashes[(index / categorical.count) % dashes.count] }

    /// Viridis sampled at nine points (from matplotlib's definition), interpolated linearly.
    private static let viridis: [(Double, Double, Double)] = [
        (68, 1, 84), (72, 40, 120), (62, 73, 137), (49, 104, 142), (38, 130, 142),
        (31, 158, 137), (53, 183, 121), (110, 206, 88), (181, 222, 43), (253, 231, 37),
    ]

    /// The viridis colour of `t` in [0, 1] as `#rrggbb`.
    static func sequential(_ t: Double) -> String {
        let x = min(1, max(0, t.isFinite ? t : 0)) * Double(viridis.count - 1)
        let i = min(Int(x), viridis.count - 2)
        let f = x - Double(i)
        let (a, b) = (viridis[i], viridis[i + 1])
        func channel(_ u: Double, _ v: Double) -> String {
            let value = Int((u + (v - u) * f).rounded())
            let hex = String(value, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }
        return "#" + channel(a.0, b.0) + channel(a.1, b.1) + channel(a.2, b.2)
    }
}
