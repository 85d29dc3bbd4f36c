/// Chapter 7's exercises (do sequence models plan ahead?). Each exercise is a function in this namespace, in a file of its own, so it
/// never clashes with the library function it re-derives: `Ch07.something(…)` is the student's code.
public enum Ch07 {}
