// swift-tools-version:6.0
// Takens to Transformers: a literate workspace on sequence models as delay embeddings.
//
// Layers, lowest first (see docs/decisions.md for why they are split this way):
//   CBLAS, CLAPACKE      system libraries found with pkg-config (OpenBLAS, netlib LAPACKE)
//   CMemory              one C function: glibc's mallopt, to keep large buffers for reuse (LargeBuffers.swift)
//   CKernels             Float kernels in C, compiled for SSE2, AVX2 and AVX-512 and picked at run time
//   Compute              the compute configuration: CPU, vector level, OpenBLAS core and threads, fast paths
//   LinearAlgebra        dense matrices over BLAS/LAPACK
//   Dynamics             ODEs, delay embeddings, nearest neighbours, embedding metrics
//   Learning             differentiable tensors, layers, optimisers, training loop
//   SequenceModels       LRU / S4D state-space layers, causal attention, the models of the papers
//   CoefficientDynamics  every mixer as y = αV with α the impulse response of a linear system (chapter 6)
//   Experiments          the shared protocol of the sequence chapters: observed Lorenz data, batches, probes,
//                        paper 000's trajectory ensemble and embedding scores; paper 002's synthetic task,
//                        a text corpus, the myopic/future gradient split (chapter 7); paper 000's run
//                        specification and saved runs (chapters 5 and 6); the side-by-side run queue and its
//                        progress line (chapters 5 and 7; it uses Notebook's progress bar)
//   Notebook             literate output, TSV data, progress bars, seeds, chapter options
//   Chapters/NN-name     one executable per chapter
//   Exercises/NN-name    each chapter's exercises (instructor source: solutions between markers; docs/assignments.md)
//   Courseware, t2t-tool student release, validation, grading, the woven book (make assignments/validate/grade/book)
import PackageDescription

/// One executable per chapter, read top to bottom like a notebook.
func chapter(_ number: String, _ slug: String, _ deps: [Target.Dependency]) -> Target {
    .executableTarget(
        name: "ch\(number)",
        dependencies: deps + ["Notebook", .product(name: "ArgumentParser", package: "swift-argument-parser")],
        path: "Chapters/\(number)-\(slug)"
    )
}

