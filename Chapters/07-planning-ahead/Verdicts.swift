import Experiments
import Foundation
import Notebook

/// Section 7: each of paper 002's claims, and the chapter's own control, judged on this run's seeds
/// (reproduced / refuted / untested, with the reason), with the paper's numbers beside ours.
struct Chapter7Verdicts {
    let dp: SyntheticRuns
    /// probes[c][myopic ? 1 : 0][seed][layer][lag]
    let probes: [[[[[Double]]]]]
    let text: LanguageRuns
    let window: Int
    let controlProbability: Double

    /// The widest character model: where the paper's language claims are judged.
    var widest: Int { text.widths.last! }

    private func r(_ xs: [Double], _ digits: Int = 3) -> String { Spread(xs).text(digits: digits) }

    /// A comparison against a model that never learned says nothing: vanilla ÷ baseline ≥ 0.9 on every seed.
    private func neverLearned(_ c: Int) -> Bool { dp.ratios(c, myopic: false).allSatisfy { $0 >= 0.9 } }

    func print(_ nb: Notebook) {
        let seeds = dp.seeds.indices
        // 1. p = 1: vanilla far below the baseline, myopic at it.
        let v1 = dp.ratios(0, myopic: false), m1 = dp.ratios(0, myopic: true)
        let claim1 = "Claim 1 (on D_p at p = 1 vanilla training pre-caches and myopic training cannot: vanilla below half the "
            + "baseline, myopic above 0.9 of it)"
        nb.verdict(claim1, neverLearned(0) ? .untested(because: "the vanilla model never learned the task")
                   : Verdict(holdsPerSeed: seeds.map { v1[$0] < 0.5 && m1[$0] > 0.9 }),
                   "vanilla \(r(v1)), myopic \(r(m1)) of the baseline; paper 002: vanilla 0.003–0.1 of it (loss 0.003–0.096 "
                   + "against 1.257), myopic exactly at it.")

        // 2. Probes at p = 1.
        let vanillaSine = seeds.map { probes[0][0][$0][1][0] }
        let myopicMost = seeds.map { s in probes[0][1][s].map { $0[0...window].max()! }.max()! }
        nb.verdict("Claim 2 (the vanilla model's layer 1 holds sin(w·xₙ), which position n never uses, and the myopic model "
                   + "holds none: R² above 0.5 against below 0.2 at every layer and lag)",
                   neverLearned(0) ? .untested(because: "the vanilla model never learned the task")
                   : Verdict(holdsPerSeed: seeds.map { vanillaSine[$0] > 0.5 && myopicMost[$0] < 0.2 }),
                   "vanilla layer 1, lag 0: R² \(r(vanillaSine)); myopic, largest over layers and lags 0…\(window): "
                   + "\(r(myopicMost)); paper 002: 0.985 and ≤ 0.015.")

        // 3. p < 1: the paper's myopic models stay near the baseline.
        let paperRatio: [Double: String] = [0.3: "0.82", 0.1: "0.77", 0.03: "—"]
        let lower = dp.conditions.indices.filter { dp.conditions[$0].probability < 1 && dp.conditions[$0].copiesPresent }
        if lower.isEmpty {
            nb.verdict("Claim 3 (at p < 1 the myopic model stays near the baseline)", .untested(because: "this scale trains p = 1 only"), "")
        }
        for c in lower {
            let p = dp.conditions[c].probability
            let m = dp.ratios(c, myopic: true)
            nb.verdict("Claim 3 (at p = \(pText(p)) the myopic model stays near the baseline: above 0.75 of it)",
                       neverLearned(c) ? .untested(because: "the vanilla model never learned the task at this p")
                       : Verdict(holdsPerSeed: m.map { $0 > 0.75 }),
                       "myopic \(r(m)), vanilla \(r(dp.ratios(c, myopic: false))) of the baseline; layer-1 probe for sin(w·xₙ): "
                       + "myopic R² \(r(seeds.map { probes[c][1][$0][1][0] })); paper 002: myopic \(paperRatio[p] ?? "—") of "
                       + "the baseline, probe R² ≤ 0.015.")
        }

        // 4. Our control: without a present that needs x_n, less of what the present builds can serve the future.
        let claim4 = "Claim 4 (ours, not the paper's: part of the myopic model's head start at p < 1 comes from features of "
            + "xₙ that the positions with z = 0 need: in the control at p = \(pText(controlProbability)), where z = 0 asks "
            + "for 0, the myopic model ends closer to the baseline than in the paper's task, while the vanilla model "
            + "still learns (below half the baseline))"
        if let control = dp.condition(p: controlProbability, control: true), let twin = dp.condition(p: controlProbability) {
            let mc = dp.ratios(control, myopic: true), vc = dp.ratios(control, myopic: false), mt = dp.ratios(twin, myopic: true)
            let verdict: Verdict = neverLearned(control) ? .untested(because: "the vanilla model never learned the control")
                : mt.allSatisfy({ $0 > 0.9 }) ? .untested(because: "the myopic model had no head start to explain")
                : Verdict(holdsPerSeed: seeds.map { mc[$0] > mt[$0] && vc[$0] < 0.5 })
            nb.verdict(claim4, verdict, "myopic \(r(mc)) of the baseline in the control against \(r(mt)) in the paper's task; "
                       + "vanilla \(r(vc)) in the control; myopic layer-1 probe R² for sin(w·xₙ) "
                       + "\(r(seeds.map { probes[control][1][$0][1][0] })) in the control against "
                       + "\(r(seeds.map { probes[twin][1][$0][1][0] })).")
        } else {
            nb.verdict(claim4, .untested(because: "this run has no control"), "")
        }

        // 5–8: language.
        let gap = text.gap(.myopic, widest), selfGap = text.gap(.selfOnly, widest)
        let fraction = zip(gap, selfGap).map { $0 / $1 }
        let contextHelps = selfGap.allSatisfy { $0 > 0 }
        nb.verdict("Claim 5 (on text myopic training loses little: its gap to vanilla is under a quarter of what context is "
                   + "worth, the self-only model's gap; width \(widest))",
                   contextHelps ? Verdict(holdsPerSeed: fraction.map { $0 < 0.25 })
                   : .untested(because: "the vanilla model does not beat the self-only one on every seed"),
                   "myopia gap \(r(gap)) bits against \(r(selfGap)) for self-only, a fraction \(r(fraction)); paper 002 (GPT-2): "
                   + "0.12 nats against 2.05, a fraction 0.06.")

        let byPosition = text.gapByPosition(widest)
        let early = byPosition.map { $0[0] }, late = byPosition.map { $0[32...].mean }
        nb.verdict("Claim 6 (the gap grows along the context: larger over positions 32–63 than at position 0; width \(widest))",
                   Verdict(holdsPerSeed: seeds.map { late[$0] > early[$0] }),
                   "position 0: \(r(early)) bits, positions 32–63: \(r(late)); paper 002: −0.10 nats at position 0, "
                   + "+0.12 by position 60.")

        let bonus = text.gap(.localMyopic, widest).map { -$0 }, excess = text.excessBonus(widest)
        let gain = text.gap(.continued, widest).map { -$0 }
        nb.verdict("Claim 7 (the vanilla model gives up little at the present for the future: a local myopia bonus, beyond "
                   + "what the same extra steps of ordinary training buy, under half the myopia gap; width \(widest))",
                   gap.allSatisfy({ $0 > 0 }) ? Verdict(holdsPerSeed: seeds.map { excess[$0] < 0.5 * gap[$0] })
                   : .untested(because: "there is no myopia gap to compare with on every seed"),
                   "bonus \(r(bonus)) bits, of which the extra steps alone buy \(r(gain)): beyond them \(r(excess)) (a lower "
                   + "bound: see section 5), against a gap of \(r(gap)); paper 002 (GPT-2, trained to convergence): "
                   + "0.02 nats against 0.12.")

        // 8. Scale: the end points only mean something once training has flattened out.
        let tail = text.runs.filter { LanguageVariant.fromScratch.contains($0.variant) }.map { run -> Double in
            let c = run.curve
            return c[c.count - 3].bits - c.last!.bits   // the drop over the last fifth (evaluations every tenth)
        }
        let gaps = text.widths.map { text.gap(.myopic, $0) }
        let growing = seeds.map { s in zip(gaps, gaps.dropFirst()).allSatisfy { $0[s] < $1[s] } }
        let stillFalling = tail.max() ?? .infinity
        let scaleVerdict: Verdict = stillFalling > 0.02
            ? .untested(because: "the models have not converged: a loss still falls by up to "
                        + "\(Format.number(stillFalling, digits: 2)) bits over the last fifth of training, and a myopic model "
                        + "learns to use the context later, so at a fixed step budget the gap mixes speed with the end point")
            : Verdict(holdsPerSeed: growing)
        nb.verdict("Claim 8 (the myopia gap grows with model size)", scaleVerdict,
                   "gap " + text.widths.enumerated().map { "\(r(gaps[$0.offset])) at width \($0.element)" }.joined(separator: ", ")
                   + " (\(text.run(.vanilla, text.widths[0], seed: 0).parameters)–\(text.run(.vanilla, widest, seed: 0).parameters) "
                   + "parameters); paper 002: Pythia's gap first shrinks (0.16, 0.11, 0.04 nats from 14M to 70M parameters), "
                   + "then grows (0.23 at 2.8B): our models are 100–1,000× smaller than its smallest.")
    }
}
