/// Chapter 5's exercises (sequence models as delay embeddings). Each exercise is a function in this namespace, in a file of its own, so it
/// never clashes with the library function it re-derives: `Ch05.something(…)` is the student's code.
public enum Ch05 {}
