import ArgumentParser
import Foundation
import Notebook

/// Chapter 6's command line: the common options, where chapter 5's trained models are, and the learning rate
/// for the small pair the chapter trains itself when they are not there.
struct Chapter6: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ch06",
        abstract: "Chapter 6: every sequence mixer's coefficients are the impulse response of a linear system.")

    @OptionGroup var common: ChapterOptions

    @Option(help: ArgumentHelp("Folder with chapter 5's trained models (default: figures/05-sequence-embeddings/data/models "
                               + "in the workspace; without them the chapter trains its own small pair).", valueName: "folder"))
    var models: String?

    @Flag(help: ArgumentHelp("Train the chapter's own small pair even when chapter 5's models are there (a run that "
                             + "does not depend on what chapter 5 left in the workspace)."))
    var trainOwn = false

    // Not Notebook's TrainingOptions: the default depends on the scale (see main.swift, section 9).
    @Option(name: .customLong("learning-rate"),
            help: "Peak AdamW learning rate of the chapter's own pair (default: chapter 5's 1e-2; 3e-3 at --quick).")
    var learningRate: Double?

    func validate() throws {
        if let learningRate, !(learningRate > 0 && learningRate.isFinite) {
            throw ValidationError("--learning-rate must be a positive number (got \(learningRate)).")
        }
        if models != nil && trainOwn {
            throw ValidationError("--models and --train-own contradict each other: load chapter 5's models, or train a pair.")
        }
        if let models {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: models, isDirectory: &isFolder), isFolder.boolValue else {
                throw ValidationError("--models: no folder at \(models).")
            }
        }
    }
}
