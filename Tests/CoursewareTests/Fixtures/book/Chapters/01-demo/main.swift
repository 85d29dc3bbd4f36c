//: # Chapter 1 · A demo chapter
//:
//: The first paragraph says what the chapter is about,
//: over two lines.

import Notebook

let options = Demo.parseOrExit()

Notebook.run(chapter: "01-demo", title: "Chapter 1 · A demo chapter", options: options.common) { nb in

    //: ## 1. A wave
    //:
    //: We compute a *wave* and draw it (figure `wave.png`):
    //:
    //:     w(t) = sin(t)
    //:
    //: * one bullet
    //: * two bullets
    nb.section("1. A wave")
    // A plain comment stays in the code.
    var file = nb.data("wave", header: ["t", "w"])
    nb.result("largest w", 1.0)

    //: A closing remark on section 1, after its code.

    //: ## 2. Quiet
    //:
    //: This section prints nothing of its own.
    nb.section("2. Quiet")
}