let package = Package(
    name: "TakensToTransformers",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        .library(name: "Dynamics", targets: ["Dynamics"]),
        .library(name: "Learning", targets: ["Learning"]),
        .library(name: "SequenceModels", targets: ["SequenceModels"]),
        .library(name: "CoefficientDynamics", targets: ["CoefficientDynamics"]),
        .library(name: "Notebook", targets: ["Notebook"]),
        .executable(name: "ch01", targets: ["ch01"]),
        .executable(name: "ch02", targets: ["ch02"]),
        .executable(name: "ch03", targets: ["ch03"]),
        .executable(name: "ch04", targets: ["ch04"]),
        .executable(name: "ch05", targets: ["ch05"]),
        .executable(name: "ch06", targets: ["ch06"]),
        .executable(name: "ch07", targets: ["ch07"]),
        .executable(name: "bench", targets: ["bench"]),
        .executable(name: "t2t-tool", targets: ["t2t-tool"]),
        .executable(name: "calibrate", targets: ["calibrate"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"]), .brew(["openblas"])]),
        .systemLibrary(name: "CLAPACKE", pkgConfig: "lapacke",
                       providers: [.apt(["liblapacke-dev"]), .brew(["lapack"])]),
        .target(name: "CMemory"),
        .target(name: "CKernels"),
        .target(name: "Compute", dependencies: ["CBLAS", "CKernels"]),
        .target(name: "LinearAlgebra",
                dependencies: ["CBLAS", "CLAPACKE", "CMemory", "CKernels", "Compute", .product(name: "Numerics", package: "swift-numerics")]),
        .target(name: "Dynamics",
                dependencies: ["LinearAlgebra", .product(name: "Numerics", package: "swift-numerics")]),
        .target(name: "Learning", dependencies: ["LinearAlgebra", "CBLAS", "CKernels"]),
        .target(name: "SequenceModels",
                dependencies: ["Learning", "LinearAlgebra", "CKernels", "Compute", .product(name: "Numerics", package: "swift-numerics")]),
        .target(name: "CoefficientDynamics",
                dependencies: ["LinearAlgebra", "Learning", "SequenceModels",
                               .product(name: "Numerics", package: "swift-numerics")]),
        .target(name: "Experiments",
                dependencies: ["Dynamics", "Learning", "LinearAlgebra", "SequenceModels", "Notebook"]),
        .target(name: "Notebook",
                dependencies: ["Compute", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        chapter("01", "takens", ["Dynamics", "LinearAlgebra"]),
        chapter("02", "next-step", ["Dynamics", "LinearAlgebra", "Learning"]),
        chapter("03", "ssm", ["Dynamics", "LinearAlgebra", "Learning", "SequenceModels", "Experiments"]),
        chapter("04", "attention", ["Dynamics", "LinearAlgebra", "Learning", "SequenceModels", "Experiments"]),
        chapter("05", "sequence-embeddings", ["Dynamics", "LinearAlgebra", "Learning", "SequenceModels", "Experiments"]),
        chapter("06", "coefficient-dynamics", ["LinearAlgebra", "Learning", "SequenceModels", "Experiments",
                                               "CoefficientDynamics",
                                               .product(name: "Numerics", package: "swift-numerics")]),
        chapter("07", "planning-ahead", ["Dynamics", "LinearAlgebra", "Learning", "SequenceModels", "Experiments"]),

        .executableTarget(name: "bench",
                          dependencies: ["CBLAS", "Compute", "LinearAlgebra", "Dynamics", "Learning", "SequenceModels", "Notebook",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Sources/Bench", exclude: ["pytorch"]),

        // The course: exercises (every Exercises/NN-name/ folder is found by SwiftPM itself) and the tools around them.
        .target(name: "Exercises",
                dependencies: ["Dynamics", "LinearAlgebra", "Learning", "SequenceModels", "Experiments",
                               .product(name: "Numerics", package: "swift-numerics")],
                path: "Exercises"),
        .target(name: "Courseware", dependencies: ["Notebook"]),

        // Every chapter's claims as numbers with calibrated bounds: checked by ChapterTests, measured over seeds and
        // compute configurations by `make calibrate` (docs/calibration.md).
        .target(name: "ChapterClaims", dependencies: ["Notebook"]),
        .executableTarget(name: "calibrate",
                          dependencies: ["ChapterClaims", "Compute", "Notebook",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Sources/Calibrate"),
        .executableTarget(name: "t2t-tool",
                          dependencies: ["Courseware", "Notebook", .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Sources/T2TTool"),

        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "CBLAS"]),
        .testTarget(name: "DynamicsTests", dependencies: ["Dynamics", "LinearAlgebra"]),
        .testTarget(name: "LearningTests", dependencies: ["Learning", "LinearAlgebra"]),
        .testTarget(name: "SequenceModelsTests", dependencies: ["SequenceModels", "Learning", "LinearAlgebra"]),
        .testTarget(name: "CoefficientDynamicsTests",
                    dependencies: ["CoefficientDynamics", "SequenceModels", "Learning", "LinearAlgebra",
                                   .product(name: "Numerics", package: "swift-numerics")]),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "Dynamics", "Learning", "LinearAlgebra", "SequenceModels"]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook"]),
        // Runs every chapter at --quick as a subprocess and checks its scientific claim from the TSVs it writes.
        .testTarget(name: "ChapterTests", dependencies: ["Notebook", "ChapterClaims"]),
        // One test function (or more) per exercise, named exerciseN_M…; `make grade` runs them one exercise at a time.
        .testTarget(name: "ExerciseTests",
                    dependencies: ["Exercises", "Dynamics", "LinearAlgebra", "Learning", "SequenceModels", "Experiments",
                                   "CoefficientDynamics", .product(name: "Numerics", package: "swift-numerics")]),
        .testTarget(name: "CoursewareTests", dependencies: ["Courseware"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v5]
)
