//: ## Exercise 1.3 · Features that can read z
//:
//: Section 6 showed that a *linear* read-out of the delay vector v(t) cannot recover z: the Lorenz equations are
//: unchanged by (x, y, z) → (−x, −y, z), so the mirrored state has delay vector −v with the same z, and a linear
//: function gives v and −v opposite values. Cross mapping, a nonlinear decoder, could.
//:
//: Give the linear read-out better inputs. Write a function that turns one delay vector into a list of *features*;
//: the test fits a ridge regression from your features to z on the first half of a Lorenz series and scores it on
//: the second half. It passes when the held-out R² of z is at least 0.9 with at most 40 features per vector (the
//: raw vector v scores about 0). Think about which functions of v are unchanged when v → −v.

extension Ch01 {
    /// Features of one delay vector v from which a *linear* read-out can recover z.
    public static func zFeatures(_ v: [Double]) throws -> [Double] {
        // BEGIN SOLUTION
        // Every product v_i v_j is even in v, as z is; with the constant the ridge's intercept handles, the
        // quadratic terms are the smallest set that works (chapter 1's "ridge on v ⊗ v").
        var features: [Double] = []
        for i in v.indices {
            for j in i..<v.count { features.append(v[i] * v[j]) }
        }
        return features
        // END SOLUTION
    }
}
