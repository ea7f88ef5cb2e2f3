/// A rectangle in PDF points with the origin at the top left of the page
/// (poppler's text API already uses that orientation).
public struct BBox: Hashable, Sendable, Codable {
    public var x0: Double
    public var y0: Double
    public var x1: Double
    public var y1: Double

    public init(x0: Double, y0: Double, x1: Double, y1: Double) {
        self.x0 = x0; self.y0 = y0; self.x1 = x1; self.y1 = y1
    }

    public var width: Double { x1 - x0 }
    public var height: Double { y1 - y0 }
    public var midY: Double { (y0 + y1) / 2 }

    /// The smallest box holding both.
    public func union(_ other: BBox) -> BBox {
        BBox(x0: min(x0, other.x0), y0: min(y0, other.y0), x1: max(x1, other.x1), y1: max(y1, other.y1))
    }

    // Encoded as [x0, y0, x1, y1], the compact form the output contract uses.
    public init(from decoder: Decoder) throws {
        var c = try decoder.unkeyedContainer()
        self.init(x0: try c.decode(Double.self), y0: try c.decode(Double.self),
                  x1: try c.decode(Double.self), y1: try c.decode(Double.self))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.unkeyedContainer()
        for v in [x0, y0, x1, y1] { try c.encode((v * 100).rounded() / 100) }
    }
}
