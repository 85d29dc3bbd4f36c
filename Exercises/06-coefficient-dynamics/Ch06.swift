/// Chapter 6's exercises (coefficient dynamics of sequence mixers). Each exercise is a function in this namespace, in a file of its own, so it
/// never clashes with the library function it re-derives: `Ch06.something(…)` is the student's code.
public enum Ch06 {}
