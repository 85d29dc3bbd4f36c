// tanh for Float without calling the C library.
//
// GELU spends most of its time in tanh, and libm's `tanhf` is an opaque function call per element, which also
// stops the compiler from vectorising the loop around it (a 256×64 GELU took longer than the matrix products).
// This is the rational approximation Eigen, TensorFlow and XLA use: an odd degree-13 polynomial over an even
// degree-6 polynomial, fitted on [-7.9, 7.9]; beyond that tanh is ±1 to Float precision. Its error is a few
// units in the last place (tests check it against Double's tanh: absolute error < 4e-7). Double keeps libm's tanh, so
// gradient checks in Double are unaffected.

@inline(__always)
func rationalTanh(_ a: Float) -> Float {
    let x = Swift.min(Swift.max(a, -7.90531110763549805), 7.90531110763549805)
    let x2 = x * x
    var p: Float = -2.76076847742355e-16
    p = p * x2 + 2.00018790482477e-13
    p = p * x2 - 8.60467152213735e-11
    p = p * x2 + 5.12229709037114e-08
    p = p * x2 + 1.48572235717979e-05
    p = p * x2 + 6.37261928875436e-04
    p = p * x2 + 4.89352455891786e-03
    p = p * x
    var q: Float = 1.19825839466702e-06
    q = q * x2 + 1.18534705686654e-04
    q = q * x2 + 2.26843463243900e-03
    q = q * x2 + 4.89352518554385e-03
    // Near 0 the quotient loses relative accuracy; tanh x = x to Float precision there.
    return Swift.abs(a) < 0.0004 ? a : p / q
}
