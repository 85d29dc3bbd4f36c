import _Differentiation

// Operations that move scalars without doing arithmetic: reshape, slice and concatenate along an axis
// (the time axis 1 of [B, T, C] is the common case: windows, prefixes, shifted targets). Their pullbacks move
// the gradient back to where each scalar came from.

extension Tensor {
    /// The same scalars under a new shape with the same number of elements.
    @differentiable(reverse)
    public func reshaped(to newShape: [Int]) -> Tensor {
        precondition(newShape.reduce(1, *) == count, "reshape: \(shape) has \(count) elements, \(newShape) needs \(newShape.reduce(1, *))")
        var t = self
        t.shape = newShape
        return t
    }

    @derivative(of: reshaped)
    public func _vjpReshaped(to newShape: [Int]) -> (value: Tensor, pullback: (Tensor) -> Tensor) {
        let old = shape
        return (reshaped(to: newShape), { v in v.isSymbolicZero ? .zero : v.reshaped(to: old) })
    }

    /// Viewing the shape as [outer, length of `axis`, inner]: the unit every slice and concatenation copies.
    func blocks(_ axis: Int) -> (outer: Int, length: Int, inner: Int) {
        (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
    }

    /// The elements with index in `range` along `axis`; `x.sliced(alongAxis: 1, 2..<5)` takes time steps 2, 3, 4.
    @differentiable(reverse)
    public func sliced(alongAxis axis: Int, _ range: Range<Int>) -> Tensor {
        _vjpSliced(alongAxis: axis, range).value
    }

    @derivative(of: sliced)
    public func _vjpSliced(alongAxis axis: Int, _ range: Range<Int>) -> (value: Tensor, pullback: (Tensor) -> Tensor) {
        let a = normalizedAxis(axis)
        let (outer, length, inner) = blocks(a)
        precondition(range.lowerBound >= 0 && range.upperBound <= length, "slice: \(range) outside 0..<\(length) on axis \(a)")
        var outShape = shape
        outShape[a] = range.count
        let run = range.count * inner, start = range.lowerBound * inner
        let y = Tensor.make(outShape) { py in
            withBase { px in
                for o in 0..<outer { copyScalars(from: px + o * length * inner + start, to: py + o * run, count: run) }
            }
        }
        let inShape = shape
        return (y, { v in
            if v.isSymbolicZero { return .zero }
            var dx = Tensor(zeros: inShape)  // the gradient is zero outside the slice
            v.withBase { pv in
                dx.scalars.withUnsafeMutableBufferPointer { pdx in
                    for o in 0..<outer { copyScalars(from: pv + o * run, to: pdx.baseAddress! + o * length * inner + start, count: run) }
                }
            }
            return dx
        })
    }
}

/// Joins tensors along `axis`; all other axes must match. `concatenate([a, b], alongAxis: 1)` appends in time.
@differentiable(reverse)
public func concatenate<S>(_ tensors: [Tensor<S>], alongAxis axis: Int) -> Tensor<S> {
    _vjpConcatenate(tensors, alongAxis: axis).value
}

@derivative(of: concatenate)
public func _vjpConcatenate<S>(_ tensors: [Tensor<S>], alongAxis axis: Int)
    -> (value: Tensor<S>, pullback: (Tensor<S>) -> Array<Tensor<S>>.TangentVector) {
    precondition(!tensors.isEmpty, "concatenate: no tensors")
    let first = tensors[0]
    let a = first.normalizedAxis(axis)
    var outShape = first.shape
    outShape[a] = 0
    for t in tensors {
        var s = t.shape
        s[a] = first.shape[a]
        precondition(t.rank == first.rank && s == first.shape, "concatenate: \(t.shape) does not match \(first.shape) off axis \(a)")
        outShape[a] += t.shape[a]
    }
    let (outer, total, inner) = (first.blocks(a).outer, outShape[a], first.blocks(a).inner)
    let y = Tensor<S>.make(outShape) { py in
        var offset = 0  // where the current tensor starts along the axis
        for t in tensors {
            let run = t.shape[a] * inner
            t.withBase { pt in
                for o in 0..<outer { copyScalars(from: pt + o * run, to: py + (o * total) * inner + offset * inner, count: run) }
            }
            offset += t.shape[a]
        }
    }
    let lengths = tensors.map { $0.shape[a] }
    return (y, { v in
        var parts = [Tensor<S>]()
        var offset = 0
        for length in lengths {
            parts.append(v.isSymbolicZero ? .zero : v.sliced(alongAxis: a, offset..<(offset + length)))
            offset += length
        }
        return Array<Tensor<S>>.TangentVector(parts)
    })
}

/// Rows of `table` picked by integer ids: the embedding lookup. `ids` has any shape `idShape` (e.g. [B, T]);
/// the result is idShape + [C]. The gradient adds each output row back into the table row it came from
/// (ids that repeat collect several rows).
@differentiable(reverse, wrt: table)
public func gather<S>(rows ids: [Int], idShape: [Int]? = nil, of table: Tensor<S>) -> Tensor<S> {
    _vjpGather(rows: ids, idShape: idShape, of: table).value
}

@derivative(of: gather, wrt: table)
public func _vjpGather<S>(rows ids: [Int], idShape: [Int]? = nil, of table: Tensor<S>)
    -> (value: Tensor<S>, pullback: (Tensor<S>) -> Tensor<S>) {
    precondition(table.rank == 2, "gather: table must be [vocabulary, C], got \(table.shape)")
    let (vocabulary, c) = (table.shape[0], table.shape[1])
    let shape = idShape ?? [ids.count]
    precondition(shape.reduce(1, *) == ids.count, "gather: \(ids.count) ids do not fill shape \(shape)")
    for id in ids { precondition(id >= 0 && id < vocabulary, "gather: id \(id) outside 0..<\(vocabulary)") }
    let y = Tensor<S>.make(shape + [c]) { py in
        table.withBase { pt in for (r, id) in ids.enumerated() { copyScalars(from: pt + id * c, to: py + r * c, count: c) } }
    }
    return (y, { v in
        if v.isSymbolicZero { return .zero }
        var dt = Tensor<S>(zeros: table.shape)
        v.withBase { pv in
            dt.scalars.withUnsafeMutableBufferPointer { pdt in
                for (r, id) in ids.enumerated() { S.axpyKernel(1, pv + r * c, pdt.baseAddress! + id * c, count: c) }
            }
        }
        return dt
    })
}
