import _Differentiation
import Experiments
import Learning
import LinearAlgebra
import SequenceModels

//: The three architectures and one run's specification live in `Experiments/Paper000.swift`, shared with
//: chapter 6, which reads the models this chapter saves.
typealias ModelKind = Paper000.Model
typealias RunSpec = Paper000.Run

/// A next-step model of this chapter: trainable, with a hidden state to analyse.
protocol NextStepModel: Trainable where Scalar == Float {
    @differentiable(reverse)
    func callAsFunction(_ x: Tensor<Float>) -> Tensor<Float>
    func hiddenStates(_ x: Tensor<Float>) -> Tensor<Float>
}

extension LRUModel: NextStepModel where Scalar == Float {}
extension TransformerModel: NextStepModel where Scalar == Float {}

func noiseLabel(_ noise: Double) -> String { Paper000.noiseLabel(noise) }
