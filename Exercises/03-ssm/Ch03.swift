/// Chapter 3's exercises (state-space layers as filtered delay embeddings). Each exercise is a function in this namespace, in a file of its own, so it
/// never clashes with the library function it re-derives: `Ch03.something(…)` is the student's code.
public enum Ch03 {}
